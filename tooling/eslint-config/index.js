// Shared flat-config arrays. `library` for published packages, `nest` for the server.
'use strict';

const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const importX = require('eslint-plugin-import-x');

const ignores = { ignores: ['dist/**', 'coverage/**', 'reports/**', '**/fixtures/**', '*.config.js', 'eslint.config.js'] };

function base(tsconfigRootDir) {
  return [
    ignores,
    js.configs.recommended,
    ...tseslint.configs.recommendedTypeChecked,
    {
      languageOptions: { parserOptions: { projectService: true, tsconfigRootDir } },
      plugins: { 'import-x': importX },
      rules: {
        '@typescript-eslint/no-floating-promises': 'error',
        '@typescript-eslint/no-misused-promises': 'error',
        '@typescript-eslint/switch-exhaustiveness-check': 'error',
        '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
        '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
        'no-console': 'error',
        'import-x/no-default-export': 'error',
        'no-restricted-imports': ['error', { patterns: ['@csbr/*/src/*', '@csbr/*/dist/*'] }],
      },
    },
    {
      files: ['**/*.spec.ts', '**/*.e2e-spec.ts', 'test/**/*.ts'],
      rules: {
        '@typescript-eslint/no-unsafe-assignment': 'off',
        '@typescript-eslint/no-unsafe-member-access': 'off',
        '@typescript-eslint/no-unsafe-argument': 'off',
        '@typescript-eslint/no-unsafe-call': 'off',
        '@typescript-eslint/no-unsafe-return': 'off',
        '@typescript-eslint/unbound-method': 'off',
        '@typescript-eslint/no-non-null-assertion': 'off',
      },
    },
  ];
}

/** Published packages. Providers additionally may not import NestJS, TypeORM or other providers. */
function library(tsconfigRootDir, options = {}) {
  const config = base(tsconfigRootDir);
  if (options.provider) {
    config.push(
      {
        files: ['src/**/*.ts'],
        rules: {
          'no-restricted-imports': [
            'error',
            { patterns: ['@csbr/*/src/*', '@csbr/*/dist/*', '@nestjs/*', 'typeorm', '@csbr/provider-*'] },
          ],
        },
      },
      // Discovery loads the provider definition from the entry's default export.
      { files: ['src/index.ts'], rules: { 'import-x/no-default-export': 'off' } },
    );
  }
  return config;
}

function nest(tsconfigRootDir) {
  const config = base(tsconfigRootDir);
  config.push({
    files: ['src/**/*.ts'],
    rules: {
      // Nest injects by emitted constructor metadata: type-only imports would erase it.
      '@typescript-eslint/consistent-type-imports': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
    },
  });
  return config;
}

module.exports = { base, library, nest };

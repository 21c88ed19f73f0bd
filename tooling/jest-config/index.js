// Shared jest configuration: TypeScript through @swc/jest with decorator metadata (Nest needs it;
// esbuild-based transformers do not emit it), compiled output and fixtures' node_modules ignored.
'use strict';

const swcTransform = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

/**
 * Builds a jest config for one package.
 * @param {import('jest').Config} overrides
 * @returns {import('jest').Config}
 */
function defineJestConfig(overrides = {}) {
  return {
    testEnvironment: 'node',
    transform: { '^.+\\.(t|j)s$': swcTransform },
    moduleFileExtensions: ['ts', 'js', 'json'],
    testPathIgnorePatterns: ['/node_modules/', '/dist/'],
    modulePathIgnorePatterns: ['<rootDir>/dist/'],
    ...overrides,
  };
}

module.exports = { defineJestConfig };

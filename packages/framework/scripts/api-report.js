// Reports the public API of each entry point of @csbr/framework into api-report/<entry>.api.md with
// API Extractor. `--update` writes the reports (commit them with the change); without it the check
// fails when the API differs from the committed report, so an API change never goes unnoticed.
'use strict';

const { join } = require('node:path');
const { Extractor, ExtractorConfig } = require('@microsoft/api-extractor');

const root = join(__dirname, '..');
const update = process.argv.includes('--update');

/** Entry point name → its declaration file in dist (built first). */
const ENTRIES = {
  framework: 'dist/index.d.ts',
  host: 'dist/host/index.d.ts',
  testing: 'dist/testing/index.d.ts',
};

let failed = false;
for (const [name, entry] of Object.entries(ENTRIES)) {
  const config = ExtractorConfig.prepare({
    packageJsonFullPath: join(root, 'package.json'),
    configObject: {
      projectFolder: root,
      mainEntryPointFilePath: join(root, entry),
      // The report reads the built declarations only.
      compiler: {
        overrideTsconfig: {
          compilerOptions: { target: 'ES2022', lib: ['ES2022'], module: 'node16', moduleResolution: 'node16', strict: true, skipLibCheck: true, types: ['node'] },
          files: [join(root, entry)],
        },
      },
      apiReport: {
        enabled: true,
        reportFileName: `${name}.api.md`,
        reportFolder: join(root, 'api-report'),
        reportTempFolder: join(root, 'dist', 'api-report-temp'),
      },
      docModel: { enabled: false },
      dtsRollup: { enabled: false },
      tsdocMetadata: { enabled: false },
      messages: {
        // Entry points share types; a type exported from another entry is not an error here.
        extractorMessageReporting: {
          'ae-missing-release-tag': { logLevel: 'none' },
          'ae-forgotten-export': { logLevel: 'none' },
          'ae-unresolved-link': { logLevel: 'none' },
          'ae-internal-missing-underscore': { logLevel: 'none' },
        },
        tsdocMessageReporting: { default: { logLevel: 'none' } },
      },
    },
  });
  const result = Extractor.invoke(config, { localBuild: update, showVerboseMessages: false });
  if (!result.succeeded) {
    failed = true;
    console.error(
      `The public API of @csbr/framework (${name}) differs from api-report/${name}.api.md. ` +
        'Check that the change follows the contract rules (api-report/README.md), then run `pnpm --filter @csbr/framework api-report` and commit the report.',
    );
  } else if (result.apiReportChanged) {
    console.log(`api-report/${name}.api.md updated`);
  }
}
process.exit(failed ? 1 : 0);

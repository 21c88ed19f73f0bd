#!/usr/bin/env node
import 'reflect-metadata';

import { runCli } from './cli/cli-main';
import { processOutput } from './cli/cli-output';

/** The `csbr` command (package.json `bin`). Exits explicitly: a failed boot may hold connections open. */
if (require.main === module) {
  runCli(process.argv.slice(2), process.env, processOutput).then(
    (code) => process.exit(code),
    (error: unknown) => {
      processOutput.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}

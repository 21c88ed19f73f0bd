import 'reflect-metadata';

import { startServer } from './bootstrap/create-app';
import { loadServerConfig } from './config/env';
import { createRootLogger } from './logging/root-logger';

/**
 * Reads the environment, starts the server, exits 1 when boot fails. Called by `dist/main.js`,
 * from the one-file bundle (`dist/bundle/start.js`) or from the compiled modules.
 */
export function run(): void {
  main().catch((error: unknown) => {
    // One line: what failed and why. Errors that reach here are reported by message only; the
    // database wait and the settings check already word theirs for an operator.
    // A logger of its own: the settings may have failed before the server's logger existed.
    createRootLogger({ level: 'info' }).fatal({ context: 'Server' }, error instanceof Error ? error.message : String(error));
    // A boot that failed half-way may hold database connections open: exit explicitly.
    process.exit(1);
  });
}

async function main(): Promise<void> {
  const config = loadServerConfig();
  await startServer(config);
}

import 'reflect-metadata';

import { Logger } from '@nestjs/common';

import { startServer } from './bootstrap/create-app';
import { loadServerConfig } from './config/env';

/** `node dist/main.js`: reads the environment, starts the server, exits 1 when boot fails. */
async function main(): Promise<void> {
  const config = loadServerConfig();
  await startServer(config);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    new Logger('Server').error(error instanceof Error ? error.message : String(error));
    // A boot that failed half-way may hold database connections open: exit explicitly.
    process.exit(1);
  });
}

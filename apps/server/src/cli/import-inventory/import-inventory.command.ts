import { readFile } from 'node:fs/promises';

import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';

import { hashPassword } from '../../bootstrap/password-hasher';
import { type Environment, loadServerConfig } from '../../config/env';
import { SecretCipher } from '../../configuration/secret-cipher';
import { CliFoundationModule } from '../cli-foundation.module';
import { type CliOutput } from '../cli-output';
import { importInventory } from './import-inventory';
import { parseInventoryFile } from './inventory-file';

/** `csbr import-inventory <file.json> [--batch-size <n>]`. */
export interface ImportInventoryArguments {
  readonly file: string;
  readonly batchSize?: number;
}

/**
 * Reads and checks the file, boots the server's foundation on the configured database (the same
 * environment as the server: `DATABASE_URL`, `CSBR_DATA_DIR`, `CSBR_ENCRYPTION_KEY`), imports, and
 * prints what it did.
 */
export async function runImportInventory(
  args: ImportInventoryArguments,
  env: Environment,
  output: CliOutput,
): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(args.file, 'utf8'));
  } catch (error) {
    throw new Error(`Cannot read ${args.file} as JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const inventory = parseInventoryFile(json);
  const config = loadServerConfig(env);
  const app = await NestFactory.createApplicationContext(CliFoundationModule.forRoot(config), {
    logger: ['fatal', 'error', 'warn'],
    abortOnError: false,
  });
  try {
    const started = Date.now();
    let lastReported = 0;
    const summary = await importInventory(app.get(DataSource), inventory, {
      cipher: app.get(SecretCipher),
      hashPassword,
      batchSize: args.batchSize,
      onProgress: (done, total) => {
        // One line per ~10% so that a 50k import shows progress without flooding the terminal.
        if (done === total || done - lastReported >= Math.max(1, Math.floor(total / 10))) {
          lastReported = done;
          output.info(`  ${done}/${total} VMs`);
        }
      },
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    output.info(
      `Imported ${summary.zones.created} zones (${summary.zones.existing} existing), ` +
        `${summary.domains.created} domains (${summary.domains.existing} existing), ` +
        `${summary.accounts.created} accounts (${summary.accounts.existing} existing) with ${summary.users} users, ` +
        `${summary.vms} VMs with ${summary.volumes} volumes in ${seconds} s`,
    );
  } finally {
    await app.close();
  }
}

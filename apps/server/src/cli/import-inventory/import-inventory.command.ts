import { readFile } from 'node:fs/promises';

import { DataSource } from 'typeorm';

import { hashPassword } from '../../bootstrap/password-hasher';
import { type Environment } from '../../config/env';
import { SecretCipher } from '../../configuration/secret-cipher';
import { withCliContext } from '../cli-context';
import { type CliOutput } from '../cli-output';
import { UsageError } from '../usage-error';
import { importInventory } from './import-inventory';
import { parseInventoryFile } from './inventory-file';

export const IMPORT_INVENTORY_USAGE = [
  'Usage: csbr import-inventory <file.json> [--batch-size <n>]',
  '',
  'Records zones, domains, accounts (with users) and VMs (with volumes) from a JSON file, in batches',
  'of <n> VMs per transaction (1000 by default). Names are checked before anything is written;',
  'existing zones, domains and accounts are reused. The file\'s format is in the README ("Bulk',
  'inventory import"). With the embedded database, stop the server first.',
].join('\n');

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
  await withCliContext(env, async (app) => {
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
  });
}

export function parseImportArguments(args: readonly string[]): { file: string; batchSize?: number } {
  let file: string | undefined;
  let batchSize: number | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--batch-size' || arg.startsWith('--batch-size=')) {
      const value = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[(index += 1)];
      batchSize = Number(value);
      if (value === undefined || !Number.isInteger(batchSize) || batchSize < 1) {
        throw new UsageError('--batch-size needs a whole number of VMs, at least 1');
      }
    } else if (arg.startsWith('-')) {
      throw new UsageError(`Unknown option: ${arg}`);
    } else if (file === undefined) {
      file = arg;
    } else {
      throw new UsageError(`Unexpected argument: ${arg}`);
    }
  }
  if (file === undefined) throw new UsageError('import-inventory needs the path of a JSON file');
  return batchSize === undefined ? { file } : { file, batchSize };
}

import { type Environment } from '../config/env';
import { type CliOutput } from './cli-output';
import { runImportInventory } from './import-inventory/import-inventory.command';

export const CLI_USAGE = [
  'Usage: csbr <command> [options]',
  '',
  'Commands:',
  '  import-inventory <file.json> [--batch-size <n>]',
  '      Records zones, domains, accounts (with users) and VMs (with volumes) from a JSON file,',
  '      in batches of <n> VMs per transaction (1000 by default). Uses the server\'s environment',
  '      (DATABASE_URL, CSBR_DATA_DIR, CSBR_ENCRYPTION_KEY). With the embedded database, stop the',
  '      server first.',
  '  help',
  '      Shows this text.',
].join('\n');

/** Wrong command line: the usage goes with the message. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Runs the command line `args` (without `node` and the script) and returns the exit code: 0 done,
 * 1 failed, 2 wrong usage.
 */
export async function runCli(args: readonly string[], env: Environment, output: CliOutput): Promise<number> {
  try {
    const [command, ...rest] = args;
    switch (command) {
      case 'import-inventory':
        await runImportInventory(parseImportArguments(rest), env, output);
        return 0;
      case undefined:
      case 'help':
      case '--help':
      case '-h':
        output.info(CLI_USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`Unknown command: ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError) {
      output.error(`${error.message}\n\n${CLI_USAGE}`);
      return 2;
    }
    output.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function parseImportArguments(args: readonly string[]): { file: string; batchSize?: number } {
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

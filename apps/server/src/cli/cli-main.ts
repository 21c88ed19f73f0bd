import { type Environment } from '../config/env';
import { type CliOutput } from './cli-output';
import { CONFIG_USAGE, parseConfigArguments, runConfig } from './config/config.command';
import { IMPORT_INVENTORY_USAGE, parseImportArguments, runImportInventory } from './import-inventory/import-inventory.command';
import { MIGRATE_USAGE, runMigrate } from './migrate/migrate.command';
import { parseStatusArguments, runStatus, STATUS_USAGE } from './status/status.command';
import { UsageError } from './usage-error';

export { UsageError } from './usage-error';

/** One subcommand: its help text and what it runs. */
interface Subcommand {
  readonly summary: string;
  readonly usage: string;
  run(args: readonly string[], env: Environment, output: CliOutput): Promise<void>;
}

const SUBCOMMANDS: Readonly<Record<string, Subcommand>> = {
  migrate: {
    summary: 'run the database migrations, then exit',
    usage: MIGRATE_USAGE,
    run: async (args, env, output) => {
      if (args[0] !== undefined) throw new UsageError(`Unexpected argument: ${args[0]}`);
      await runMigrate(env, output);
    },
  },
  config: {
    summary: 'read or set a configuration key, globally or for one zone',
    usage: CONFIG_USAGE,
    run: (args, env, output) => runConfig(parseConfigArguments(args), env, output),
  },
  status: {
    summary: 'instances, providers, zones and failing jobs',
    usage: STATUS_USAGE,
    run: (args, env, output) => runStatus(parseStatusArguments(args), env, output),
  },
  'import-inventory': {
    summary: 'record zones, domains, accounts and VMs from a JSON file',
    usage: IMPORT_INVENTORY_USAGE,
    run: (args, env, output) => runImportInventory(parseImportArguments(args), env, output),
  },
};

export const CLI_USAGE = [
  'Usage: csbr <command> [options]        (csbr <command> --help for one command)',
  '',
  'Commands:',
  ...Object.entries(SUBCOMMANDS).map(([name, command]) => `  ${name.padEnd(18)}${command.summary}`),
  `  ${'help [<command>]'.padEnd(18)}show this text, or a command's`,
  '',
  'Every command uses the server\'s environment: DATABASE_URL (or the embedded database in',
  'CSBR_DATA_DIR), CSBR_ENCRYPTION_KEY, CSBR_DATABASE_WAIT_SECONDS. With the embedded database, stop the',
  'server first. Exit codes: 0 done, 1 failed, 2 wrong command line.',
].join('\n');

const HELP_FLAGS = new Set(['--help', '-h', 'help']);

/**
 * Runs the command line `args` (without `node` and the script) and returns the exit code: 0 done,
 * 1 failed, 2 wrong usage.
 */
export async function runCli(args: readonly string[], env: Environment, output: CliOutput): Promise<number> {
  const [name, ...rest] = args;
  if (name === undefined) {
    output.error(CLI_USAGE);
    return 2;
  }
  if (HELP_FLAGS.has(name)) {
    const about = rest[0] === undefined ? undefined : SUBCOMMANDS[rest[0]];
    if (rest[0] !== undefined && about === undefined) return usageError(output, `Unknown command: ${rest[0]}`, CLI_USAGE);
    output.info(about?.usage ?? CLI_USAGE);
    return 0;
  }
  const command = Object.hasOwn(SUBCOMMANDS, name) ? SUBCOMMANDS[name] : undefined;
  if (command === undefined) return usageError(output, `Unknown command: ${name}`, CLI_USAGE);
  if (rest.some((arg) => arg === '--help' || arg === '-h')) {
    output.info(command.usage);
    return 0;
  }
  try {
    await command.run(rest, env, output);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) return usageError(output, error.message, command.usage);
    output.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

function usageError(output: CliOutput, message: string, usage: string): number {
  output.error(`${message}\n\n${usage}`);
  return 2;
}

#!/usr/bin/env node
import { scaffoldProvider } from './scaffold';

const USAGE = `Usage: create-provider <name> [--dir <path>] [--description <text>]

Scaffolds a csbr backup provider package named csbr-provider-<name>:
  pnpm create @csbr/provider acme
  npm init @csbr/provider acme

Options:
  --dir <path>          where to write it (default: ./csbr-provider-<name>)
  --description <text>  the provider's description, shown by listBackupProviders
  --help                this text
`;

function main(argv: readonly string[]): number {
  const args = [...argv];
  if (args.includes('--help') || args.includes('-h')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const option = (flag: string): string | undefined => {
    const index = args.indexOf(flag);
    if (index === -1) return undefined;
    const [, value] = args.splice(index, 2);
    return value;
  };
  const directory = option('--dir');
  const description = option('--description');
  const [name, ...extra] = args;
  if (name === undefined || extra.length > 0 || name.startsWith('-')) {
    process.stderr.write(USAGE);
    return 2;
  }
  try {
    const result = scaffoldProvider({
      name,
      ...(directory === undefined ? {} : { directory }),
      ...(description === undefined ? {} : { description }),
    });
    process.stdout.write(
      `Created ${result.packageName} in ${result.directory} (contract ${result.contractRange}, @csbr/framework ${result.frameworkRange}).\n\n` +
        `Next:\n  cd ${result.directory}\n  npm install\n  npm run build\n  npm test\n`,
    );
    return 0;
  } catch (error) {
    process.stderr.write(`create-provider: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}

process.exitCode = main(process.argv.slice(2));

import { type ProviderRegistry } from '@csbr/framework/host';
import { DataSource } from 'typeorm';

import { type Environment } from '../../config/env';
import { ConfigurationService } from '../../configuration/configuration.service';
import { PROVIDER_REGISTRY } from '../../providers/provider-registry.token';
import { withCliContext } from '../cli-context';
import { type CliOutput } from '../cli-output';
import { UsageError } from '../usage-error';
import { formatStatus, readStatus } from './status-report';

export const STATUS_USAGE = [
  'Usage: csbr status [--json]',
  '',
  'Shows the server instances sharing the database (mshost: state, address, last heartbeat), the',
  'backup providers this installation has, each zone (backup enabled or not, its provider, and',
  'whether that provider is registered), and the async jobs: pending, running, and the ones that',
  'failed in the last 24 hours with their error. --json prints the same as one JSON object.',
].join('\n');

export function parseStatusArguments(args: readonly string[]): { json: boolean } {
  let json = false;
  for (const arg of args) {
    if (arg === '--json') json = true;
    else throw new UsageError(`Unexpected argument: ${arg}`);
  }
  return { json };
}

/** `csbr status`: read-only. */
export async function runStatus(args: { json: boolean }, env: Environment, output: CliOutput): Promise<void> {
  await withCliContext(env, async (app) => {
    const report = await readStatus(
      app.get(DataSource),
      app.get(ConfigurationService),
      app.get<ProviderRegistry>(PROVIDER_REGISTRY),
    );
    if (args.json) output.info(JSON.stringify(report, null, 2));
    else for (const line of formatStatus(report)) output.info(line);
  });
}

import { type INestApplicationContext } from '@nestjs/common';
import { DataSource, IsNull } from 'typeorm';

import { type Environment } from '../../config/env';
import { ConfigurationService } from '../../configuration/configuration.service';
import { DataCenterEntity } from '../../database/entities/data-center.entity';
import { withCliContext } from '../cli-context';
import { type CliOutput } from '../cli-output';
import { UsageError } from '../usage-error';

export const CONFIG_USAGE = [
  'Usage: csbr config get <name> [--zone <zone>]',
  '       csbr config set <name> <value> [--zone <zone>]',
  '',
  'Reads or sets a configuration key, as listConfigurations / updateConfiguration do: globally, or with',
  '--zone (a zone name or uuid) for one zone (zone-scoped keys only). `set` checks the value like the API',
  '(type, range, scope) and refuses a bad one with the API\'s message; secure values are stored encrypted',
  'and `get` shows them as ********. `get` prints the value that applies (zone, else global, else default).',
].join('\n');

export interface ConfigArguments {
  readonly action: 'get' | 'set';
  readonly name: string;
  readonly value?: string;
  readonly zone?: string;
}

/** Parses `get <name> [--zone z]` / `set <name> <value> [--zone z]`. */
export function parseConfigArguments(args: readonly string[]): ConfigArguments {
  const positional: string[] = [];
  let zone: string | undefined;
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '--zone' || arg.startsWith('--zone=')) {
      zone = arg.includes('=') ? arg.slice(arg.indexOf('=') + 1) : args[(index += 1)];
      if (zone === undefined || zone === '') throw new UsageError('--zone needs a zone name or uuid');
    } else if (arg.startsWith('--')) {
      throw new UsageError(`Unknown option: ${arg}`);
    } else {
      positional.push(arg);
    }
  }
  const [action, name, value, ...extra] = positional;
  if (action !== 'get' && action !== 'set') throw new UsageError('config needs get or set');
  if (name === undefined) throw new UsageError(`config ${action} needs the name of a configuration key`);
  if (action === 'set' && value === undefined) throw new UsageError('config set needs a value');
  const unexpected = action === 'get' ? [value, ...extra] : extra;
  if (unexpected[0] !== undefined) throw new UsageError(`Unexpected argument: ${unexpected[0]}`);
  return { action, name, ...(value === undefined ? {} : { value }), ...(zone === undefined ? {} : { zone }) };
}

/** `csbr config get|set`: the configuration service the API uses, so the same checks apply. */
export async function runConfig(args: ConfigArguments, env: Environment, output: CliOutput): Promise<void> {
  await withCliContext(env, async (app) => {
    const configuration = app.get(ConfigurationService);
    const zoneId = args.zone === undefined ? undefined : await zoneIdOf(app, args.zone);
    const entry =
      args.action === 'set' && args.value !== undefined
        ? await configuration.setValue(args.name, args.value, zoneId)
        : (await configuration.list({ name: args.name, ...(zoneId === undefined ? {} : { zoneId }) }))[0];
    if (entry === undefined) {
      throw new Error(
        zoneId === undefined
          ? `Config parameter with name ${args.name} doesn't exist`
          : `Config parameter with name ${args.name} doesn't exist or is not zone-scoped`,
      );
    }
    output.info(entry.value ?? '');
  });
}

/** A zone by uuid or name (not removed); a name two zones share must be given as a uuid. */
async function zoneIdOf(app: INestApplicationContext, zone: string): Promise<string> {
  const zones = app.get(DataSource).getRepository(DataCenterEntity);
  const byUuid = await zones.findOneBy({ uuid: zone, removed: IsNull() });
  if (byUuid !== null) return byUuid.id;
  const byName = await zones.findBy({ name: zone, removed: IsNull() });
  if (byName.length === 1 && byName[0] !== undefined) return byName[0].id;
  if (byName.length > 1) throw new Error(`${byName.length} zones are named ${zone}: give its uuid`);
  throw new Error(`Unknown zone: ${zone}`);
}

import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { installPluginProvider } from './plugin-provider';

/** While this file is in the plugin folder, counting providers' calls do not answer. */
const HOLD_FILE = 'hold-calls';

/** How to install a counting provider; the defaults give `counting`, written for contract 1.0. */
export interface CountingProviderOptions {
  readonly name?: string;
  readonly contract?: string;
  /** Contract 1.1 capability flags to declare. */
  readonly capabilities?: Readonly<Record<string, boolean>>;
}

/** Milliseconds each call of a counting provider waits (zone key). */
export function latencyKeyOf(provider = 'counting'): string {
  return `backup.plugin.${provider}.latency.ms`;
}

/** Comma-separated operations of a counting provider that never answer (zone key). */
export function hangKeyOf(provider = 'counting'): string {
  return `backup.plugin.${provider}.hang`;
}

/** One call the counting provider received, as it logged it. */
export interface CountedCall {
  readonly provider: string;
  readonly pid: number;
  readonly method: string;
  readonly vm?: string;
}

/**
 * Installs a provider written the way a third party would have written it for contract 1.0: no
 * abort signal, no progress (and, by default, no capabilities). It appends every call to
 * `calls.log` in the plugin folder (one JSON line with the provider and the server's pid, so calls
 * from several server processes can be counted), waits the zone's `latency.ms` with a plain timer,
 * then while the test holds its calls ({@link holdCountedCalls}), and never answers the operations
 * listed in the zone's `hang` key.
 */
export function installCountingProvider(pluginDir: string, options: CountingProviderOptions = {}): void {
  const name = options.name ?? 'counting';
  installPluginProvider(pluginDir, {
    packageName: `csbr-provider-${name}`,
    provider: name,
    contract: options.contract ?? '^1.0.0',
    source: `'use strict';
const { appendFileSync, existsSync } = require('node:fs');
const { join } = require('node:path');
const log = join(__dirname, '..', '..', 'calls.log');
const hold = join(__dirname, '..', '..', ${JSON.stringify(HOLD_FILE)});
let sequence = 0;
module.exports.default = {
  $$type: '@csbr/BackupProviderDefinition',
  name: ${JSON.stringify(name)},
  description: 'Counting test provider',
  configKeys: [
    { name: ${JSON.stringify(latencyKeyOf(name))}, type: 'Long', scope: 'Zone', default: '0', description: 'Latency of every call' },
    { name: ${JSON.stringify(hangKeyOf(name))}, type: 'String', scope: 'Zone', default: '', description: 'Operations that never answer' },
  ],
  create: (context) => {
    const call = async (method, zone, vm, answer) => {
      appendFileSync(log, JSON.stringify({ provider: ${JSON.stringify(name)}, pid: process.pid, method, vm: vm && vm.uuid }) + '\\n');
      const latency = await context.config.getNumber(${JSON.stringify(latencyKeyOf(name))}, zone);
      if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
      while (existsSync(hold)) await new Promise((resolve) => setTimeout(resolve, 50));
      const hang = (await context.config.get(${JSON.stringify(hangKeyOf(name))}, zone)).split(',');
      if (hang.includes(method)) await new Promise(() => undefined);
      return answer();
    };
    return {
      listPolicies: (zone) => call('listPolicies', zone, undefined, () => [{ externalId: 'gold', name: 'Gold', description: 'Gold' }]),
      isValidPolicy: (zone) => call('isValidPolicy', zone, undefined, () => true),
      assignVm: ({ zone, vm }) => call('assignVm', zone, vm, () => ({ externalId: 'job-' + vm.uuid })),
      removeVm: ({ zone, vm }) => call('removeVm', zone, vm, () => undefined),
      willDeleteBackupsOnPolicyRemoval: () => false,
      takeBackup: ({ zone, vm }) =>
        call('takeBackup', zone, vm, () => {
          sequence += 1;
          return { externalId: 'rp-' + process.pid + '-' + sequence, created: new Date(), type: 'Full', size: 1, protectedSize: 2 };
        }),
      deleteBackup: ({ zone, vm }) => call('deleteBackup', zone, vm, () => undefined),
      restoreVm: ({ zone, vm }) => call('restoreVm', zone, vm, () => undefined),
      restoreVolume: ({ zone, vm }) => call('restoreVolume', zone, vm, () => ({ restoredLocation: 'restored' })),
      getMetrics: async () => new Map(),${options.capabilities === undefined ? '' : `
      capabilities: ${JSON.stringify(options.capabilities)},`}
    };
  },
};
`,
  });
}

/**
 * Makes every counting provider call in `pluginDir`, in any server process, wait (after its
 * latency) until the returned function releases them: calls stay in flight for as long as the
 * test needs, however slow the machine.
 */
export function holdCountedCalls(pluginDir: string): () => void {
  const file = join(pluginDir, HOLD_FILE);
  writeFileSync(file, '');
  return () => rmSync(file, { force: true });
}

/** Every call the counting provider logged in the plugin folder, by any server process. */
export function countedCalls(pluginDir: string): CountedCall[] {
  let text = '';
  try {
    text = readFileSync(join(pluginDir, 'calls.log'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as CountedCall);
}

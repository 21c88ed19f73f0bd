import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { installPluginProvider } from '../../support/plugin-provider';

/** Zone key: comma-separated operations the recording provider fails. */
export const RECORDING_FAIL_KEY = 'backup.plugin.recording.fail';

/** One provider call as the recording provider logged it. */
export interface RecordedCall {
  readonly pid: number;
  readonly method: string;
  readonly vm?: string;
  readonly quiesce?: boolean;
  readonly backup?: string;
}

/**
 * Installs `recording`, a contract 1.1 plugin provider that can quiesce and delete single backups.
 * It appends every call to `calls.log` (with `quiesce` of takeBackup and the external id of a
 * deleted backup) and fails the operations the zone's {@link RECORDING_FAIL_KEY} lists.
 */
export function installRecordingProvider(pluginDir: string): void {
  installPluginProvider(pluginDir, {
    packageName: 'csbr-provider-recording',
    provider: 'recording',
    contract: '^1.1.0',
    source: `'use strict';
const { appendFileSync } = require('node:fs');
const { join } = require('node:path');
const log = join(__dirname, '..', '..', 'calls.log');
let sequence = 0;
module.exports.default = {
  $$type: '@csbr/BackupProviderDefinition',
  name: 'recording',
  description: 'Recording test provider',
  configKeys: [
    { name: ${JSON.stringify(RECORDING_FAIL_KEY)}, type: 'String', scope: 'Zone', default: '', description: 'Operations that fail' },
  ],
  create: (context) => {
    const call = async (method, zone, fields, answer) => {
      appendFileSync(log, JSON.stringify({ pid: process.pid, method, ...fields }) + '\\n');
      const fail = (await context.config.get(${JSON.stringify(RECORDING_FAIL_KEY)}, zone)).split(',');
      if (fail.includes(method)) throw new Error('recording provider: ' + method + ' failed');
      return answer();
    };
    return {
      capabilities: { adHocBackup: true, restoreVm: true, restoreVolume: false, deleteSingleBackup: true, createVmFromBackup: false, listRestorePoints: false, quiesce: true },
      listPolicies: (zone) => call('listPolicies', zone, {}, () => [{ externalId: 'gold', name: 'Gold', description: 'Gold' }]),
      isValidPolicy: (zone) => call('isValidPolicy', zone, {}, () => true),
      assignVm: ({ zone, vm }) => call('assignVm', zone, { vm: vm.uuid }, () => ({ externalId: 'job-' + vm.uuid })),
      removeVm: ({ zone, vm }) => call('removeVm', zone, { vm: vm.uuid }, () => undefined),
      willDeleteBackupsOnPolicyRemoval: () => false,
      takeBackup: ({ zone, vm, quiesce }) =>
        call('takeBackup', zone, { vm: vm.uuid, quiesce: quiesce === true }, () => {
          sequence += 1;
          return { externalId: 'rp-' + process.pid + '-' + sequence, created: new Date(), type: 'Full', size: 1, protectedSize: 2 };
        }),
      deleteBackup: ({ zone, vm, backup }) => call('deleteBackup', zone, { vm: vm.uuid, backup: backup.externalId }, () => undefined),
      restoreVm: ({ zone, vm }) => call('restoreVm', zone, { vm: vm.uuid }, () => undefined),
      getMetrics: async () => new Map(),
    };
  },
};
`,
  });
}

/** Every call the recording provider logged, by any server in this process or another. */
export function recordedCalls(pluginDir: string): RecordedCall[] {
  let text = '';
  try {
    text = readFileSync(join(pluginDir, 'calls.log'), 'utf8');
  } catch {
    return [];
  }
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RecordedCall);
}

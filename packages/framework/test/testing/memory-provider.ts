import {
  BackupError,
  type BackupProvider,
  type DeclaredProviderCapabilities,
  defineBackupProvider,
  type ProviderCallOptions,
  type RestorePoint,
} from '../../src';

/** Rejects when the host aborted the call, as every provider must. */
function checkAborted(options: ProviderCallOptions): void {
  if (options.signal?.aborted === true) throw new BackupError('OPERATION_FAILED', 'The call was aborted');
}

/**
 * A small provider that keeps restore points in memory: what a provider author writes first. With
 * `capabilities` it refuses what it declares it cannot do.
 */
export function memoryProvider(name: string, capabilities: DeclaredProviderCapabilities = {}) {
  return defineBackupProvider({
    name,
    description: `${name} test provider`,
    configKeys: [
      { name: `backup.plugin.${name}.url`, type: 'String', scope: 'Zone', default: 'https://backup.example/', description: 'URL' },
      { name: `backup.plugin.${name}.password`, type: 'String', scope: 'Zone', default: '', description: 'Password', secure: true },
    ],
    create: (context): BackupProvider => {
      const points = new Map<string, RestorePoint[]>();
      let sequence = 0;
      const refuse = (what: string) => Promise.reject(new BackupError('NOT_SUPPORTED', `${name} cannot ${what}`));
      return {
        capabilities,
        listPolicies: async (_zone, options = {}) => {
          checkAborted(options);
          return Promise.resolve([{ externalId: 'daily', name: 'Daily', description: 'Every day' }]);
        },
        isValidPolicy: (_zone, externalId) => Promise.resolve(externalId === 'daily'),
        assignVm: async ({ vm, zone }) => {
          // Logging the password is what the suite catches; this provider only says it connected.
          await context.config.get(`backup.plugin.${name}.password`, zone);
          context.logger.info('assigned', { vm: vm.uuid });
          return { externalId: `job-${vm.uuid}` };
        },
        removeVm: () => Promise.resolve(),
        willDeleteBackupsOnPolicyRemoval: () => false,
        takeBackup: async (request) => {
          if (capabilities.adHocBackup === false) return refuse('take ad-hoc backups');
          checkAborted(request);
          sequence += 1;
          const point = { externalId: `rp-${sequence}`, created: new Date(), type: 'Full', size: 1, protectedSize: 2 };
          points.set(request.vm.uuid, [...(points.get(request.vm.uuid) ?? []), point]);
          return point;
        },
        deleteBackup: ({ vm, backup }) => {
          points.set(vm.uuid, (points.get(vm.uuid) ?? []).filter((p) => p.externalId !== backup.externalId));
          return Promise.resolve();
        },
        restoreVm: () => (capabilities.restoreVm === false ? refuse('restore VMs') : Promise.resolve()),
        restoreVolume: () =>
          capabilities.restoreVolume === false ? refuse('restore volumes') : Promise.resolve({ restoredLocation: 'restored-disk' }),
        getMetrics: (_zone, vms) => Promise.resolve(new Map(vms.map((vm) => [vm.uuid, { backupSize: 1, dataSize: 2 }]))),
        listRestorePoints: ({ vm }) => Promise.resolve([...(points.get(vm.uuid) ?? [])]),
      };
    },
  });
}

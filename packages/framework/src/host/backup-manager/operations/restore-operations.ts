import { type RestoreVolumeResult } from '../../../contract/backup-provider';
import { type Backup, type VirtualMachine, type Volume } from '../../../domain/types';
import { BackupError } from '../../../errors/backup-error';
import { type Caller } from '../../ports';
import { beginOperation } from '../guarded/begin-operation';
import { runGuardedOperation } from '../guarded/run-guarded-operation';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';
import { type OperationOptions } from '../operation-options';
import { restoreBackupOutcomes } from '../outcomes/restore-backup-outcomes';
import { type RestoreVolumePayload, restoreVolumeOutcomes } from '../outcomes/restore-volume-outcomes';
import { type RestoreBackupVolumeRequest } from '../types';
import { requireUsableBackup } from './backup-state';
import { ownerOf } from './vm-owner';

/**
 * Restores a whole VM in place from one of its backups. The VM must be stopped (or removed). The
 * backup is listed as `Restoring` meanwhile. A restore is never repeated: one interrupted by a crash
 * fails its job.
 */
export async function restoreBackup(
  context: ManagerContext,
  caller: Caller,
  backupId: string,
  options: OperationOptions,
): Promise<void> {
  const { vms, backups, policies } = context.repositories;
  const backup = await backups.findById(backupId, { includeRemoved: true });
  if (backup === undefined || backup.removed !== undefined) {
    throw new BackupError('NOT_FOUND', Messages.backupDoesNotExist(backup?.uuid ?? backupId));
  }
  const zone = await context.zones.requireEnabledZone(backup.zoneId);
  const vm = await vms.findById(backup.vmId, { includeRemoved: true });
  if (vm === undefined) {
    throw new BackupError('NOT_FOUND', Messages.backupVmNotFoundIncludingRemoved(backup.uuid));
  }
  await context.access.checkAccess(caller, ownerOf(vm));
  requireStoppedOrRemoved(vm);
  const policy = await policies.findById(backup.policyId, { includeRemoved: true });
  if (policy === undefined) throw new BackupError('NOT_FOUND', Messages.backupPolicyNotFound);
  const provider = await context.zones.requireProvider(zone);
  if (!provider.capabilities.restoreVm) {
    throw new BackupError('NOT_SUPPORTED', Messages.restoreVmNotSupported(provider.name));
  }
  const budget = await context.providerCalls.budget('restore', zone);

  await runGuardedOperation<{ vm: VirtualMachine; backup: Backup }, void, void>(
    context,
    {
      provider,
      budget,
      outcomes: restoreBackupOutcomes,
      begin: async (tx) => {
        const operation = await beginOperation(tx, context, budget, options, {
          kind: 'RestoreBackup',
          vmIds: [vm.id],
          backupId: backup.id,
          payload: '{}',
        });
        // The VM may have been started, or the backup deleted, before we took the guard.
        const current = (await tx.vms.findById(vm.id, { includeRemoved: true })) ?? vm;
        requireStoppedOrRemoved(current);
        const currentBackup = await tx.backups.findById(backup.id);
        if (currentBackup === undefined) {
          throw new BackupError('NOT_FOUND', Messages.backupDoesNotExist(backup.uuid));
        }
        requireUsableBackup(currentBackup);
        await tx.backups.setStatus(backup.id, 'Restoring');
        return { operation, intent: { vm: current, backup: currentBackup } };
      },
      call: (intent, callOptions) =>
        provider.instance.restoreVm({ zone, vm: intent.vm, backup: intent.backup, ...callOptions }),
    },
    options,
  );
}

function requireStoppedOrRemoved(vm: { readonly removed?: Date; readonly state: string }): void {
  if (vm.removed === undefined && vm.state !== 'Stopped' && vm.state !== 'Destroyed') {
    throw new BackupError('INVALID_STATE', Messages.vmMustBeStopped);
  }
}

/**
 * Restores one backed-up volume and attaches it to a VM of the backup's zone as a new data disk.
 * Both VMs (the backup's and the target) are held for the duration.
 */
export async function restoreBackupVolume(
  context: ManagerContext,
  caller: Caller,
  request: RestoreBackupVolumeRequest,
  options: OperationOptions,
): Promise<Volume> {
  const { vms, backups } = context.repositories;
  const volumeUuid = request.volumeUuid.trim();
  if (volumeUuid === '') throw new BackupError('INVALID_PARAMETER', Messages.invalidVolumeId);
  const backup = await backups.findById(request.backupId);
  if (backup === undefined) throw new BackupError('NOT_FOUND', Messages.providedBackupNotFound);
  const zone = await context.zones.requireEnabledZone(backup.zoneId);
  const targetVm = await vms.findById(request.vmId);
  if (targetVm === undefined) throw new BackupError('NOT_FOUND', Messages.providedVmNotFound);
  await context.access.checkAccess(caller, ownerOf(targetVm));
  if (targetVm.zoneId !== backup.zoneId) {
    throw new BackupError('INVALID_PARAMETER', Messages.crossZoneVolumeRestore);
  }
  const sourceVm = await vms.findById(backup.vmId, { includeRemoved: true });
  if (sourceVm === undefined) throw new BackupError('NOT_FOUND', Messages.sourceVmNotFound);
  await context.access.checkAccess(caller, ownerOf(sourceVm));
  const volume = backup.volumes.find((candidate) => candidate.uuid === volumeUuid);
  if (volume === undefined) {
    throw new BackupError('NOT_FOUND', Messages.volumeNotInBackup(volumeUuid));
  }
  const rootVolume = (await vms.listVolumes(targetVm.id)).find(
    (candidate) => candidate.type === 'ROOT',
  );
  const hostIp = targetVm.hostIp ?? '';
  const datastoreUuid = rootVolume?.poolUuid ?? '';
  const provider = await context.zones.requireProvider(zone);
  if (!provider.capabilities.restoreVolume) {
    throw new BackupError('NOT_SUPPORTED', Messages.restoreVolumeNotSupported(provider.name));
  }
  const budget = await context.providerCalls.budget('restorevolume', zone);
  const payload: RestoreVolumePayload = { volumeUuid, targetVmId: targetVm.id, datastoreUuid };

  return runGuardedOperation<Backup, RestoreVolumeResult, Volume>(
    context,
    {
      provider,
      budget,
      outcomes: restoreVolumeOutcomes,
      begin: async (tx) => {
        const operation = await beginOperation(tx, context, budget, options, {
          kind: 'RestoreVolume',
          vmIds: [sourceVm.id, targetVm.id],
          backupId: backup.id,
          payload: JSON.stringify(payload),
        });
        const current = await tx.backups.findById(backup.id);
        if (current === undefined) throw new BackupError('NOT_FOUND', Messages.providedBackupNotFound);
        requireUsableBackup(current);
        return { operation, intent: current };
      },
      call: (current, callOptions) =>
        provider.instance.restoreVolume({
          zone,
          vm: sourceVm,
          backup: current,
          volume,
          targetVm,
          hostIp,
          datastoreUuid,
          ...callOptions,
        }),
    },
    options,
  );
}

import { type Volume } from '../../../domain/types';
import { BackupError } from '../../../errors/backup-error';
import { type Caller } from '../../ports';
import { lockVms } from '../lock-vms';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';
import { restoredVolumeName } from '../resource-names';
import { type RestoreBackupVolumeRequest } from '../types';
import { ownerOf } from './vm-owner';

/** Restores a whole VM in place from one of its backups. The VM must be stopped (or removed). */
export async function restoreBackup(
  context: ManagerContext,
  caller: Caller,
  backupId: string,
): Promise<void> {
  const { vms, backups, policies } = context.repositories;
  const backup = await backups.findById(backupId);
  if (backup === undefined)
    throw new BackupError('NOT_FOUND', Messages.backupDoesNotExist(backupId));
  const zone = await context.zones.requireEnabledZone(backup.zoneId);
  const vm = await vms.findById(backup.vmId, { includeRemoved: true });
  if (vm === undefined) {
    throw new BackupError('NOT_FOUND', Messages.vmNotFoundIncludingRemoved(backup.vmId));
  }
  await context.access.checkAccess(caller, ownerOf(vm));
  requireStoppedOrRemoved(vm);
  const policy = await policies.findById(backup.policyId, { includeRemoved: true });
  if (policy === undefined) throw new BackupError('NOT_FOUND', Messages.backupPolicyNotFound);
  const provider = await context.zones.requireProvider(zone);

  await context.transactions.run(async (tx) => {
    await tx.vms.lockForBackupOperation(vm.id);
    // The VM may have been started between the check above and the lock.
    const current = (await tx.vms.findById(vm.id, { includeRemoved: true })) ?? vm;
    requireStoppedOrRemoved(current);
    await provider.instance.restoreVm({ zone, vm: current, backup });
  });
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

  return context.transactions.run(async (tx) => {
    await lockVms(tx.vms, [sourceVm.id, targetVm.id]);
    const result = await provider.instance.restoreVolume({
      zone,
      vm: sourceVm,
      backup,
      volume,
      targetVm,
      hostIp,
      datastoreUuid,
    });
    return tx.vms.attachRestoredVolume(targetVm, {
      name: restoredVolumeName(volume.uuid, backup.date),
      size: volume.size,
      path: result.restoredLocation,
      ...(datastoreUuid === '' ? {} : { poolUuid: datastoreUuid }),
    });
  });
}

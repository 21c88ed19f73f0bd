import { type Backup } from '../../../domain/types';
import { BackupError } from '../../../errors/backup-error';
import {
  type BackupQuery,
  type BackupView,
  type Caller,
  type Page,
  type PageRequest,
} from '../../ports';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';
import { type DeleteBackupRequest } from '../types';
import { ownerOf } from './vm-owner';

/**
 * Takes an ad-hoc backup of an assigned VM. When the provider returns the restore point at once it
 * is recorded now; otherwise the sync task records it when the provider lists it.
 */
export async function createBackup(
  context: ManagerContext,
  caller: Caller,
  vmId: string,
): Promise<Backup | undefined> {
  const { vms, mappings, policies } = context.repositories;
  const vm = await vms.findById(vmId);
  if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.vmNotFound);
  const zone = await context.zones.requireEnabledZone(vm.zoneId);
  await context.access.checkAccess(caller, ownerOf(vm));
  const mapping = await mappings.findByVm(vm.id);
  if (mapping === undefined) throw new BackupError('INVALID_STATE', Messages.createWithoutPolicy);
  const policy = await policies.findById(mapping.policyId);
  if (policy === undefined) throw new BackupError('NOT_FOUND', Messages.vmPolicyNotFound);
  const provider = await context.zones.requireProvider(zone);

  return context.transactions.run(async (tx) => {
    await tx.vms.lockForBackupOperation(vm.id);
    // Re-read under the lock: the volumes captured at assignment are what the backup holds.
    const current = (await tx.vms.findById(vm.id)) ?? vm;
    const point = await provider.instance.takeBackup({ zone, vm: current });
    if (point === undefined) return undefined;
    return tx.backups.insert({
      vmId: current.id,
      externalId: point.externalId,
      type: point.type,
      date: point.created,
      size: point.size ?? 0,
      protectedSize: point.protectedSize ?? 0,
      status: 'BackedUp',
      policyId: policy.id,
      accountId: current.accountId,
      domainId: current.domainId,
      zoneId: current.zoneId,
      volumes: current.backupVolumes ?? [],
    });
  });
}

/** Backups within the scope the API layer computed; a named VM must be the caller's to see. */
export async function listBackups(
  context: ManagerContext,
  caller: Caller,
  query: BackupQuery,
  page: PageRequest,
): Promise<Page<BackupView>> {
  if (query.vmId !== undefined) {
    const vm = await context.repositories.vms.findById(query.vmId, { includeRemoved: true });
    if (vm !== undefined) await context.access.checkAccess(caller, ownerOf(vm));
  }
  return context.repositories.backups.list(query, page);
}

/**
 * Deletes one backup on the provider of the backup's own zone and removes its row. (CloudStack 4.14
 * went through the VM's current offering and failed once the VM had left it.)
 */
export async function deleteBackup(
  context: ManagerContext,
  caller: Caller,
  request: DeleteBackupRequest,
): Promise<void> {
  const { vms, backups } = context.repositories;
  const backup = await backups.findById(request.backupId, { includeRemoved: true });
  if (backup === undefined || backup.removed !== undefined) {
    throw new BackupError('NOT_FOUND', Messages.backupDoesNotExist(request.backupId));
  }
  const vm = await vms.findById(backup.vmId, { includeRemoved: true });
  if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.vmDoesNotExist(backup.vmId));
  const zone = await context.zones.requireEnabledZone(backup.zoneId);
  await context.access.checkAccess(caller, ownerOf(vm));
  const provider = await context.zones.requireProvider(zone);

  await context.transactions.run(async (tx) => {
    await tx.vms.lockForBackupOperation(vm.id);
    // Another deletion may have committed while we waited for the lock.
    const current = await tx.backups.findById(backup.id);
    if (current === undefined) {
      throw new BackupError('NOT_FOUND', Messages.backupDoesNotExist(request.backupId));
    }
    await provider.instance.deleteBackup({
      zone,
      vm,
      backup: current,
      forced: request.forced === true,
    });
    await tx.backups.markRemoved([current.id], context.clock.now());
  });
}

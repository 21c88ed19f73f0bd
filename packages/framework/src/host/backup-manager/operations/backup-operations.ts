import { type Backup, type BackupIntervalType, type RestorePoint, type VirtualMachine, type VolumeInfo } from '../../../domain/types';
import { BackupError } from '../../../errors/backup-error';
import {
  type BackupQuery,
  type BackupView,
  type Caller,
  type Page,
  type PageRequest,
  type Repositories,
} from '../../ports';
import { beginOperation } from '../guarded/begin-operation';
import { runGuardedOperation } from '../guarded/run-guarded-operation';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';
import { type OperationOptions } from '../operation-options';
import { defaultBackupName } from '../resource-names';
import { createBackupOutcomes } from '../outcomes/create-backup-outcomes';
import { type DeleteBackupPayload, deleteBackupOutcomes } from '../outcomes/delete-backup-outcomes';
import { type CreateBackupRequest, type DeleteBackupRequest } from '../types';
import { requireUsableBackup } from './backup-state';
import { ownerOf } from './vm-owner';

/** The schedule a scheduled backup records (`backups.backup_schedule_id` and its interval type). */
export interface TakingSchedule {
  readonly id: string;
  readonly intervalType: Exclude<BackupIntervalType, 'MANUAL'>;
}

/**
 * Takes an ad-hoc backup of an assigned VM. The backup is listed as `BackingUp` while the provider
 * works; when the provider returns the restore point the row becomes `BackedUp`, otherwise the sync
 * task records the backup when the provider lists it. The row records its description and how it
 * was taken from the start: `MANUAL`, or the interval type and id of the schedule that runs it.
 */
export async function createBackup(
  context: ManagerContext,
  caller: Caller,
  request: CreateBackupRequest,
  options: OperationOptions,
  schedule?: TakingSchedule,
): Promise<Backup | undefined> {
  const { vms, policies } = context.repositories;
  const vm = await vms.findById(request.vmId);
  if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.vmNotFound);
  const zone = await context.zones.requireEnabledZone(vm.zoneId);
  await context.access.checkAccess(caller, ownerOf(vm));
  // The VM comes with its mapping's policy (`backupPolicyId`): no statement of its own.
  if (vm.backupPolicyId === undefined) throw new BackupError('INVALID_STATE', Messages.createWithoutPolicy);
  const policy = await policies.findById(vm.backupPolicyId);
  if (policy === undefined) throw new BackupError('NOT_FOUND', Messages.vmPolicyNotFound);
  // CloudStack's rule: it applies to every caller, root admins included.
  if (policy.allowUserDrivenBackups === false) {
    throw new BackupError('INVALID_STATE', Messages.adHocBackupNotAllowed);
  }
  const provider = await context.zones.requireProvider(zone);
  if (!provider.capabilities.adHocBackup) {
    throw new BackupError('NOT_SUPPORTED', Messages.adHocBackupNotSupported(provider.name));
  }
  const budget = await context.providerCalls.budget('backup', zone);

  return runGuardedOperation<typeof vm, RestorePoint | undefined, Backup | undefined>(
    context,
    {
      provider,
      budget,
      outcomes: createBackupOutcomes,
      begin: async (tx) => {
        const operation = await beginOperation(tx, context, budget, options, {
          kind: 'CreateBackup',
          vmIds: [vm.id],
          policyId: policy.id,
          payload: '{}',
        });
        // Checked again under the guard: a removal may have committed since. The VM is read with
        // its mapping, so one statement tells both.
        const current = await tx.vms.findById(vm.id);
        if (current === undefined) throw new BackupError('NOT_FOUND', Messages.vmNotFound);
        if (current.backupPolicyId === undefined) {
          throw new BackupError('INVALID_STATE', Messages.createWithoutPolicy);
        }
        const takenAt = context.clock.now();
        const intent = await tx.backups.insert({
          vmId: current.id,
          name: request.name ?? defaultBackupName(current.name, takenAt),
          ...(request.description === undefined ? {} : { description: request.description }),
          intervalType: schedule?.intervalType ?? 'MANUAL',
          ...(schedule === undefined ? {} : { scheduleId: schedule.id }),
          externalId: '',
          type: 'FULL',
          date: takenAt,
          size: 0,
          protectedSize: 0,
          status: 'BackingUp',
          policyId: policy.id,
          accountId: current.accountId,
          domainId: current.domainId,
          zoneId: current.zoneId,
          // What a VM created from this backup needs (CloudStack 4.21's backed_volumes): the volumes
          // the VM has now, with their types, sizes and devices; the assignment-time list only when
          // the VM has none recorded.
          volumes: await volumesAtBackupTime(tx, current),
        });
        await tx.operations.setBackup(operation.id, intent.id);
        return { operation: { ...operation, backupId: intent.id }, intent: current };
      },
      call: (current, callOptions) =>
        provider.instance.takeBackup({
          zone,
          vm: current,
          ...(request.name === undefined ? {} : { name: request.name }),
          ...(request.description === undefined ? {} : { description: request.description }),
          ...(request.quiesce === undefined || !provider.capabilities.quiesce
            ? {}
            : { quiesce: request.quiesce }),
          ...callOptions,
        }),
    },
    options,
  );
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
 * went through the VM's current offering and failed once the VM had left it.) A provider that can
 * only delete whole chains needs `forced`, and then the VM's other backups go too.
 */
export async function deleteBackup(
  context: ManagerContext,
  caller: Caller,
  request: DeleteBackupRequest,
  options: OperationOptions,
): Promise<void> {
  const { vms, backups } = context.repositories;
  const backup = await backups.findById(request.backupId, { includeRemoved: true });
  if (backup === undefined || backup.removed !== undefined) {
    throw new BackupError('NOT_FOUND', Messages.backupDoesNotExist(backup?.uuid ?? request.backupId));
  }
  const vm = await vms.findById(backup.vmId, { includeRemoved: true });
  if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.backupVmDoesNotExist(backup.uuid));
  const zone = await context.zones.requireEnabledZone(backup.zoneId);
  await context.access.checkAccess(caller, ownerOf(vm));
  const provider = await context.zones.requireProvider(zone);
  const forced = request.forced === true;
  const wholeChain = !provider.capabilities.deleteSingleBackup;
  if (wholeChain && !forced) {
    throw new BackupError('INVALID_PARAMETER', Messages.singleDeleteNotSupported(provider.name));
  }
  const budget = await context.providerCalls.budget('delete', zone);
  const payload: DeleteBackupPayload = { wholeChain };

  await runGuardedOperation<Backup, void, void>(
    context,
    {
      provider,
      budget,
      outcomes: deleteBackupOutcomes,
      begin: async (tx) => {
        const operation = await beginOperation(tx, context, budget, options, {
          kind: 'DeleteBackup',
          vmIds: [vm.id],
          backupId: backup.id,
          payload: JSON.stringify(payload),
        });
        // Another deletion may have committed before we took the guard.
        const current = await tx.backups.findById(backup.id);
        if (current === undefined) {
          throw new BackupError('NOT_FOUND', Messages.backupDoesNotExist(backup.uuid));
        }
        requireUsableBackup(current);
        return { operation, intent: current };
      },
      call: (current, callOptions) =>
        provider.instance.deleteBackup({ zone, vm, backup: current, forced, ...callOptions }),
    },
    options,
  );
}

/** The VM's volumes as a backup records them, ROOT first; the assignment-time list when it has none. */
async function volumesAtBackupTime(tx: Repositories, vm: VirtualMachine): Promise<readonly VolumeInfo[]> {
  const volumes = await tx.vms.listVolumes(vm.id);
  if (volumes.length === 0) return vm.backupVolumes ?? [];
  return volumes.map((volume) => ({
    uuid: volume.uuid,
    type: volume.type,
    size: volume.size,
    ...(volume.path === undefined ? {} : { path: volume.path }),
    ...(volume.deviceId === undefined ? {} : { deviceId: volume.deviceId }),
  }));
}

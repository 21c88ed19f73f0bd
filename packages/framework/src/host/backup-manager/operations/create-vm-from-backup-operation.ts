import { type Backup, type VirtualMachine } from '../../../domain/types';
import { BackupError } from '../../../errors/backup-error';
import { type Caller } from '../../ports';
import { beginOperation } from '../guarded/begin-operation';
import { runGuardedOperation } from '../guarded/run-guarded-operation';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';
import { type OperationOptions } from '../operation-options';
import {
  type CreateVmFromBackupPayload,
  createVmFromBackupOutcomes,
} from '../outcomes/create-vm-from-backup-outcomes';
import { type VmFromBackupRequest } from '../types';
import { requireUsableBackup } from './backup-state';
import { ownerOf } from './vm-owner';

/**
 * Creates a new VM from a backup (`createVMFromBackup`, CloudStack 4.21): the VM is recorded from
 * the details kept with the backup (its volumes, their types and sizes, the hypervisor), then the
 * provider restores the backup into it.
 *
 * @remarks
 * Every rule is checked before anything is recorded, and a provider that cannot create VMs from
 * backups is refused by capability before any call. Three steps, no transaction across the provider
 * call: step 1 records the Stopped VM and takes the guard on it (and on the backup's VM); step 2 is
 * the provider call; step 3 keeps the VM, or removes it when the provider failed (see
 * {@link createVmFromBackupOutcomes}).
 */
export async function createVmFromBackup(
  context: ManagerContext,
  caller: Caller,
  request: VmFromBackupRequest,
  options: OperationOptions,
): Promise<VirtualMachine> {
  const { vms, backups } = context.repositories;
  const backup = await backups.findById(request.backupId);
  if (backup === undefined) throw new BackupError('NOT_FOUND', Messages.providedBackupNotFound);
  const zone = await context.zones.requireEnabledZone(backup.zoneId);
  await context.access.checkAccess(caller, { accountId: backup.accountId, domainId: backup.domainId });
  if (request.zoneId !== backup.zoneId) {
    throw new BackupError('INVALID_PARAMETER', Messages.createVmOtherZone);
  }
  requireUsableBackup(backup);
  const sourceVm = await vms.findById(backup.vmId, { includeRemoved: true });
  if (sourceVm === undefined) throw new BackupError('NOT_FOUND', Messages.sourceVmNotFound);
  await context.access.checkAccess(caller, ownerOf(sourceVm));
  if (!backup.volumes.some((volume) => volume.type === 'ROOT')) {
    throw new BackupError('INVALID_STATE', Messages.createVmNoRootVolume(backup.uuid));
  }
  const provider = await context.zones.requireProvider(zone);
  const createVm = provider.instance.createVmFromBackup?.bind(provider.instance);
  if (!provider.capabilities.createVmFromBackup || createVm === undefined) {
    throw new BackupError('NOT_SUPPORTED', Messages.createVmNotSupported(provider.name));
  }
  const budget = await context.providerCalls.budget('restore', zone);

  return runGuardedOperation<{ targetVm: VirtualMachine; backup: Backup }, void, VirtualMachine>(
    context,
    {
      provider,
      budget,
      outcomes: createVmFromBackupOutcomes,
      begin: async (tx) => {
        const current = await tx.backups.findById(backup.id);
        if (current === undefined) throw new BackupError('NOT_FOUND', Messages.providedBackupNotFound);
        requireUsableBackup(current);
        // ROOT first, then data disks in their recorded order: the new VM is shaped like the backup.
        const volumes = [...current.volumes].sort(
          (a, b) => (a.type === 'ROOT' ? 0 : 1) - (b.type === 'ROOT' ? 0 : 1),
        );
        const targetVm = await tx.vms.recordVmFromBackup({
          ...(request.name === undefined ? {} : { name: request.name }),
          ...(request.displayName === undefined ? {} : { displayName: request.displayName }),
          zoneId: backup.zoneId,
          accountId: caller.accountId,
          domainId: caller.domainId,
          userId: caller.userId,
          hypervisorType: sourceVm.hypervisorType,
          volumes,
          created: context.clock.now(),
        });
        const payload: CreateVmFromBackupPayload = { targetVmId: targetVm.id };
        const operation = await beginOperation(tx, context, budget, options, {
          kind: 'CreateVmFromBackup',
          vmIds: [sourceVm.id, targetVm.id],
          backupId: backup.id,
          payload: JSON.stringify(payload),
        });
        return { operation, intent: { targetVm, backup: current } };
      },
      call: (intent, callOptions) =>
        createVm({
          zone,
          vm: sourceVm,
          backup: intent.backup,
          targetVm: intent.targetVm,
          hostIp: intent.targetVm.hostIp ?? '',
          datastoreUuid: '',
          ...callOptions,
        }),
    },
    options,
  );
}

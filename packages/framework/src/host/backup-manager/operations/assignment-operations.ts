import { type VmState } from '../../../domain/types';
import { BackupError, isBackupError } from '../../../errors/backup-error';
import {
  type AccountScope,
  type Caller,
  type Page,
  type PageRequest,
  type PolicyVmMapping,
  type PolicyVmMappingView,
  type Repositories,
} from '../../ports';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';
import { backupUsageResourceName, toVolumeInfo } from '../resource-names';
import {
  type AssignPolicyRequest,
  type MappingListQuery,
  type RemoveVmFromPolicyRequest,
} from '../types';
import { ownerOf } from './vm-owner';

/** States in which CloudStack lets a VM be assigned. */
const ASSIGNABLE_STATES: ReadonlySet<VmState> = new Set(['Running', 'Stopped', 'Shutdown']);

/**
 * Assigns a VM to a policy of its zone. The mapping, the VM's captured volumes and external id,
 * the provider call and the usage event happen in one transaction: when the provider fails nothing
 * is left behind (CloudStack 4.14 left the VM half-assigned).
 */
export async function assignPolicy(
  context: ManagerContext,
  caller: Caller,
  request: AssignPolicyRequest,
): Promise<PolicyVmMapping> {
  const { vms, policies, mappings } = context.repositories;
  const vm = await vms.findById(request.vmId);
  if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.vmNotFound);
  if (!ASSIGNABLE_STATES.has(vm.state)) {
    throw new BackupError('INVALID_STATE', Messages.vmNotRunningOrStopped);
  }
  const zone = await context.zones.requireEnabledZone(vm.zoneId);
  await context.access.checkAccess(caller, ownerOf(vm));
  const policy = await policies.findById(request.policyId);
  if (policy === undefined) throw new BackupError('NOT_FOUND', Messages.assignPolicyNotFound);
  // CloudStack 4.14 forgot this check; a VM protected by another zone's policy makes no sense.
  if (policy.zoneId !== vm.zoneId) {
    throw new BackupError('INVALID_PARAMETER', Messages.vmAndPolicyInDifferentZones);
  }
  if ((await mappings.findByVm(vm.id)) !== undefined) throw alreadyAssigned();
  const provider = await context.zones.requireProvider(zone);

  return context.transactions.run(async (tx) => {
    await tx.vms.lockForBackupOperation(vm.id);
    // Checked again under the lock: another assignment may have committed meanwhile.
    if ((await tx.mappings.findByVm(vm.id)) !== undefined) throw alreadyAssigned();
    const mapping = await insertMapping(tx, {
      policyId: policy.id,
      vmId: vm.id,
      zoneId: vm.zoneId,
      created: context.clock.now(),
    });
    const volumes = (await tx.vms.listVolumes(vm.id)).map(toVolumeInfo);
    const result = await provider.instance.assignVm({
      zone,
      vm: { ...vm, backupPolicyId: policy.id, backupVolumes: volumes },
      policy,
    });
    await tx.vms.updateBackupFields(vm.id, { externalId: result.externalId ?? null, volumes });
    await tx.events.usage({
      type: 'BACKUP.OFFERING.ASSIGN',
      accountId: vm.accountId,
      zoneId: vm.zoneId,
      resourceId: vm.id,
      resourceName: backupUsageResourceName(vm),
      offeringId: policy.id,
      resourceType: 'Backup',
    });
    return mapping;
  });
}

async function insertMapping(
  tx: Repositories,
  mapping: Omit<PolicyVmMapping, 'id'>,
): Promise<PolicyVmMapping> {
  try {
    return await tx.mappings.insert(mapping);
  } catch (error) {
    if (isBackupError(error) && error.code === 'ALREADY_EXISTS') throw alreadyAssigned(error);
    throw error;
  }
}

function alreadyAssigned(cause?: unknown): BackupError {
  return new BackupError(
    'ALREADY_EXISTS',
    Messages.vmAlreadyAssigned,
    cause === undefined ? {} : { cause },
  );
}

/**
 * Removes a VM (removed VMs too) from its policy. When the provider deletes the VM's backups on
 * removal, `forced` is required and the VM's backup rows are removed as well.
 */
export async function removeVmFromPolicy(
  context: ManagerContext,
  caller: Caller,
  request: RemoveVmFromPolicyRequest,
): Promise<void> {
  const { vms, mappings } = context.repositories;
  const vm = await vms.findById(request.vmId, { includeRemoved: true });
  if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.vmNotFound);
  const zone = await context.zones.requireEnabledZone(vm.zoneId);
  await context.access.checkAccess(caller, ownerOf(vm));
  if ((await mappings.findByVm(vm.id)) === undefined) {
    throw new BackupError('NOT_FOUND', Messages.noPolicyForVm);
  }
  const provider = await context.zones.requireProvider(zone);
  const deletesBackups = provider.instance.willDeleteBackupsOnPolicyRemoval(zone);
  if (request.forced !== true && deletesBackups) {
    throw new BackupError('INVALID_PARAMETER', Messages.forcedRemovalRequired);
  }

  await context.transactions.run(async (tx) => {
    await tx.vms.lockForBackupOperation(vm.id);
    const mapping = await tx.mappings.findByVm(vm.id);
    if (mapping === undefined) throw new BackupError('NOT_FOUND', Messages.noPolicyForVm);
    await provider.instance.removeVm({ zone, vm });
    await tx.mappings.deleteByVm(vm.id);
    await tx.vms.updateBackupFields(vm.id, { externalId: null, volumes: null });
    if (deletesBackups) {
      const backups = await tx.backups.listActiveByVm(vm.id);
      if (backups.length > 0) {
        await tx.backups.markRemoved(
          backups.map((backup) => backup.id),
          context.clock.now(),
        );
      }
    }
    await tx.events.usage({
      type: 'BACKUP.OFFERING.REMOVE',
      accountId: vm.accountId,
      zoneId: vm.zoneId,
      resourceId: vm.id,
      resourceName: backupUsageResourceName(vm),
      // CloudStack 4.14 sent null here (it cleared the field first); usage needs the policy.
      offeringId: mapping.policyId,
      resourceType: 'Backup',
    });
  });
}

/** Policy ↔ VM mappings within the scope the API layer computed. */
export async function listMappings(
  context: ManagerContext,
  caller: Caller,
  query: MappingListQuery,
  scope: AccountScope,
  page: PageRequest,
): Promise<Page<PolicyVmMappingView>> {
  if (query.vmId !== undefined) {
    const vm = await context.repositories.vms.findById(query.vmId, { includeRemoved: true });
    if (vm !== undefined) await context.access.checkAccess(caller, ownerOf(vm));
  }
  return context.repositories.mappings.list({ ...query, scope }, page);
}

import { type AssignVmResult } from '../../../contract/backup-provider';
import { type VirtualMachine, type VmState, type VolumeInfo } from '../../../domain/types';
import { BackupError } from '../../../errors/backup-error';
import {
  type AccountScope,
  type Caller,
  type Page,
  type PageRequest,
  type PolicyVmMapping,
  type PolicyVmMappingView,
} from '../../ports';
import { beginOperation } from '../guarded/begin-operation';
import { runGuardedOperation } from '../guarded/run-guarded-operation';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';
import { type OperationOptions } from '../operation-options';
import { alreadyAssigned } from '../outcomes/already-assigned';
import { assignPolicyOutcomes } from '../outcomes/assign-policy-outcomes';
import { type RemovePolicyPayload, removePolicyOutcomes } from '../outcomes/remove-policy-outcomes';
import { toVolumeInfo } from '../resource-names';
import {
  type AssignPolicyRequest,
  type MappingListQuery,
  type RemoveVmFromPolicyRequest,
} from '../types';
import { ownerOf } from './vm-owner';

/** States in which CloudStack lets a VM be assigned. */
const ASSIGNABLE_STATES: ReadonlySet<VmState> = new Set(['Running', 'Stopped', 'Shutdown']);

/**
 * Assigns a VM to a policy of its zone. Nothing is recorded until the provider protected the VM;
 * when the provider fails nothing is left behind (CloudStack 4.14 left the VM half-assigned). The
 * policy is locked while the intent is recorded, so a concurrent `deleteBackupPolicy` either
 * happens first (and the assignment fails) or sees the assignment in flight (and refuses).
 */
export async function assignPolicy(
  context: ManagerContext,
  caller: Caller,
  request: AssignPolicyRequest,
  options: OperationOptions,
): Promise<PolicyVmMapping> {
  const { vms, policies } = context.repositories;
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
  // The VM comes with its mapping's policy: no statement of its own.
  if (vm.backupPolicyId !== undefined) throw alreadyAssigned();
  const provider = await context.zones.requireProvider(zone);
  const budget = await context.providerCalls.budget('assign', zone);

  return runGuardedOperation<VirtualMachine, AssignVmResult, PolicyVmMapping>(
    context,
    {
      provider,
      budget,
      outcomes: assignPolicyOutcomes,
      begin: async (tx) => {
        // The policy lock comes first: deleteBackupPolicy takes it before it counts assignments.
        const locked = await tx.policies.lockActive(policy.id);
        if (locked === undefined) throw new BackupError('NOT_FOUND', Messages.assignPolicyNotFound);
        const operation = await beginOperation(tx, context, budget, options, {
          kind: 'AssignPolicy',
          vmIds: [vm.id],
          policyId: policy.id,
          payload: '{}',
        });
        // Checked again under the guard: another assignment may have committed meanwhile.
        if ((await tx.mappings.findByVm(vm.id)) !== undefined) throw alreadyAssigned();
        const volumes: VolumeInfo[] = (await tx.vms.listVolumes(vm.id)).map(toVolumeInfo);
        return {
          operation,
          intent: { ...vm, backupPolicyId: policy.id, backupVolumes: volumes },
        };
      },
      call: (assigned, callOptions) =>
        provider.instance.assignVm({ zone, vm: assigned, policy, ...callOptions }),
    },
    options,
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
  options: OperationOptions,
): Promise<void> {
  const { vms } = context.repositories;
  const vm = await vms.findById(request.vmId, { includeRemoved: true });
  if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.vmNotFound);
  const zone = await context.zones.requireEnabledZone(vm.zoneId);
  await context.access.checkAccess(caller, ownerOf(vm));
  const policyId = vm.backupPolicyId;
  if (policyId === undefined) throw new BackupError('NOT_FOUND', Messages.noPolicyForVm);
  const provider = await context.zones.requireProvider(zone);
  const deletesBackups = await provider.instance.willDeleteBackupsOnPolicyRemoval(zone);
  if (request.forced !== true && deletesBackups) {
    throw new BackupError('INVALID_PARAMETER', Messages.forcedRemovalRequired);
  }
  const budget = await context.providerCalls.budget('remove', zone);
  const payload: RemovePolicyPayload = { deletesBackups };

  await runGuardedOperation<undefined, void, void>(
    context,
    {
      provider,
      budget,
      outcomes: removePolicyOutcomes,
      begin: async (tx) => {
        const operation = await beginOperation(tx, context, budget, options, {
          kind: 'RemovePolicy',
          vmIds: [vm.id],
          policyId,
          payload: JSON.stringify(payload),
        });
        if ((await tx.mappings.findByVm(vm.id)) === undefined) {
          throw new BackupError('NOT_FOUND', Messages.noPolicyForVm);
        }
        return { operation, intent: undefined };
      },
      call: (_intent, callOptions) => provider.instance.removeVm({ zone, vm, ...callOptions }),
    },
    options,
  );
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

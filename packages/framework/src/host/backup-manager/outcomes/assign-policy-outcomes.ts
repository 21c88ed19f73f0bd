import { type AssignVmResult } from '../../../contract/backup-provider';
import { isBackupError } from '../../../errors/backup-error';
import { type PolicyVmMapping, type Repositories } from '../../ports';
import { type OperationOutcomes } from '../guarded/operation-outcomes';
import { Messages } from '../messages';
import { backupUsageResourceName, toVolumeInfo } from '../resource-names';
import { alreadyAssigned } from './already-assigned';
import { requireId } from './operation-payload';

/**
 * Assigning a VM: nothing is visible until the provider protected the VM; then the mapping, the
 * VM's captured volumes and external id, and the usage event are written together. The operation
 * row names the policy, so the policy cannot be deleted meanwhile.
 */
export const assignPolicyOutcomes: OperationOutcomes<AssignVmResult, PolicyVmMapping> = {
  async succeed(context, tx, operation, result) {
    const vmId = requireId(operation.vmIds[0], 'VM', operation);
    const policyId = requireId(operation.policyId, 'policy', operation);
    const vm = await tx.vms.findById(vmId, { includeRemoved: true });
    const mapping = await insertMapping(tx, {
      policyId,
      vmId,
      zoneId: vm?.zoneId ?? '',
      created: context.clock.now(),
    });
    const volumes = (await tx.vms.listVolumes(vmId)).map(toVolumeInfo);
    await tx.vms.updateBackupFields(vmId, { externalId: result.externalId ?? null, volumes });
    if (vm !== undefined) {
      await tx.events.usage({
        type: 'BACKUP.OFFERING.ASSIGN',
        accountId: vm.accountId,
        zoneId: vm.zoneId,
        resourceId: vm.id,
        resourceName: backupUsageResourceName(vm),
        offeringId: policyId,
        resourceType: 'Backup',
      });
    }
    return mapping;
  },

  fail: () => Promise.resolve(),

  recover: () => Promise.resolve({ kind: 'failed', message: Messages.interruptedAssign }),

  serialize: (result) => JSON.stringify(result),
  deserialize: (stored) => JSON.parse(stored) as AssignVmResult,
};

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

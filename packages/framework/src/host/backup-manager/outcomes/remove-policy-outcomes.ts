import { type OperationOutcomes, NO_RESULT } from '../guarded/operation-outcomes';
import { Messages } from '../messages';
import { backupUsageResourceName } from '../resource-names';
import { payloadOf, requireId } from './operation-payload';

/** What `removeVmFromPolicy` records with its operation. */
export interface RemovePolicyPayload {
  /** The provider deleted the VM's backups with the removal. */
  readonly deletesBackups: boolean;
}

/** Removing a VM from its policy: the VM stays assigned until the provider let go of it. */
export const removePolicyOutcomes: OperationOutcomes<void, void> = {
  async succeed(context, tx, operation) {
    const vmId = requireId(operation.vmIds[0], 'VM', operation);
    const vm = await tx.vms.findById(vmId, { includeRemoved: true });
    await tx.mappings.deleteByVm(vmId);
    await tx.vms.updateBackupFields(vmId, { externalId: null, volumes: null });
    if (payloadOf<RemovePolicyPayload>(operation).deletesBackups === true) {
      const backups = await tx.backups.listActiveByVm(vmId);
      if (backups.length > 0) {
        await tx.backups.markRemoved(
          backups.map((backup) => backup.id),
          context.clock.now(),
        );
      }
    }
    if (vm !== undefined) {
      await tx.events.usage({
        type: 'BACKUP.OFFERING.REMOVE',
        accountId: vm.accountId,
        zoneId: vm.zoneId,
        resourceId: vm.id,
        resourceName: backupUsageResourceName(vm),
        // CloudStack 4.14 sent null here (it cleared the field first); usage needs the policy.
        ...(operation.policyId === undefined ? {} : { offeringId: operation.policyId }),
        resourceType: 'Backup',
      });
    }
  },

  fail: () => Promise.resolve(),

  recover: () => Promise.resolve({ kind: 'failed', message: Messages.interruptedRemove }),

  ...NO_RESULT,
};

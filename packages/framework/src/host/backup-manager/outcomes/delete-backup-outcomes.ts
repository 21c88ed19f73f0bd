import { type OperationOutcomes, NO_RESULT } from '../guarded/operation-outcomes';
import { Messages } from '../messages';
import { listVmRestorePoints } from './list-vm-restore-points';
import { payloadOf, requireId } from './operation-payload';

/** What `deleteBackup` records with its operation. */
export interface DeleteBackupPayload {
  /** The provider deletes the VM's whole chain (it cannot delete one restore point). */
  readonly wholeChain: boolean;
}

/** `deleteBackup`: nothing changes until the provider deleted; then the row (or the chain) goes. */
export const deleteBackupOutcomes: OperationOutcomes<void, void> = {
  async succeed(context, tx, operation) {
    const backupId = requireId(operation.backupId, 'backup', operation);
    const now = context.clock.now();
    if (payloadOf<DeleteBackupPayload>(operation).wholeChain === true) {
      const vmId = requireId(operation.vmIds[0], 'VM', operation);
      const chain = await tx.backups.listActiveByVm(vmId);
      await tx.backups.markRemoved(
        [...new Set([backupId, ...chain.map((backup) => backup.id)])],
        now,
      );
      return;
    }
    await tx.backups.markRemoved([backupId], now);
  },

  fail: () => Promise.resolve(),

  async recover(context, operation) {
    const backup = await context.repositories.backups.findById(
      requireId(operation.backupId, 'backup', operation),
    );
    // Already gone: another path recorded the deletion.
    if (backup === undefined) return { kind: 'succeeded', result: undefined };
    const listed = await listVmRestorePoints(context, operation);
    if (listed === undefined) return { kind: 'failed', message: Messages.interruptedDeleteUnknown };
    const stillThere = listed.points.some((point) => point.externalId === backup.externalId);
    return stillThere
      ? { kind: 'failed', message: Messages.interruptedDelete }
      : { kind: 'succeeded', result: undefined };
  },

  ...NO_RESULT,
};

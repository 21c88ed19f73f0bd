import { type OperationOutcomes, NO_RESULT } from '../guarded/operation-outcomes';
import { Messages } from '../messages';
import { requireId } from './operation-payload';

/** `restoreBackup`: the backup is `Restoring` while it runs, `BackedUp` again after, whatever happened. */
export const restoreBackupOutcomes: OperationOutcomes<void, void> = {
  async succeed(_context, tx, operation) {
    await tx.backups.setStatus(requireId(operation.backupId, 'backup', operation), 'BackedUp');
  },

  async fail(_context, tx, operation) {
    await tx.backups.setStatus(requireId(operation.backupId, 'backup', operation), 'BackedUp');
  },

  // A restore is never run twice, and no provider can tell how far one got.
  recover: () => Promise.resolve({ kind: 'failed', message: Messages.interruptedRestore }),

  ...NO_RESULT,
};

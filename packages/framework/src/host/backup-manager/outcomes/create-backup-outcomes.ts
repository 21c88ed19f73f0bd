import { type Backup, type RestorePoint } from '../../../domain/types';
import { Messages } from '../messages';
import { type OperationOutcomes, type RecoveryDecision } from '../guarded/operation-outcomes';
import { requireId } from './operation-payload';
import { listVmRestorePoints } from './list-vm-restore-points';
import { deserializeRestorePoint, serializeRestorePoint } from './restore-point-json';

/** How far before the operation started a restore point may be dated and still be its backup. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * `createBackup`: the intent is a `BackingUp` row. A restore point fills it; a provider that records
 * backups later (through its restore-point listing) leaves nothing behind; a failure discards it.
 */
export const createBackupOutcomes: OperationOutcomes<RestorePoint | undefined, Backup | undefined> = {
  async succeed(_context, tx, operation, point) {
    const backupId = requireId(operation.backupId, 'backup', operation);
    if (point === undefined) {
      await tx.backups.discard(backupId);
      return undefined;
    }
    const vmId = requireId(operation.vmIds[0], 'VM', operation);
    // The sync may have recorded the same restore point meanwhile: keep that row, not two.
    const recorded = await tx.backups.findActiveByExternalId(vmId, point.externalId);
    if (recorded !== undefined && recorded.id !== backupId) {
      await tx.backups.discard(backupId);
      return recorded;
    }
    // The intent row's sizes are read only when the provider left one out (one statement less).
    const intent =
      point.size === undefined || point.protectedSize === undefined ? await tx.backups.findById(backupId) : undefined;
    await tx.backups.complete(backupId, {
      externalId: point.externalId,
      type: point.type,
      date: point.created,
      size: point.size ?? intent?.size ?? 0,
      protectedSize: point.protectedSize ?? intent?.protectedSize ?? 0,
    });
    return tx.backups.findById(backupId);
  },

  async fail(_context, tx, operation) {
    if (operation.backupId !== undefined) await tx.backups.discard(operation.backupId);
  },

  async recover(context, operation): Promise<RecoveryDecision<RestorePoint | undefined>> {
    const listed = await listVmRestorePoints(context, operation);
    if (listed === undefined) return { kind: 'failed', message: Messages.interruptedBackupUnknown };
    const since = operation.created.getTime() - CLOCK_SKEW_MS;
    const fresh = listed.points
      .filter((point) => point.created.getTime() >= since && !listed.recorded.has(point.externalId))
      .sort((a, b) => b.created.getTime() - a.created.getTime());
    const newest = fresh[0];
    return newest === undefined
      ? { kind: 'failed', message: Messages.interruptedBackup }
      : { kind: 'succeeded', result: newest };
  },

  serialize: serializeRestorePoint,
  deserialize: deserializeRestorePoint,
};

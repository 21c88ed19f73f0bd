import { type RestoreVolumeResult } from '../../../contract/backup-provider';
import { type Volume } from '../../../domain/types';
import { BackupError } from '../../../errors/backup-error';
import { type OperationOutcomes } from '../guarded/operation-outcomes';
import { Messages } from '../messages';
import { restoredVolumeName } from '../resource-names';
import { payloadOf, requireId } from './operation-payload';

/** What `restoreBackupVolume` records with its operation. */
export interface RestoreVolumePayload {
  readonly volumeUuid: string;
  readonly targetVmId: string;
  readonly datastoreUuid: string;
}

/** Restoring one volume: the restored disk is recorded and attached to the target VM at the end. */
export const restoreVolumeOutcomes: OperationOutcomes<RestoreVolumeResult, Volume> = {
  async succeed(_context, tx, operation, result) {
    const payload = payloadOf<RestoreVolumePayload>(operation);
    const backup = await tx.backups.findById(requireId(operation.backupId, 'backup', operation), {
      includeRemoved: true,
    });
    const targetVm = await tx.vms.findById(requireId(payload.targetVmId, 'target VM', operation));
    const volume = backup?.volumes.find((candidate) => candidate.uuid === payload.volumeUuid);
    if (backup === undefined || targetVm === undefined || volume === undefined) {
      throw new BackupError('NOT_FOUND', Messages.providedVmNotFound);
    }
    const datastoreUuid = payload.datastoreUuid ?? '';
    return tx.vms.attachRestoredVolume(targetVm, {
      name: restoredVolumeName(volume.uuid, backup.date),
      size: volume.size,
      path: result.restoredLocation,
      ...(datastoreUuid === '' ? {} : { poolUuid: datastoreUuid }),
    });
  },

  fail: () => Promise.resolve(),

  recover: () => Promise.resolve({ kind: 'failed', message: Messages.interruptedRestoreVolume }),

  serialize: (result) => JSON.stringify(result),
  deserialize: (stored) => JSON.parse(stored) as RestoreVolumeResult,
};

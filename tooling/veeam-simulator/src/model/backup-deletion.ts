import { type BackupRecord, type ChainRecord } from './backups';
import { NIL_GUID } from './ids';
import { type SessionRecord } from './sessions';
import { type SimulatorState } from './simulator-state';

/** `DELETE /backups/{id}`: a DeleteBackup session that removes the backup when it ends. */
export function deleteBackup(
  state: SimulatorState,
  backup: BackupRecord,
  options: { fromDb: boolean; initiatedBy: string },
): SessionRecord {
  return state.sessions.start({
    name: `Delete backup ${backup.name}`,
    jobId: NIL_GUID,
    type: 'DeleteBackup',
    initiatedBy: options.initiatedBy,
    resourceId: backup.id,
    startTitle: options.fromDb
      ? `Removing backup ${backup.name} from the configuration (files kept)`
      : `Deleting backup ${backup.name} from disk`,
    work: {
      complete: () => {
        // Deleted meanwhile by another session: nothing left to do.
        if (state.backups.backup(backup.id) === backup) state.backups.deleteBackup(backup);
      },
    },
  });
}

/** `DELETE /backups/{id}/objects/{objectId}` (1.3): removes one VM's chain when it ends. */
export function deleteBackupObject(
  state: SimulatorState,
  chain: ChainRecord,
  options: { initiatedBy: string },
): SessionRecord {
  return state.sessions.start({
    name: `Delete ${chain.vmName} from backup ${chain.backup.name}`,
    jobId: NIL_GUID,
    type: 'DeleteBackup',
    initiatedBy: options.initiatedBy,
    resourceId: chain.id,
    startTitle: `Deleting restore points of ${chain.vmName}`,
    work: {
      complete: () => {
        if (state.backups.chain(chain.id) === chain) state.backups.deleteChain(chain);
      },
    },
  });
}

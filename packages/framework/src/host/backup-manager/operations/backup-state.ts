import { type Backup } from '../../../domain/types';
import { BackupError } from '../../../errors/backup-error';
import { Messages } from '../messages';

/** Only a finished backup can be restored or deleted: not one still being taken or restored. */
export function requireUsableBackup(backup: Backup): void {
  if (backup.status !== 'BackedUp') {
    throw new BackupError('INVALID_STATE', Messages.backupNotReady(backup.uuid, backup.status));
  }
}

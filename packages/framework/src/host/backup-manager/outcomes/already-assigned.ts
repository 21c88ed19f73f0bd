import { BackupError } from '../../../errors/backup-error';
import { Messages } from '../messages';

/** CloudStack's error for a VM that already has a policy. */
export function alreadyAssigned(cause?: unknown): BackupError {
  return new BackupError(
    'ALREADY_EXISTS',
    Messages.vmAlreadyAssigned,
    cause === undefined ? {} : { cause },
  );
}

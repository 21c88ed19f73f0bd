import { BackupError } from '../../errors/backup-error';
import { type Caller } from '../ports';

/**
 * Whether the caller is a root admin: an `Admin` of the ROOT domain (`/`).
 * @public
 * @since 1.0.0
 */
export function isRootAdmin(caller: Caller): boolean {
  return caller.roleType === 'Admin' && caller.domainPath === '/';
}

/** Throws `PERMISSION_DENIED` with `message` unless the caller is a root admin. */
export function requireRootAdmin(caller: Caller, message: string): void {
  if (!isRootAdmin(caller)) throw new BackupError('PERMISSION_DENIED', message);
}

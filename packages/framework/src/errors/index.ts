export { BackupError, isBackupError, type BackupErrorOptions } from './backup-error';
export { BackupErrorCodes, type BackupErrorCode } from './error-codes';

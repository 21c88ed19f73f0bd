/** Nest token of the framework's `BackupManager`, built from the host ports by the BackupApiModule. */
export const BACKUP_MANAGER = Symbol('csbr:BackupManager');

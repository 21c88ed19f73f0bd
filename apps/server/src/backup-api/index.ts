export { BackupApiModule } from './backup-api.module';
export { BACKUP_MANAGER } from './backup-api.tokens';
export { BackupSyncScheduler, type SyncTarget } from './backup-sync-scheduler';
export { backupCommands } from './commands/backup-commands';
export { type BackupCommandDeps } from './commands/backup-command-deps';
export { BackupEventTypes } from './commands/backup-command-constants';

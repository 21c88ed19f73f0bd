import { Logger, type Provider } from '@nestjs/common';
import { type BackupManager } from '@csbr/framework/host';

import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { createProviderLogger } from '../logging/nest-provider-logger';
import { BACKUP_MANAGER } from './backup-api.tokens';
import { BackupSyncScheduler } from './backup-sync-scheduler';

/** The sync scheduler, injectable by its class; it runs only when `CSBR_SYNC_ENABLED` is on. */
export const backupSyncSchedulerProvider: Provider = {
  provide: BackupSyncScheduler,
  inject: [BACKUP_MANAGER, SERVER_CONFIG],
  useFactory: (manager: BackupManager, config: ServerConfig) =>
    new BackupSyncScheduler(
      manager,
      createProviderLogger(new Logger(BackupSyncScheduler.name)),
      config.syncEnabled,
    ),
};

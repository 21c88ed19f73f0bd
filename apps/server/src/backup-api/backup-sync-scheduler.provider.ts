import { Logger, type Provider } from '@nestjs/common';
import { type BackupManager } from '@csbr/framework/host';

import { LeaseNames, LEASES, type LeaseService } from '../cluster';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { withConfigurationSnapshot } from '../configuration/configuration-snapshot';
import { createProviderLogger } from '../logging/nest-provider-logger';
import { BACKUP_MANAGER } from './backup-api.tokens';
import { BackupSyncScheduler } from './backup-sync-scheduler';

/**
 * The sync scheduler, injectable by its class; it runs only when `CSBR_SYNC_ENABLED` is on, and
 * then on the one instance holding the `backup.sync` lease. A pass runs in one configuration
 * snapshot: each zone's configuration (the enabled flag, provider name and timeouts, the provider's
 * own settings) is read once per pass, in one statement, not once per batch of VMs.
 */
export const backupSyncSchedulerProvider: Provider = {
  provide: BackupSyncScheduler,
  inject: [BACKUP_MANAGER, SERVER_CONFIG, { token: LEASES, optional: true }],
  useFactory: (manager: BackupManager, config: ServerConfig, leases?: LeaseService) => {
    if (config.syncEnabled) leases?.want(LeaseNames.sync);
    return new BackupSyncScheduler(
      {
        syncAllZones: (options) => withConfigurationSnapshot(() => manager.syncAllZones(options)),
        syncIntervalSeconds: () => manager.syncIntervalSeconds(),
      },
      createProviderLogger(new Logger(BackupSyncScheduler.name)),
      config.syncEnabled,
      leases === undefined
        ? undefined
        : { holds: () => leases.holds(LeaseNames.sync), stillHolds: () => leases.stillHolds(LeaseNames.sync) },
    );
  },
};

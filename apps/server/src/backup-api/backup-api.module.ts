import { Module } from '@nestjs/common';

import { InventoryModule } from '../inventory/inventory.module';
import { BACKUP_MANAGER } from './backup-api.tokens';
import { BackupOperationRecovery } from './backup-operation-recovery';
import { BackupCommandsRegistrar } from './backup-commands.registrar';
import { backupManagerProvider } from './backup-manager.factory';
import { BackupSyncScheduler } from './backup-sync-scheduler';
import { backupSyncSchedulerProvider } from './backup-sync-scheduler.provider';
import { BackupScheduler } from './schedules/backup-scheduler';
import { backupSchedulerProvider } from './schedules/backup-scheduler.provider';
import { BackupVmDetailsReader } from './responses/backup-vm-details.reader';

/**
 * The backup and recovery API: the framework's BackupManager over the persistence ports and the
 * provider registry, the policy-era commands (registered with the API layer's CommandRegistry) and
 * the background sync task.
 *
 * Needs, globally: the persistence ports (`PersistenceModule`), `PROVIDER_REGISTRY`,
 * `SERVER_CONFIG`, and the API layer's `CommandRegistry` and `AccountScopeResolver`.
 */
@Module({
  // createVMFromBackup answers with the inventory's VM response.
  imports: [InventoryModule],
  providers: [
    backupManagerProvider,
    backupSyncSchedulerProvider,
    backupSchedulerProvider,
    BackupCommandsRegistrar,
    BackupOperationRecovery,
    BackupVmDetailsReader,
  ],
  exports: [BACKUP_MANAGER, BackupSyncScheduler, BackupScheduler],
})
export class BackupApiModule {}

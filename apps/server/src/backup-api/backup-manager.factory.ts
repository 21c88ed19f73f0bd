import { Logger, type Provider } from '@nestjs/common';
import {
  type AccessChecker,
  BackupManager,
  type Clock,
  type ProviderLookup,
  type Repositories,
  type TransactionRunner,
} from '@csbr/framework/host';

import { getDataSourceToken } from '@nestjs/typeorm';
import { type DataSource } from 'typeorm';

import { TypeOrmBackupScheduleRepository } from '../persistence/typeorm-backup-schedule-repository';
import { createProviderLogger } from '../logging/nest-provider-logger';
import { CsbrMetrics } from '../operations/csbr-metrics';
import { ACCESS_CHECKER, CLOCK, REPOSITORIES, TRANSACTION_RUNNER } from '../persistence/tokens';
import { PROVIDER_REGISTRY } from '../providers/provider-registry.token';
import { BACKUP_MANAGER } from './backup-api.tokens';

/**
 * Protected VMs per batch of the sync: one keyset page, one `getMetrics` call and one multi-row
 * usage insert each. Twice the framework's default: rows of a thousand VMs are small, and the
 * fewer batches, the fewer statements per pass.
 */
const SYNC_BATCH_SIZE = 1000;

/**
 * The framework's BackupManager over the TypeORM ports and the discovered providers. One instance
 * per application: it keeps no request state, only the ports.
 */
export const backupManagerProvider: Provider = {
  provide: BACKUP_MANAGER,
  inject: [
    REPOSITORIES,
    TRANSACTION_RUNNER,
    PROVIDER_REGISTRY,
    ACCESS_CHECKER,
    CLOCK,
    getDataSourceToken(),
    { token: CsbrMetrics, optional: true },
  ],
  useFactory: (
    repositories: Repositories,
    transactions: TransactionRunner,
    providers: ProviderLookup,
    access: AccessChecker,
    clock: Clock,
    dataSource: DataSource,
    metrics?: CsbrMetrics,
  ): BackupManager =>
    new BackupManager({
      repositories,
      transactions,
      providers,
      access,
      clock,
      schedules: new TypeOrmBackupScheduleRepository(dataSource.manager),
      logger: createProviderLogger(new Logger('BackupManager')),
      syncBatchSize: SYNC_BATCH_SIZE,
      ...(metrics === undefined ? {} : { observer: metrics.observer }),
    }),
};

import { Logger, type Provider } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { type BackupManager, type Clock } from '@csbr/framework/host';
import { type DataSource } from 'typeorm';

import { API_USER_STORE, ASYNC_JOB_SERVICE } from '../../api/ports/api-tokens';
import { type ApiUserStore } from '../../api/ports/api-user-store';
import { type AsyncJobService } from '../../api/ports/async-job-service';
import { LeaseNames, LEASES, type LeaseService } from '../../cluster';
import { SERVER_CONFIG, type ServerConfig } from '../../config/server-config';
import { createProviderLogger } from '../../logging/nest-provider-logger';
import { CLOCK } from '../../persistence/tokens';
import { BACKUP_MANAGER } from '../backup-api.tokens';
import { BackupScheduler } from './backup-scheduler';
import { DbScheduledRunSubmitter } from './scheduled-run-submitter';

const DEFAULT_SCHEDULER = { enabled: true, tickMs: 30_000 };

/**
 * The backup scheduler, injectable by its class. With several instances on one database only the
 * holder of the `backup.scheduler` lease claims due schedules.
 */
export const backupSchedulerProvider: Provider = {
  provide: BackupScheduler,
  inject: [
    BACKUP_MANAGER,
    SERVER_CONFIG,
    CLOCK,
    getDataSourceToken(),
    API_USER_STORE,
    ASYNC_JOB_SERVICE,
    { token: LEASES, optional: true },
  ],
  useFactory: (
    manager: BackupManager,
    config: ServerConfig,
    clock: Clock,
    dataSource: DataSource,
    users: ApiUserStore,
    jobs: AsyncJobService,
    leases?: LeaseService,
  ) => {
    const options = config.scheduler ?? DEFAULT_SCHEDULER;
    if (options.enabled) leases?.want(LeaseNames.scheduler);
    return new BackupScheduler(
      manager,
      new DbScheduledRunSubmitter(dataSource, users, jobs),
      clock,
      createProviderLogger(new Logger(BackupScheduler.name)),
      options,
      leases === undefined ? undefined : { holds: () => leases.holds(LeaseNames.scheduler) },
    );
  },
};

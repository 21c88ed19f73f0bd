import { Global, Module } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { DataSource } from 'typeorm';

import { DbUuidResolver } from '../accounts/db-uuid-resolver';
import { API_CLOCK, ASYNC_JOB_SERVICE } from '../api/ports/api-tokens';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { DbAsyncJobService } from './db-async-job-service';
import { JOB_OUTCOME_LISTENERS, type JobOutcomeListener } from './job-outcome-listener';
import { MANAGEMENT_SERVER_ID } from './management-server-id';

/**
 * CloudStack's async jobs over `async_job`, as data: provides {@link ASYNC_JOB_SERVICE} (and the
 * {@link DbAsyncJobService} itself, for recovery hooks and tests waiting on a job) and this
 * instance's {@link MANAGEMENT_SERVER_ID}. At bootstrap it recovers what a previous run of this
 * instance left behind, then claims jobs; at shutdown it lets running jobs finish (bounded) before
 * the database closes. Needs the TypeORM `DataSource` and `SERVER_CONFIG`; uses `API_CLOCK` when
 * one is visible.
 */
@Global()
@Module({
  providers: [
    DbUuidResolver,
    {
      provide: MANAGEMENT_SERVER_ID,
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig) => config.cluster.managementServerId,
    },
    {
      provide: DbAsyncJobService,
      inject: [
        DataSource,
        DbUuidResolver,
        MANAGEMENT_SERVER_ID,
        SERVER_CONFIG,
        { token: API_CLOCK, optional: true },
        { token: JOB_OUTCOME_LISTENERS, optional: true },
      ],
      useFactory: (
        dataSource: DataSource,
        resolver: DbUuidResolver,
        managementServerId: string,
        config: ServerConfig,
        clock?: Clock,
        outcomeListeners?: readonly JobOutcomeListener[],
      ) =>
        new DbAsyncJobService(dataSource, resolver, managementServerId, {
          clock,
          ...config.jobs,
          ...(outcomeListeners === undefined ? {} : { outcomeListeners }),
        }),
    },
    { provide: ASYNC_JOB_SERVICE, useExisting: DbAsyncJobService },
  ],
  exports: [ASYNC_JOB_SERVICE, DbAsyncJobService, MANAGEMENT_SERVER_ID],
})
export class JobsModule {}

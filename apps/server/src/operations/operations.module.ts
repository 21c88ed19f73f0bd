import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ConfigurationService } from '../configuration/configuration.service';
import { JOB_OUTCOME_LISTENERS, type JobOutcomeListener } from '../jobs/job-outcome-listener';
import { NotificationOutbox } from '../notifications/notification-outbox';
import { NotificationsModule } from '../notifications/notifications.module';
import { CsbrMetrics } from './csbr-metrics';
import { MetricsController } from './metrics.controller';
import { DbScrapeQueries } from './scrape-queries';

/**
 * What operators watch: `/metrics` (one {@link CsbrMetrics} per application, injectable
 * everywhere so the API, the jobs and the BackupManager feed it).
 */
@Global()
@Module({
  imports: [NotificationsModule],
  controllers: [MetricsController],
  providers: [
    {
      provide: CsbrMetrics,
      inject: [DataSource, ConfigurationService],
      useFactory: (dataSource: DataSource, configuration: ConfigurationService) =>
        new CsbrMetrics(new DbScrapeQueries(dataSource, configuration)),
    },
    {
      provide: JOB_OUTCOME_LISTENERS,
      inject: [CsbrMetrics, NotificationOutbox],
      useFactory: (metrics: CsbrMetrics, outbox: NotificationOutbox): JobOutcomeListener[] => [
        { onFinished: (job) => metrics.recordJob(job.command, job.status, job.durationMs / 1000) },
        outbox,
      ],
    },
  ],
  exports: [CsbrMetrics, JOB_OUTCOME_LISTENERS],
})
export class OperationsModule {}

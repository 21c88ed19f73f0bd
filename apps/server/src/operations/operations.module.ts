import { Global, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ConfigurationService } from '../configuration/configuration.service';
import { JOB_OUTCOME_LISTENERS, type JobOutcomeListener } from '../jobs/job-outcome-listener';
import { CsbrMetrics } from './csbr-metrics';
import { MetricsController } from './metrics.controller';
import { DbScrapeQueries } from './scrape-queries';

/**
 * What operators watch: `/metrics` (one {@link CsbrMetrics} per application, injectable
 * everywhere so the API, the jobs and the BackupManager feed it).
 */
@Global()
@Module({
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
      inject: [CsbrMetrics],
      useFactory: (metrics: CsbrMetrics): JobOutcomeListener[] => [
        { onFinished: (job) => metrics.recordJob(job.command, job.status, job.durationMs / 1000) },
      ],
    },
  ],
  exports: [CsbrMetrics, JOB_OUTCOME_LISTENERS],
})
export class OperationsModule {}

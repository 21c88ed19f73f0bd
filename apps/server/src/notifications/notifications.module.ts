import { Global, Logger, Module } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { DEFAULT_OPERATIONS_SETTINGS, SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { ConfigurationService } from '../configuration/configuration.service';
import { createProviderLogger } from '../logging/nest-provider-logger';
import { NotificationDelivery } from './notification-delivery';
import { NotificationOutbox } from './notification-outbox';

/**
 * Webhook notifications: the outbox (written with each job's outcome) and its delivery, on every
 * instance. Global, so the jobs (and the backup scheduler) can write to the outbox.
 */
@Global()
@Module({
  providers: [
    { provide: NotificationOutbox, useFactory: () => new NotificationOutbox() },
    {
      provide: NotificationDelivery,
      inject: [DataSource, ConfigurationService, SERVER_CONFIG],
      useFactory: (dataSource: DataSource, configuration: ConfigurationService, config: ServerConfig) =>
        new NotificationDelivery(
          dataSource,
          configuration,
          config.operations ?? DEFAULT_OPERATIONS_SETTINGS,
          config.cluster.managementServerId,
          createProviderLogger(new Logger('Notifications')),
        ),
    },
  ],
  exports: [NotificationOutbox, NotificationDelivery],
})
export class NotificationsModule {}

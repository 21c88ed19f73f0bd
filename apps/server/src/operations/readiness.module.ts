import { Global, Logger, Module } from '@nestjs/common';
import { type BackupManager, type Repositories } from '@csbr/framework/host';

import { BackupApiModule } from '../backup-api/backup-api.module';
import { BACKUP_MANAGER } from '../backup-api/backup-api.tokens';
import { DEFAULT_OPERATIONS_SETTINGS, SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { ConfigurationService } from '../configuration/configuration.service';
import { createProviderLogger } from '../logging/nest-provider-logger';
import { REPOSITORIES } from '../persistence/tokens';
import { ProviderChecker } from './provider-checker';

/** The periodic provider check behind `/health/ready`, visible to the health controller. */
@Global()
@Module({
  imports: [BackupApiModule],
  providers: [
    {
      provide: ProviderChecker,
      inject: [BACKUP_MANAGER, REPOSITORIES, ConfigurationService, SERVER_CONFIG],
      useFactory: (manager: BackupManager, repositories: Repositories, configuration: ConfigurationService, config: ServerConfig) => {
        const settings = config.operations ?? DEFAULT_OPERATIONS_SETTINGS;
        return new ProviderChecker(
          manager,
          repositories,
          configuration,
          createProviderLogger(new Logger('ProviderCheck')),
          settings.providerCheckIntervalMs,
          settings.providerCheckTimeoutMs,
        );
      },
    },
  ],
  exports: [ProviderChecker],
})
export class ReadinessModule {}

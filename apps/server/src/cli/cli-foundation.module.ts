import { type DynamicModule, Module } from '@nestjs/common';

import { BootstrapModule } from '../bootstrap/bootstrap.module';
import { type ServerConfig } from '../config/server-config';
import { ServerConfigModule } from '../config/server-config.module';
import { ConfigurationModule } from '../configuration/configuration.module';
import { DatabaseModule } from '../database/database.module';
import { ProvidersModule } from '../providers/providers.module';

/**
 * What CLI commands run on: the server's foundation (settings, migrated database, configuration,
 * providers, first-start data such as the ROOT domain), without the HTTP API or background work.
 */
@Module({})
export class CliFoundationModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: CliFoundationModule,
      imports: [ServerConfigModule.forRoot(config), DatabaseModule, ConfigurationModule, ProvidersModule, BootstrapModule],
    };
  }
}

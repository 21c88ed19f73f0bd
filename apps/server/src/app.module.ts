import { type DynamicModule, Module, type Type } from '@nestjs/common';

import { BootstrapModule } from './bootstrap/bootstrap.module';
import { type ServerConfig } from './config/server-config';
import { ServerConfigModule } from './config/server-config.module';
import { ConfigurationModule } from './configuration/configuration.module';
import { DatabaseModule } from './database/database.module';
import { HealthModule } from './health/health.module';
import { ProvidersModule } from './providers/providers.module';

/**
 * The foundation every feature builds on, in boot order: validated settings, the migrated
 * database, the configuration registry, discovered providers, first-start data.
 * `SERVER_CONFIG`, `DataSource`, `ConfigurationService`, `SecretCipher` and `PROVIDER_REGISTRY`
 * are injectable everywhere.
 */
const FOUNDATION_MODULES = [DatabaseModule, ConfigurationModule, ProvidersModule, BootstrapModule];

/**
 * Feature modules: what the server serves. Add new ones here (the CloudStack API module of
 * `src/api`, jobs, scheduling). Start background work in `onApplicationBootstrap`, which runs after
 * the configuration is seeded and the initial data exists.
 */
const FEATURE_MODULES: Type[] = [HealthModule];

@Module({})
export class AppModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServerConfigModule.forRoot(config), ...FOUNDATION_MODULES, ...FEATURE_MODULES],
    };
  }
}

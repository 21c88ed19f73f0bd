import { type DynamicModule, Module, type Type } from '@nestjs/common';

import { AccountsModule, DbSessionStore } from './accounts';
import { ApiModule } from './api/api.module';
import { ACTION_EVENT_WRITER, SESSION_STORE } from './api/ports/api-tokens';
import { BackupApiModule } from './backup-api';
import { BootstrapModule } from './bootstrap/bootstrap.module';
import { ClusterModule } from './cluster';
import { type ServerConfig } from './config/server-config';
import { ServerConfigModule } from './config/server-config.module';
import { ConfigurationModule } from './configuration/configuration.module';
import { ConfigurationApiModule } from './configuration-api';
import { DatabaseModule } from './database/database.module';
import { DbActionEventWriter, EventsModule } from './events';
import { EventsApiModule } from './events-api';
import { HealthModule } from './health/health.module';
import { InventoryModule } from './inventory';
import { JobsModule } from './jobs';
import { PersistenceModule } from './persistence';
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
const FEATURE_MODULES: (Type | DynamicModule)[] = [
  HealthModule,
  PersistenceModule.forRoot(),
  ApiModule.forRoot({
    imports: [AccountsModule, JobsModule, EventsModule],
    // ApiModule declares a no-op writer and in-memory sessions by default; these record CloudStack
    // `event` rows and keep sessions in the database, shared by every instance.
    providers: [
      { provide: ACTION_EVENT_WRITER, useExisting: DbActionEventWriter },
      { provide: SESSION_STORE, useClass: DbSessionStore },
    ],
  }),
  ClusterModule,
  InventoryModule,
  ConfigurationApiModule,
  EventsApiModule,
  BackupApiModule,
];

@Module({})
export class AppModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [ServerConfigModule.forRoot(config), ...FOUNDATION_MODULES, ...FEATURE_MODULES],
    };
  }
}

import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { LoggerModule, type Params as LoggingParams } from 'nestjs-pino';

import { AccountsModule, DbSessionStore } from './accounts';
import { ApiModule } from './api/api.module';
import { DEFAULT_API_SETTINGS, type ApiSettings } from './api/ports/api-settings';
import { ACTION_EVENT_WRITER, API_SETTINGS, SESSION_STORE, SIGNATURE_REPLAY_GUARD } from './api/ports/api-tokens';
import { BackupApiModule } from './backup-api';
import { BootstrapModule } from './bootstrap/bootstrap.module';
import { ClusterModule } from './cluster';
import { SERVER_CONFIG, type ServerConfig } from './config/server-config';
import { ServerConfigModule } from './config/server-config.module';
import { ConfigurationModule } from './configuration/configuration.module';
import { ConfigurationApiModule } from './configuration-api';
import { DatabaseModule } from './database/database.module';
import { DbActionEventWriter, EventsModule } from './events';
import { EventsApiModule } from './events-api';
import { HealthModule } from './health/health.module';
import { InventoryModule } from './inventory';
import { JobsModule } from './jobs';
import { OperationsModule } from './operations/operations.module';
import { ReadinessModule } from './operations/readiness.module';
import { PersistenceModule } from './persistence';
import { ProvidersModule } from './providers/providers.module';
import { DbSignatureReplayGuard, SignaturesModule } from './signatures';

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
  OperationsModule,
  HealthModule,
  PersistenceModule.forRoot(),
  ApiModule.forRoot({
    imports: [AccountsModule, JobsModule, EventsModule, SignaturesModule],
    // ApiModule declares a no-op writer and in-memory sessions by default; these record CloudStack
    // `event` rows and keep sessions in the database, shared by every instance.
    providers: [
      { provide: ACTION_EVENT_WRITER, useExisting: DbActionEventWriter },
      { provide: SESSION_STORE, useClass: DbSessionStore },
      { provide: API_SETTINGS, useFactory: apiSettingsOf, inject: [SERVER_CONFIG] },
      // Off by default (CloudStack's behaviour); `api.signature.replay.protection` turns it on.
      { provide: SIGNATURE_REPLAY_GUARD, useExisting: DbSignatureReplayGuard },
    ],
  }),
  ClusterModule,
  InventoryModule,
  ConfigurationApiModule,
  EventsApiModule,
  BackupApiModule,
  ReadinessModule,
];

/** The API layer's settings: its defaults, with what the environment sets. */
function apiSettingsOf(config: ServerConfig): ApiSettings {
  return { ...DEFAULT_API_SETTINGS, requestLimits: config.requestLimits };
}

@Module({})
export class AppModule {
  /** `logging`: nestjs-pino's settings (request ids, one line per request); none in module tests. */
  static forRoot(config: ServerConfig, logging?: LoggingParams): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ...(logging === undefined ? [] : [LoggerModule.forRoot(logging)]),
        ServerConfigModule.forRoot(config),
        ...FOUNDATION_MODULES,
        ...FEATURE_MODULES,
      ],
    };
  }
}

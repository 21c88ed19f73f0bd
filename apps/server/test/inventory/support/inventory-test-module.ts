import { type DynamicModule, Module } from '@nestjs/common';
import { type ConfigKeyDeclaration } from '@csbr/framework';
import { DataSource } from 'typeorm';

import { AccountsModule } from '../../../src/accounts/accounts.module';
import { ApiModule } from '../../../src/api/api.module';
import { ACTION_EVENT_WRITER } from '../../../src/api/ports/api-tokens';
import { BootstrapModule } from '../../../src/bootstrap/bootstrap.module';
import { type ServerConfig } from '../../../src/config/server-config';
import { ServerConfigModule } from '../../../src/config/server-config.module';
import { ConfigKeyRegistry } from '../../../src/configuration/config-key-registry';
import { ConfigurationModule } from '../../../src/configuration/configuration.module';
import { ConfigurationApiModule } from '../../../src/configuration-api/configuration-api.module';
import { DatabaseModule } from '../../../src/database/database.module';
import { DbActionEventWriter } from '../../../src/events/db-action-event-writer';
import { EventsApiModule } from '../../../src/events-api/events-api.module';
import { InventoryModule } from '../../../src/inventory/inventory.module';
import { JobsModule } from '../../../src/jobs/jobs.module';
import { ProvidersModule } from '../../../src/providers/providers.module';

/** A secure key declared by a stand-in provider, so masking can be seen (the dummy declares none). */
export const TEST_SECURE_KEY: ConfigKeyDeclaration = {
  name: 'backup.plugin.vault.password',
  type: 'String',
  scope: 'Zone',
  default: '',
  description: 'Password of the test vault provider',
  secure: true,
};
export const TEST_SECURE_KEY_COMPONENT = 'vault';

const TEST_KEYS = Symbol('test:config-keys');

/**
 * Until the app module wires them: the server's foundation, the API layer with its adapters
 * (accounts, jobs, the database event writer) and the modules under test.
 */
@Module({})
export class InventoryTestModule {
  static forRoot(config: ServerConfig): DynamicModule {
    return {
      module: InventoryTestModule,
      imports: [
        ServerConfigModule.forRoot(config),
        DatabaseModule,
        ConfigurationModule,
        ProvidersModule,
        BootstrapModule,
        AccountsModule,
        JobsModule,
        ApiModule.forRoot({
          providers: [
            {
              provide: ACTION_EVENT_WRITER,
              inject: [DataSource],
              useFactory: (dataSource: DataSource) => new DbActionEventWriter(dataSource),
            },
          ],
        }),
        InventoryModule,
        ConfigurationApiModule,
        EventsApiModule,
      ],
      providers: [
        {
          // Registered while Nest builds the providers, before the seeder runs in onModuleInit.
          provide: TEST_KEYS,
          inject: [ConfigKeyRegistry],
          useFactory: (registry: ConfigKeyRegistry) => registry.register(TEST_SECURE_KEY_COMPONENT, [TEST_SECURE_KEY]),
        },
      ],
    };
  }
}

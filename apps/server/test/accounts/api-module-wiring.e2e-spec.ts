import { type DynamicModule, Global, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AccountsModule, DbAccountDirectory, DbApiUserStore, DbUuidResolver } from '../../src/accounts';
import { ApiModule } from '../../src/api/api.module';
import {
  ACCOUNT_DIRECTORY,
  ACTION_EVENT_WRITER,
  API_USER_STORE,
  ASYNC_JOB_SERVICE,
  UUID_RESOLVER,
} from '../../src/api/ports/api-tokens';
import { SecretCipher } from '../../src/configuration/secret-cipher';
import { ServerConfigModule } from '../../src/config/server-config.module';
import { DbActionEventWriter, EventsModule } from '../../src/events';
import { DbAsyncJobService, JobsModule } from '../../src/jobs';
import { buildTypeOrmOptions } from '../../src/database/typeorm-options';
import { createTempDir, testConfig } from '../support/test-server';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { FIXTURE_CIPHER } from './support/account-fixtures';

/** What ConfigurationModule provides globally in the server. */
@Global()
@Module({ providers: [{ provide: SecretCipher, useValue: FIXTURE_CIPHER }], exports: [SecretCipher] })
class TestCipherModule {}

/** The wiring the server uses: the three modules handed to `ApiModule.forRoot`. */
describe('AccountsModule, JobsModule and EventsModule behind ApiModule', () => {
  let database: MigratedDatabase;
  let dataDir: { path: string; remove(): void };
  let app: INestApplicationContext;
  let apiModule: DynamicModule;

  beforeAll(async () => {
    database = await openMigratedDatabase();
    dataDir = createTempDir();
    const config = testConfig({ DATABASE_URL: database.url, CSBR_DATA_DIR: dataDir.path });

    apiModule = ApiModule.forRoot({
      imports: [AccountsModule, JobsModule, EventsModule],
      providers: [{ provide: ACTION_EVENT_WRITER, useExisting: DbActionEventWriter }],
    });

    @Module({
      imports: [
        ServerConfigModule.forRoot(config),
        TypeOrmModule.forRoot({ ...buildTypeOrmOptions({ kind: 'mysql', url: database.url }), retryAttempts: 0 }),
        TestCipherModule,
        apiModule,
      ],
    })
    class WiringTestAppModule {}

    // An HTTP application: ApiModule reads form bodies through the HTTP adapter.
    const httpApp = await NestFactory.create(WiringTestAppModule, { logger: false });
    app = await httpApp.init();
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
    dataDir?.remove();
  });

  it('gives the API layer the database implementations of its ports', () => {
    const api = app.select(apiModule);

    expect(api.get(API_USER_STORE)).toBeInstanceOf(DbApiUserStore);
    expect(api.get(UUID_RESOLVER)).toBeInstanceOf(DbUuidResolver);
    expect(api.get(ACCOUNT_DIRECTORY)).toBeInstanceOf(DbAccountDirectory);
    expect(api.get(ASYNC_JOB_SERVICE)).toBeInstanceOf(DbAsyncJobService);
    // ApiModule declares a no-op writer of its own; the provider handed to forRoot replaces it.
    expect(api.get(ACTION_EVENT_WRITER, { strict: true })).toBeInstanceOf(DbActionEventWriter);
  });
});

import { type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import {
  type AccessChecker,
  type Clock,
  type Repositories,
  type TransactionRunner,
} from '@csbr/framework/host';
import { InMemoryConfigurationStore } from '@csbr/framework/testing';

import { buildTypeOrmOptions } from '../../src/database/typeorm-options';
import {
  ACCESS_CHECKER,
  CLOCK,
  CONFIGURATION_STORE,
  PersistenceModule,
  REPOSITORIES,
  TRANSACTION_RUNNER,
} from '../../src/persistence';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { MANAGEMENT_SERVER_ID } from '../../src/jobs/management-server-id';

describe('PersistenceModule', () => {
  let database: TestDatabase;
  let app: INestApplicationContext;
  const configuration = new InMemoryConfigurationStore();

  beforeAll(async () => {
    database = await createTestDatabase();

    @Module({
      providers: [
        { provide: CONFIGURATION_STORE, useValue: configuration },
        { provide: MANAGEMENT_SERVER_ID, useValue: '77' },
      ],
      exports: [CONFIGURATION_STORE, MANAGEMENT_SERVER_ID],
    })
    class TestConfigurationModule {}

    @Module({
      imports: [
        TypeOrmModule.forRoot({
          ...buildTypeOrmOptions({ kind: 'mysql', url: database.url }),
          retryAttempts: 0,
        }),
        PersistenceModule.forRoot({ imports: [TestConfigurationModule] }),
      ],
    })
    class TestAppModule {}

    app = await NestFactory.createApplicationContext(TestAppModule, { logger: false });
  });

  afterAll(async () => {
    await app?.close();
    await database.drop();
  });

  it('provides the repositories with the configuration store it was given', async () => {
    configuration.set('backup.framework.enabled', 'true');
    const repositories = app.get<Repositories>(REPOSITORIES);

    await expect(repositories.config.getValue('backup.framework.enabled')).resolves.toBe('true');
    await expect(repositories.zones.listActive()).resolves.toEqual([]);
  });

  it('provides a transaction runner, an access checker and the system clock', async () => {
    const transactions = app.get<TransactionRunner>(TRANSACTION_RUNNER);
    const access = app.get<AccessChecker>(ACCESS_CHECKER);
    const clock = app.get<Clock>(CLOCK);

    await expect(transactions.run((tx) => tx.zones.listActive())).resolves.toEqual([]);
    await expect(
      access.checkAccess(
        {
          userId: '1',
          accountId: '2',
          accountName: 'admin',
          domainId: '1',
          domainPath: '/',
          roleType: 'Admin',
        },
        { accountId: '3', domainId: '4' },
      ),
    ).resolves.toBeUndefined();
    expect(Math.abs(clock.now().getTime() - Date.now())).toBeLessThan(60_000);
  });
});

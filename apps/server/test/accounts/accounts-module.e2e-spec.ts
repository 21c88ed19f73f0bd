import { Global, type INestApplicationContext, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';

import { AccountsModule, DbAccountDirectory, DbApiUserStore, DbUuidResolver, UserKeysService } from '../../src/accounts';
import { type AccountDirectory } from '../../src/api/ports/account-directory';
import { ACCOUNT_DIRECTORY, API_USER_STORE, UUID_RESOLVER } from '../../src/api/ports/api-tokens';
import { type ApiUserStore } from '../../src/api/ports/api-user-store';
import { type UuidResolver } from '../../src/api/ports/uuid-resolver';
import { SecretCipher } from '../../src/configuration/secret-cipher';
import { buildTypeOrmOptions } from '../../src/database/typeorm-options';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { AccountFixtures, FIXTURE_CIPHER } from './support/account-fixtures';

/** What ConfigurationModule provides globally in the server. */
@Global()
@Module({ providers: [{ provide: SecretCipher, useValue: FIXTURE_CIPHER }], exports: [SecretCipher] })
class TestCipherModule {}

describe('AccountsModule', () => {
  let database: MigratedDatabase;
  let app: INestApplicationContext;

  beforeAll(async () => {
    database = await openMigratedDatabase();

    @Module({
      imports: [
        TypeOrmModule.forRoot({ ...buildTypeOrmOptions({ kind: 'mysql', url: database.url }), retryAttempts: 0 }),
        TestCipherModule,
        AccountsModule,
      ],
    })
    class AccountsTestAppModule {}

    app = await NestFactory.createApplicationContext(AccountsTestAppModule, { logger: false });
  });

  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('provides the API ports over the database, and the key service', async () => {
    const users = app.get<ApiUserStore>(API_USER_STORE);
    const resolver = app.get<UuidResolver>(UUID_RESOLVER);
    const directory = app.get<AccountDirectory>(ACCOUNT_DIRECTORY);
    const keys = app.get(UserKeysService);
    expect(users).toBeInstanceOf(DbApiUserStore);
    expect(resolver).toBeInstanceOf(DbUuidResolver);
    expect(directory).toBeInstanceOf(DbAccountDirectory);

    const fixtures = new AccountFixtures(database.dataSource.manager);
    const root = await fixtures.domain('ROOT', '/');
    const user = await fixtures.user('alice', await fixtures.account('alice', root));
    const registered = await keys.registerUserKeys(user.id);

    await expect(users.findByApiKey(registered!.apiKey)).resolves.toMatchObject({ secretKey: registered!.secretKey });
    await expect(resolver.resolve('User', user.uuid)).resolves.toBe(user.id);
    await expect(directory.findDomain(root.id)).resolves.toMatchObject({ path: '/' });
  });
});

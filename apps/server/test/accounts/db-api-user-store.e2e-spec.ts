import { AccountType, UserEntity } from '../../src/database/entities';
import { DbApiUserStore } from '../../src/accounts/db-api-user-store';
import { UserKeysService } from '../../src/accounts/user-keys.service';
import { SecretCipher } from '../../src/configuration/secret-cipher';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import {
  AccountFixtures,
  FIXTURE_CIPHER,
  type FixtureAccount,
  type FixtureDomain,
  type FixtureUser,
} from './support/account-fixtures';
import { captureLogs, type CapturedLogs } from '../support/captured-logs';


// The warnings and errors these tests provoke are captured (and asserted where they are the point), not
// printed. Kept until the file ends (jest gives each file its own Nest Logger): work a test abandons on
// purpose may still log after the last test.
let logs: CapturedLogs;
beforeAll(() => {
  logs = captureLogs();
});

describe('DbApiUserStore and UserKeysService on MariaDB', () => {
  let database: MigratedDatabase;
  let store: DbApiUserStore;
  let keys: UserKeysService;
  let root: FixtureDomain;
  let sales: FixtureDomain;
  let adminAccount: FixtureAccount;
  let salesAdmin: FixtureAccount;
  let salesUsers: FixtureAccount;
  let admin: FixtureUser;
  let alice: FixtureUser;

  beforeAll(async () => {
    database = await openMigratedDatabase();
    store = new DbApiUserStore(database.dataSource, FIXTURE_CIPHER);
    keys = new UserKeysService(database.dataSource, FIXTURE_CIPHER);
    const fixtures = new AccountFixtures(database.dataSource.manager);

    root = await fixtures.domain('ROOT', '/');
    sales = await fixtures.domain('sales', '/sales/', { parent: root });
    adminAccount = await fixtures.account('admin', root, { type: AccountType.Admin });
    salesAdmin = await fixtures.account('sales-admin', sales, { type: AccountType.DomainAdmin });
    salesUsers = await fixtures.account('sales-users', sales);
    const disabledAccount = await fixtures.account('disabled-account', sales, { state: 'disabled' });
    const lockedAccount = await fixtures.account('locked-account', sales, { state: 'locked' });

    admin = await fixtures.user('admin', adminAccount, {
      password: 'admin-password',
      apiKey: 'admin-api-key',
      secretKey: 'admin-secret',
      firstname: 'Admin',
      lastname: 'User',
      timezone: 'Europe/Paris',
    });
    await fixtures.user('boss', salesAdmin, { apiKey: 'boss-api-key', secretKey: 'boss-secret' });
    alice = await fixtures.user('alice', salesUsers, {
      password: 'alice-password',
      apiKey: 'alice-api-key',
      secretKey: 'alice-secret',
      firstname: null,
      lastname: null,
    });
    // Same username as the ROOT admin, in another domain: the login's domain decides.
    await fixtures.user('admin', salesUsers, { password: 'sales-admin-password' });
    await fixtures.user('bob', salesUsers, {
      password: 'bob-password',
      state: 'disabled',
      apiKey: 'bob-api-key',
      secretKey: 'bob-secret',
    });
    await fixtures.user('carol', disabledAccount, {
      password: 'carol-password',
      apiKey: 'carol-api-key',
      secretKey: 'carol-secret',
    });
    await fixtures.user('dave', lockedAccount, { password: 'dave-password' });
    await fixtures.user('gone', salesUsers, {
      password: 'gone-password',
      apiKey: 'gone-api-key',
      secretKey: 'gone-secret',
      removed: new Date('2024-02-01T00:00:00Z'),
    });
    await fixtures.user('plain', salesUsers, { apiKey: 'plain-api-key', storedSecretKey: 'plain-secret' });
    await fixtures.user('foreign', salesUsers, {
      apiKey: 'foreign-api-key',
      storedSecretKey: new SecretCipher(Buffer.alloc(32, 9)).encrypt('foreign-secret'),
    });
    await fixtures.user('keyless', salesUsers, { apiKey: 'keyless-api-key' });
  });

  afterAll(async () => {
    await database?.close();
  });

  describe('findByApiKey', () => {
    it('finds the owner of a key with the decrypted secret and the caller it acts as', async () => {
      await expect(store.findByApiKey('admin-api-key')).resolves.toEqual({
        caller: {
          userId: admin.id,
          accountId: adminAccount.id,
          accountName: 'admin',
          domainId: root.id,
          domainPath: '/',
          roleType: 'Admin',
        },
        secretKey: 'admin-secret',
        userEnabled: true,
        accountEnabled: true,
      });
    });

    it('maps account types to role types', async () => {
      const boss = await store.findByApiKey('boss-api-key');
      const user = await store.findByApiKey('alice-api-key');

      expect(boss?.caller).toMatchObject({ roleType: 'DomainAdmin', domainPath: '/sales/', accountName: 'sales-admin' });
      expect(user?.caller).toMatchObject({ roleType: 'User', userId: alice.id, accountId: salesUsers.id, domainId: sales.id });
    });

    it('reports a disabled user or account so the caller can refuse it', async () => {
      await expect(store.findByApiKey('bob-api-key')).resolves.toMatchObject({
        secretKey: 'bob-secret',
        userEnabled: false,
        accountEnabled: true,
      });
      await expect(store.findByApiKey('carol-api-key')).resolves.toMatchObject({
        userEnabled: true,
        accountEnabled: false,
      });
    });

    it('does not find removed users, unknown keys or the empty key', async () => {
      await expect(store.findByApiKey('gone-api-key')).resolves.toBeUndefined();
      await expect(store.findByApiKey('no-such-key')).resolves.toBeUndefined();
      await expect(store.findByApiKey('')).resolves.toBeUndefined();
    });

    it('accepts a secret stored in clear, and refuses one it cannot decrypt or that is missing', async () => {
      await expect(store.findByApiKey('plain-api-key')).resolves.toMatchObject({ secretKey: 'plain-secret' });
      await expect(store.findByApiKey('foreign-api-key')).resolves.toBeUndefined();
      await expect(store.findByApiKey('keyless-api-key')).resolves.toBeUndefined();
      expect(logs.texts('warn')).toContainEqual(
        expect.stringMatching(/^The secret key of user \S+ cannot be decrypted with the current encryption key$/),
      );
    });
  });

  describe('authenticate', () => {
    it('logs a ROOT user in when no domain is given', async () => {
      await expect(store.authenticate({ username: 'admin', password: 'admin-password' })).resolves.toEqual({
        caller: {
          userId: admin.id,
          accountId: adminAccount.id,
          accountName: 'admin',
          domainId: root.id,
          domainPath: '/',
          roleType: 'Admin',
        },
        username: 'admin',
        userUuid: admin.uuid,
        domainUuid: root.uuid,
        accountName: 'admin',
        firstName: 'Admin',
        lastName: 'User',
        timezone: 'Europe/Paris',
      });
    });

    it('refuses a wrong password, an unknown user and a user of another domain', async () => {
      await expect(store.authenticate({ username: 'admin', password: 'wrong' })).resolves.toBeUndefined();
      await expect(store.authenticate({ username: 'nobody', password: 'admin-password' })).resolves.toBeUndefined();
      await expect(store.authenticate({ username: 'alice', password: 'alice-password' })).resolves.toBeUndefined();
    });

    it('logs in by domain path, with or without the slashes', async () => {
      for (const domainPath of ['/sales/', '/sales', 'sales']) {
        const login = await store.authenticate({ username: 'alice', password: 'alice-password', domainPath });
        expect(login).toMatchObject({ username: 'alice', userUuid: alice.uuid, domainUuid: sales.uuid });
        expect(login).not.toHaveProperty('firstName');
        expect(login).not.toHaveProperty('timezone');
      }
    });

    it('tells apart users of the same name by their domain', async () => {
      const salesLogin = await store.authenticate({
        username: 'admin',
        password: 'sales-admin-password',
        domainPath: '/sales/',
      });

      expect(salesLogin?.caller).toMatchObject({ accountId: salesUsers.id, roleType: 'User' });
      await expect(
        store.authenticate({ username: 'admin', password: 'admin-password', domainPath: '/sales/' }),
      ).resolves.toBeUndefined();
    });

    it('logs in by domain uuid or internal id, which wins over the path', async () => {
      await expect(
        store.authenticate({ username: 'alice', password: 'alice-password', domainId: sales.uuid, domainPath: '/' }),
      ).resolves.toMatchObject({ userUuid: alice.uuid });
      await expect(
        store.authenticate({ username: 'alice', password: 'alice-password', domainId: sales.id }),
      ).resolves.toMatchObject({ userUuid: alice.uuid });
      await expect(
        store.authenticate({ username: 'alice', password: 'alice-password', domainId: 'no-such-domain' }),
      ).resolves.toBeUndefined();
      await expect(
        store.authenticate({ username: 'alice', password: 'alice-password', domainPath: '/nowhere/' }),
      ).resolves.toBeUndefined();
    });

    it('refuses disabled users, disabled or locked accounts and removed users even with the right password', async () => {
      const domainPath = '/sales/';
      await expect(store.authenticate({ username: 'bob', password: 'bob-password', domainPath })).resolves.toBeUndefined();
      await expect(store.authenticate({ username: 'carol', password: 'carol-password', domainPath })).resolves.toBeUndefined();
      await expect(store.authenticate({ username: 'dave', password: 'dave-password', domainPath })).resolves.toBeUndefined();
      await expect(store.authenticate({ username: 'gone', password: 'gone-password', domainPath })).resolves.toBeUndefined();
    });
  });

  describe('UserKeysService', () => {
    it('registers CloudStack-like keys, stores the secret encrypted and signs with them at once', async () => {
      const fixtures = new AccountFixtures(database.dataSource.manager);
      const erin = await fixtures.user('erin', salesUsers, { apiKey: 'erin-old-key', secretKey: 'erin-old-secret' });

      const registered = await keys.registerUserKeys(erin.id);

      expect(registered?.apiKey).toMatch(/^[A-Za-z0-9_-]{86}$/);
      expect(registered?.secretKey).toMatch(/^[A-Za-z0-9_-]{86}$/);
      expect(registered?.apiKey).not.toBe(registered?.secretKey);
      const row = await database.dataSource.manager.findOneByOrFail(UserEntity, { id: erin.id });
      expect(row.apiKey).toBe(registered?.apiKey);
      expect(row.secretKey).toMatch(/^enc:v1:/);
      expect(row.secretKey).not.toContain(registered?.secretKey);
      await expect(store.findByApiKey(registered!.apiKey)).resolves.toMatchObject({
        secretKey: registered!.secretKey,
        caller: { userId: erin.id },
      });
      await expect(store.findByApiKey('erin-old-key')).resolves.toBeUndefined();
      await expect(keys.getUserKeys(erin.id)).resolves.toEqual(registered);
    });

    it('gives different keys every time', async () => {
      const first = await keys.registerUserKeys(alice.id);
      const second = await keys.registerUserKeys(alice.id);

      expect(second?.apiKey).not.toBe(first?.apiKey);
      expect(second?.secretKey).not.toBe(first?.secretKey);
    });

    it('answers nothing for unknown or removed users, and no fields for a user without keys', async () => {
      const fixtures = new AccountFixtures(database.dataSource.manager);
      const keyless = await fixtures.user('frank', salesUsers);
      const removed = await fixtures.user('gina', salesUsers, { removed: new Date('2024-03-01T00:00:00Z') });

      await expect(keys.registerUserKeys('999999')).resolves.toBeUndefined();
      await expect(keys.registerUserKeys(removed.id)).resolves.toBeUndefined();
      await expect(keys.getUserKeys('999999')).resolves.toBeUndefined();
      await expect(keys.getUserKeys(keyless.id)).resolves.toEqual({});
      const removedRow = await database.dataSource.manager.findOneByOrFail(UserEntity, { id: removed.id });
      expect(removedRow.apiKey).toBeNull();
    });
  });
});

import { DbAccountDirectory } from '../../src/accounts/db-account-directory';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { AccountFixtures, type FixtureAccount, type FixtureDomain } from './support/account-fixtures';

const REMOVED = new Date('2024-06-01T00:00:00Z');

describe('DbAccountDirectory on MariaDB', () => {
  let database: MigratedDatabase;
  let directory: DbAccountDirectory;
  let root: FixtureDomain;
  let sales: FixtureDomain;
  let closed: FixtureDomain;
  let rootOps: FixtureAccount;
  let salesOps: FixtureAccount;

  beforeAll(async () => {
    database = await openMigratedDatabase();
    directory = new DbAccountDirectory(database.dataSource);
    const fixtures = new AccountFixtures(database.dataSource.manager);
    root = await fixtures.domain('ROOT', '/');
    sales = await fixtures.domain('sales', '/sales/', { parent: root });
    closed = await fixtures.domain('closed', '/closed/', { parent: root, removed: REMOVED });
    rootOps = await fixtures.account('ops', root);
    salesOps = await fixtures.account('ops', sales);
    await fixtures.account('former', sales, { removed: REMOVED });
  });

  afterAll(async () => {
    await database?.close();
  });

  it('finds a domain by internal id with its uuid and path', async () => {
    await expect(directory.findDomain(root.id)).resolves.toEqual({ id: root.id, uuid: root.uuid, path: '/' });
    await expect(directory.findDomain(sales.id)).resolves.toEqual({ id: sales.id, uuid: sales.uuid, path: '/sales/' });
  });

  it('does not find removed or unknown domains', async () => {
    await expect(directory.findDomain(closed.id)).resolves.toBeUndefined();
    await expect(directory.findDomain('999999')).resolves.toBeUndefined();
  });

  it('finds an account by name within the given domain only', async () => {
    await expect(directory.findAccountId('ops', root.id)).resolves.toBe(rootOps.id);
    await expect(directory.findAccountId('ops', sales.id)).resolves.toBe(salesOps.id);
    await expect(directory.findAccountId('ops', closed.id)).resolves.toBeUndefined();
    await expect(directory.findAccountId('nobody', sales.id)).resolves.toBeUndefined();
  });

  it('does not find removed accounts', async () => {
    await expect(directory.findAccountId('former', sales.id)).resolves.toBeUndefined();
  });
});

import { type Caller, type ResourceOwner, type RoleType } from '@csbr/framework/host';

import { DbAccessChecker } from '../../src/persistence';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { type SeededAccount, type SeededDomain, Seeder } from './support/seeder';

describe('DbAccessChecker', () => {
  let db: MigratedDatabase;
  let checker: DbAccessChecker;
  let root: SeededDomain;
  let sales: SeededDomain;
  let salesEu: SeededDomain;
  let salesforce: SeededDomain;
  let euOwner: ResourceOwner;
  let salesforceOwner: ResourceOwner;

  function caller(
    account: SeededAccount | { id: string; name: string; domainId: string },
    domain: SeededDomain,
    roleType: RoleType,
  ): Caller {
    return {
      userId: '99',
      accountId: account.id,
      accountName: account.name,
      domainId: domain.id,
      domainPath: domain.path,
      roleType,
    };
  }

  function ownerOf(account: SeededAccount): ResourceOwner {
    return { accountId: account.id, domainId: account.domainId };
  }

  beforeAll(async () => {
    db = await openMigratedDatabase();
    checker = new DbAccessChecker(db.dataSource.manager);
    const seed = new Seeder(db.dataSource.manager);
    root = await seed.domain('ROOT', '/');
    sales = await seed.domain('sales', '/sales/', root);
    salesEu = await seed.domain('eu', '/sales/eu/', sales);
    salesforce = await seed.domain('salesforce', '/salesforce/', root);
    euOwner = ownerOf(await seed.account('eu-user', salesEu));
    salesforceOwner = ownerOf(await seed.account('sf-user', salesforce));
  });

  afterAll(async () => {
    await db.close();
  });

  it('lets a root admin act on anything', async () => {
    await expect(
      checker.checkAccess(
        caller({ id: '2', name: 'admin', domainId: root.id }, root, 'Admin'),
        euOwner,
      ),
    ).resolves.toBeUndefined();
  });

  it('lets an account act on its own resources', async () => {
    const self = { id: euOwner.accountId, name: 'eu-user', domainId: salesEu.id };

    await expect(
      checker.checkAccess(caller(self, salesEu, 'User'), euOwner),
    ).resolves.toBeUndefined();
  });

  it('refuses a user acting on another account of the same domain', async () => {
    const other = { id: '12345', name: 'mallory', domainId: salesEu.id };

    await expect(
      checker.checkAccess(caller(other, salesEu, 'User'), euOwner),
    ).rejects.toMatchObject({
      name: 'BackupError',
      code: 'PERMISSION_DENIED',
      message:
        'Account mallory does not have permission to operate with resources of another account',
    });
  });

  it('lets a domain admin act within its domain and subdomains', async () => {
    const salesAdmin = { id: '500', name: 'sales-admin', domainId: sales.id };

    await expect(
      checker.checkAccess(caller(salesAdmin, sales, 'DomainAdmin'), euOwner),
    ).resolves.toBeUndefined();
  });

  it('refuses a domain admin outside its subtree, even when the path only starts alike', async () => {
    const salesAdmin = { id: '500', name: 'sales-admin', domainId: sales.id };
    const euAdmin = { id: '501', name: 'eu-admin', domainId: salesEu.id };

    await expect(
      checker.checkAccess(
        caller(salesAdmin, { ...sales, path: '/sales' }, 'DomainAdmin'),
        salesforceOwner,
      ),
    ).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
      message: `Account sales-admin does not have permission to operate within domain id=${salesforce.uuid}`,
    });
    await expect(
      checker.checkAccess(caller(euAdmin, salesEu, 'DomainAdmin'), {
        accountId: '1',
        domainId: sales.id,
      }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
  });

  it('treats an admin outside ROOT as an admin of its own domain only', async () => {
    const subAdmin = { id: '502', name: 'sub-admin', domainId: salesforce.id };

    await expect(
      checker.checkAccess(caller(subAdmin, salesforce, 'Admin'), salesforceOwner),
    ).resolves.toBeUndefined();
    await expect(
      checker.checkAccess(caller(subAdmin, salesforce, 'Admin'), euOwner),
    ).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });
});

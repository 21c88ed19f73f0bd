import { randomUUID } from 'node:crypto';

import { type Caller, type RoleType } from '@csbr/framework/host';
import { type EntityManager } from 'typeorm';

import { DbUuidResolver } from '../../src/accounts/db-uuid-resolver';
import {
  AsyncJobEntity,
  BackupEntity,
  BackupPolicyEntity,
  DataCenterEntity,
  VmInstanceEntity,
  VolumeEntity,
} from '../../src/database/entities';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { AccountFixtures, type FixtureAccount } from './support/account-fixtures';
import { CLOUDSTACK_ROW_DEFAULTS, cloudStackVmColumns } from '../../src/database/cloudstack-row-defaults';

const CREATED = new Date('2024-01-01T00:00:00Z');
const REMOVED = new Date('2024-06-01T00:00:00Z');

interface Row {
  readonly id: string;
  readonly uuid: string;
}

/** Creates one row of an entity type's table, removed or not, on top of a shared account and zone. */
type RowFactory = (removed: Date | null, tag: string) => Promise<Row>;

function rowFactories(manager: EntityManager, fixtures: AccountFixtures, account: FixtureAccount): Record<string, RowFactory> {
  const zone = async (removed: Date | null, tag: string): Promise<Row> => {
    const saved = await manager.save(DataCenterEntity, {
      uuid: randomUUID(),
      name: `zone-${tag}`,
      dns1: '8.8.8.8',
      internalDns1: '10.0.0.1',
      created: CREATED,
      removed,
    });
    return { id: saved.id, uuid: saved.uuid };
  };
  const vm = async (removed: Date | null, tag: string): Promise<Row & { zoneId: string }> => {
    const { id: zoneId } = await zone(null, `of-vm-${tag}`);
    const saved = await manager.save(VmInstanceEntity, {
      uuid: randomUUID(),
      name: `vm-${tag}`,
      instanceName: `i-2-${tag}-VM`,
      state: 'Running',
      dataCenterId: zoneId,
      accountId: account.id,
      domainId: account.domain.id,
      ...cloudStackVmColumns(),
      created: CREATED,
      removed,
    });
    return { id: saved.id, uuid: saved.uuid, zoneId };
  };
  const policy = async (removed: Date | null, tag: string): Promise<Row> => {
    const { id: zoneId } = await zone(null, `of-policy-${tag}`);
    const saved = await manager.save(BackupPolicyEntity, {
      uuid: randomUUID(),
      name: `policy-${tag}`,
      description: 'gold',
      externalId: `external-${tag}`,
      zoneId,
      created: CREATED,
      removed,
    });
    return { id: saved.id, uuid: saved.uuid };
  };
  return {
    Zone: zone,
    Domain: async (removed, tag) => fixtures.domain(tag, `/${tag}/`, { removed: removed ?? undefined }),
    Account: async (removed, tag) => fixtures.account(`account-${tag}`, account.domain, { removed: removed ?? undefined }),
    User: async (removed, tag) => fixtures.user(`user-${tag}`, account, { removed: removed ?? undefined }),
    VirtualMachine: vm,
    Volume: async (removed, tag) => {
      const owner = await vm(null, `of-volume-${tag}`);
      const saved = await manager.save(VolumeEntity, {
        uuid: randomUUID(),
        name: `ROOT-${tag}`,
        accountId: account.id,
        domainId: account.domain.id,
        instanceId: owner.id,
        deviceId: '0',
        dataCenterId: owner.zoneId,
        volumeType: 'ROOT',
        size: '1024',
        diskOfferingId: CLOUDSTACK_ROW_DEFAULTS.diskOfferingId,
        created: CREATED,
        removed,
      });
      return { id: saved.id, uuid: saved.uuid };
    },
    BackupPolicy: policy,
    BackupOffering: policy,
    Backup: async (removed, tag) => {
      const owner = await vm(null, `of-backup-${tag}`);
      const { id: policyId } = await policy(null, `of-backup-${tag}`);
      const saved = await manager.save(BackupEntity, {
        uuid: randomUUID(),
        vmId: owner.id,
        name: `backup-${tag}`,
        externalId: `backup-${tag}`,
        type: 'FULL',
        date: CREATED,
        size: '1',
        protectedSize: '1',
        status: 'BackedUp',
        policyId,
        accountId: account.id,
        domainId: account.domain.id,
        zoneId: owner.zoneId,
        volumes: '[]',
        removed,
      });
      return { id: saved.id, uuid: saved.uuid };
    },
    AsyncJob: async (removed) => {
      const saved = await manager.save(AsyncJobEntity, {
        uuid: randomUUID(),
        userId: '1',
        accountId: account.id,
        jobCmd: 'org.apache.cloudstack.api.command.user.backup.CreateBackupCmd',
        jobStatus: 0,
        related: '',
        created: CREATED,
        removed,
      });
      return { id: saved.id, uuid: saved.uuid };
    },
  };
}

/** A caller of `account` with `roleType`, acting from `domainPath`. */
function callerOf(accountId: string, roleType: RoleType, domainPath: string): Caller {
  return { userId: '99', accountId, accountName: `account-${accountId}`, domainId: '1', domainPath, roleType };
}

describe('DbUuidResolver on MariaDB', () => {
  let database: MigratedDatabase;
  let resolver: DbUuidResolver;
  let factories: Record<string, RowFactory>;
  let sellerFactories: Record<string, RowFactory>;
  let seller: FixtureAccount;

  beforeAll(async () => {
    database = await openMigratedDatabase();
    resolver = new DbUuidResolver(database.dataSource);
    const fixtures = new AccountFixtures(database.dataSource.manager);
    const root = await fixtures.domain('ROOT', '/');
    const account = await fixtures.account('owner', root);
    factories = rowFactories(database.dataSource.manager, fixtures, account);
    const sales = await fixtures.domain('sales', '/sales/', { parent: root });
    seller = await fixtures.account('seller', sales);
    sellerFactories = rowFactories(database.dataSource.manager, fixtures, seller);
  });

  afterAll(async () => {
    await database?.close();
  });

  it.each([
    'Zone',
    'Domain',
    'Account',
    'User',
    'VirtualMachine',
    'Volume',
    'BackupPolicy',
    'BackupOffering',
    'Backup',
    'AsyncJob',
  ])('resolves a %s uuid to its internal id, and a removed one only for policies/offerings', async (entityType) => {
    const tag = entityType.toLowerCase();
    const live = await factories[entityType]!(null, `${tag}-live`);
    const removed = await factories[entityType]!(REMOVED, `${tag}-removed`);

    expect(resolver.supports(entityType)).toBe(true);
    await expect(resolver.resolve(entityType, live.uuid)).resolves.toBe(live.id);
    // CloudStack resolves removed rows and lets the manager answer; csbr does so for policies/offerings.
    const removedResolves = entityType === 'BackupPolicy' || entityType === 'BackupOffering';
    await expect(resolver.resolve(entityType, removed.uuid)).resolves.toBe(removedResolves ? removed.id : undefined);
    await expect(resolver.resolve(entityType, randomUUID())).resolves.toBeUndefined();
  });

  it('looks only in the table of the entity type it is asked for', async () => {
    const zone = await factories.Zone!(null, 'cross-check');

    await expect(resolver.resolve('VirtualMachine', zone.uuid)).resolves.toBeUndefined();
  });

  it('throws for an entity type without a table, which is a programming error', async () => {
    expect(resolver.supports('Snapshot')).toBe(false);
    await expect(resolver.resolve('Snapshot', randomUUID())).rejects.toThrow("entity type 'Snapshot'");
    await expect(resolver.resolve('toString', randomUUID())).rejects.toThrow("entity type 'toString'");
  });

  it.each(['User', 'VirtualMachine', 'Volume', 'Backup', 'AsyncJob'])(
    "resolves an account's %s only for callers who may act on that account",
    async (entityType) => {
      const row = await sellerFactories[entityType]!(null, `${entityType.toLowerCase()}-sold`);
      const visibleTo = (caller: Caller): Promise<string | undefined> => resolver.resolve(entityType, row.uuid, caller);

      await expect(visibleTo(callerOf(seller.id, 'User', '/sales/'))).resolves.toBe(row.id);
      await expect(visibleTo(callerOf('4242', 'User', '/sales/'))).resolves.toBeUndefined();
      await expect(visibleTo(callerOf('4243', 'DomainAdmin', '/sales/'))).resolves.toBe(row.id);
      await expect(visibleTo(callerOf('4244', 'DomainAdmin', '/'))).resolves.toBe(row.id);
      await expect(visibleTo(callerOf('4245', 'DomainAdmin', '/support/'))).resolves.toBeUndefined();
      await expect(visibleTo(callerOf('4246', 'DomainAdmin', '/sal/'))).resolves.toBeUndefined();
      await expect(visibleTo(callerOf('1', 'Admin', '/'))).resolves.toBe(row.id);
    },
  );

  it.each(['Zone', 'BackupPolicy', 'Domain'])('resolves a %s for any caller: no account owns it', async (entityType) => {
    const row = await sellerFactories[entityType]!(null, `${entityType.toLowerCase()}-shared`);

    await expect(resolver.resolve(entityType, row.uuid, callerOf('4242', 'User', '/'))).resolves.toBe(row.id);
  });
});

import { type Caller, type Repositories } from '../../src/host';
import {
  AllowOwnerAccessChecker,
  createInMemoryRepositories,
  FixedClock,
  RecordingLogger,
  StaticProviderLookup,
} from '../../src/testing';
import { FakeProvider } from './fake-provider';

function seededStore() {
  const store = createInMemoryRepositories();
  store.addDomain({ id: '1', name: 'ROOT', path: '/' });
  store.addDomain({ id: '2', name: 'sales', path: '/sales/' });
  store.addDomain({ id: '3', name: 'emea', path: '/sales/emea/' });
  store.addZone({ id: '1', name: 'zone1' });
  store.addVm({ id: '10', zoneId: '1', accountId: '2', domainId: '3' });
  store.addVm({ id: '11', zoneId: '1', accountId: '3', domainId: '2' });
  return store;
}

describe('InMemoryBackupStore transactions', () => {
  it('commits the writes of a transaction that resolves', async () => {
    const store = seededStore();
    await store.run(async (tx) => {
      await tx.backups.insert({
        vmId: '10',
        name: 'vm-10-backup',
        externalId: 'rp',
        type: 'FULL',
        date: new Date(0),
        size: 1,
        protectedSize: 2,
        status: 'BackedUp',
        policyId: '1',
        accountId: '2',
        domainId: '3',
        zoneId: '1',
        volumes: [],
      });
      await tx.events.usage({
        type: 'BACKUP.USAGE.METRIC',
        accountId: '2',
        zoneId: '1',
        resourceId: '10',
        resourceName: 'x',
        resourceType: 'Backup',
      });
    });
    expect(store.getBackups()).toHaveLength(1);
    expect(store.usageEvents).toHaveLength(1);
  });

  it('drops every write, event and operation of a transaction that throws, and reads its own writes meanwhile', async () => {
    const store = seededStore();
    const failure = store.run(async (tx) => {
      await tx.operations.begin({
        kind: 'CreateBackup',
        vmIds: ['10'],
        created: new Date(0),
        deadline: new Date(60_000),
        payload: '{}',
      });
      await tx.mappings.insert({ policyId: '1', vmId: '10', zoneId: '1', created: new Date(0) });
      await tx.vms.updateBackupFields('10', { externalId: 'job', volumes: [] });
      expect(await tx.mappings.findByVm('10')).toBeDefined();
      expect((await tx.vms.findById('10'))?.backupPolicyId).toBe('1');
      // Not visible outside the transaction before it commits.
      expect(await store.mappings.findByVm('10')).toBeUndefined();
      await tx.events.action({
        type: 'X',
        state: 'Completed',
        description: '',
        userId: '1',
        accountId: '2',
        domainId: '3',
      });
      throw new Error('provider failed');
    });
    await expect(failure).rejects.toThrow('provider failed');
    expect(store.getMappings()).toEqual([]);
    expect(store.getVm('10')?.backupExternalId).toBeUndefined();
    expect(store.actionEvents).toEqual([]);
    expect(store.guardedVms()).toEqual([]);
  });

  it('refuses a second operation on a VM, whether the first is committed or still in its transaction', async () => {
    const store = seededStore();
    const begin = (vmId: string) => (tx: Repositories) =>
      tx.operations.begin({
        kind: 'CreateBackup',
        vmIds: [vmId],
        created: new Date(0),
        deadline: new Date(60_000),
        payload: '{}',
      });
    let release!: () => void;
    const first = store.run(async (tx) => {
      await begin('10')(tx);
      await new Promise<void>((resolve) => (release = resolve));
    });
    await Promise.resolve();
    await expect(store.run(begin('10'))).rejects.toMatchObject({
      code: 'OPERATION_IN_PROGRESS',
      retryable: true,
    });
    await expect(store.run(begin('11'))).resolves.toMatchObject({ vmIds: ['11'], ownerId: '1' });
    release();
    await first;
    await expect(store.run(begin('10'))).rejects.toMatchObject({ code: 'OPERATION_IN_PROGRESS' });
    expect(store.guardedVms()).toEqual(['10', '11']);
  });

  it("keeps both transactions' writes when two commit concurrently", async () => {
    const store = seededStore();
    let release!: () => void;
    const first = store.run(async (tx) => {
      await tx.mappings.insert({ policyId: '1', vmId: '10', zoneId: '1', created: new Date(0) });
      await new Promise<void>((resolve) => (release = resolve));
    });
    await Promise.resolve();
    await store.run((tx) =>
      tx.mappings.insert({ policyId: '1', vmId: '11', zoneId: '1', created: new Date(0) }),
    );
    release();
    await first;
    expect(
      store
        .getMappings()
        .map((mapping) => mapping.vmId)
        .sort(),
    ).toEqual(['10', '11']);
  });

  it('refuses to begin an operation outside a transaction', async () => {
    const store = seededStore();
    await expect(
      store.operations.begin({
        kind: 'CreateBackup',
        vmIds: ['10'],
        created: new Date(0),
        deadline: new Date(60_000),
        payload: '{}',
      }),
    ).rejects.toThrow('inside a transaction');
  });

  it('enforces one mapping per VM and unique active policy names and external ids per zone', async () => {
    const store = seededStore();
    await store.mappings.insert({ policyId: '1', vmId: '10', zoneId: '1', created: new Date(0) });
    await expect(
      store.mappings.insert({ policyId: '2', vmId: '10', zoneId: '1', created: new Date(0) }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    const policy = await store.policies.insert({
      name: 'Gold',
      description: '',
      externalId: 'g',
      zoneId: '1',
      created: new Date(0),
    });
    await expect(
      store.policies.insert({
        name: 'Gold',
        description: '',
        externalId: 'h',
        zoneId: '1',
        created: new Date(0),
      }),
    ).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await store.policies.softDelete(policy.id, new Date(1));
    await expect(
      store.policies.insert({
        name: 'Gold',
        description: '',
        externalId: 'g',
        zoneId: '1',
        created: new Date(0),
      }),
    ).resolves.toMatchObject({ name: 'Gold' });
  });
});

describe('InMemoryBackupStore queries', () => {
  it('scopes backup lists by account, by domain and recursively by domain path', async () => {
    const store = seededStore();
    store.addBackup({ vmId: '10', externalId: 'a' }); // account 2, domain /sales/emea/
    store.addBackup({ vmId: '11', externalId: 'b' }); // account 3, domain /sales/
    const ids = async (scope: Parameters<typeof store.backups.list>[0]['scope']) =>
      (await store.backups.list({ scope }, { offset: 0 })).items.map((backup) => backup.externalId);

    expect(await ids({ kind: 'all' })).toEqual(['a', 'b']);
    expect(await ids({ kind: 'account', accountId: '2' })).toEqual(['a']);
    expect(
      await ids({ kind: 'domain', domainId: '2', domainPath: '/sales/', recursive: false }),
    ).toEqual(['b']);
    expect(
      await ids({ kind: 'domain', domainId: '2', domainPath: '/sales/', recursive: true }),
    ).toEqual(['a', 'b']);
  });

  it('filters backups by exact name, and by keyword on the backup name or the VM name (CloudStack 4.21)', async () => {
    const store = seededStore();
    store.addBackup({ vmId: '10', externalId: 'a', name: 'nightly' });
    store.addBackup({ vmId: '11', externalId: 'b', name: 'nightly-extra' });
    const ids = async (filter: { name?: string; keyword?: string }) =>
      (await store.backups.list({ ...filter, scope: { kind: 'all' } }, { offset: 0 })).items.map((backup) => backup.externalId);

    expect(await ids({ name: 'nightly' })).toEqual(['a']);
    expect(await ids({ name: 'night' })).toEqual([]);
    expect(await ids({ keyword: 'EXTRA' })).toEqual(['b']);
    expect(await ids({ keyword: 'vm-10' })).toEqual(['a']);
    expect(await ids({ keyword: 'nightly' })).toEqual(['a', 'b']);
  });

  it('lists protected VMs of a zone after an id, in numeric order, limited', async () => {
    const store = seededStore();
    for (const id of ['9', '100', '20']) {
      store.addVm({ id, zoneId: '1', accountId: '2', domainId: '3' });
      store.addMapping(id, '1');
    }
    store.addMapping('10', '1');
    store.updateVm('20', { removed: new Date(0) });
    const first = await store.vms.listProtected('1', undefined, 2);
    expect(first.map((vm) => vm.id)).toEqual(['9', '10']);
    const rest = await store.vms.listProtected('1', '10', 2);
    expect(rest.map((vm) => vm.id)).toEqual(['100']);
    expect(rest[0]?.backupPolicyId).toBe('1');
  });

  it('resolves configuration zone → global → default', async () => {
    const store = createInMemoryRepositories({
      configDefaults: { 'backup.plugin.x.url': 'http://x' },
    });
    expect(await store.config.getValue('backup.framework.enabled', '1')).toBe('false');
    expect(await store.config.getValue('backup.framework.provider.plugin')).toBe('dummy');
    expect(await store.config.getValue('backup.plugin.x.url', '1')).toBe('http://x');
    store.config.set('backup.framework.enabled', 'true');
    expect(await store.config.getValue('backup.framework.enabled', '1')).toBe('true');
    store.config.set('backup.framework.enabled', 'false', '1');
    expect(await store.config.getValue('backup.framework.enabled', '1')).toBe('false');
    expect(await store.config.getValue('backup.framework.enabled', '2')).toBe('true');
    store.config.unset('backup.framework.enabled', '1');
    expect(await store.config.getValue('backup.framework.enabled', '1')).toBe('true');
    expect(await store.config.getValue('unknown')).toBeUndefined();
  });
});

describe('AllowOwnerAccessChecker', () => {
  const paths = new Map([
    ['1', '/'],
    ['2', '/sales/'],
    ['3', '/sales/emea/'],
    ['4', '/ops/'],
  ]);
  const checker = new AllowOwnerAccessChecker(paths);
  const owner = { accountId: '20', domainId: '3' };
  const caller = (overrides: Partial<Caller>): Caller => ({
    userId: '1',
    accountId: '99',
    accountName: 'someone',
    domainId: '1',
    domainPath: '/',
    roleType: 'User',
    ...overrides,
  });

  it.each([
    ['the owner', caller({ accountId: '20', domainId: '3', domainPath: '/sales/emea/' })],
    ['a root admin', caller({ roleType: 'Admin' })],
    [
      'the domain admin of the owner domain',
      caller({ roleType: 'DomainAdmin', domainId: '3', domainPath: '/sales/emea/' }),
    ],
    [
      'the domain admin of a parent domain',
      caller({ roleType: 'DomainAdmin', domainId: '2', domainPath: '/sales/' }),
    ],
  ])('allows %s', async (_name, who) => {
    await expect(checker.checkAccess(who, owner)).resolves.toBeUndefined();
  });

  it.each([
    ['a user of the same domain', caller({ domainId: '3', domainPath: '/sales/emea/' })],
    [
      'the domain admin of a sibling domain',
      caller({ roleType: 'DomainAdmin', domainId: '4', domainPath: '/ops/' }),
    ],
    [
      'the domain admin of a child domain',
      caller({ roleType: 'DomainAdmin', domainId: '3', domainPath: '/sales/emea/' }),
      { accountId: '21', domainId: '2' },
    ],
    [
      'a domain admin of a path prefix that is not a parent',
      caller({ roleType: 'DomainAdmin', domainPath: '/sal' }),
    ],
  ])('denies %s', async (_name, who, target = owner) => {
    await expect(checker.checkAccess(who, target)).rejects.toMatchObject({
      code: 'PERMISSION_DENIED',
    });
  });
});

describe('small test ports', () => {
  it('FixedClock moves only when told and hands out copies', () => {
    const clock = new FixedClock('2020-01-01T00:00:00Z');
    const now = clock.now();
    now.setFullYear(1999);
    expect(clock.now()).toEqual(new Date('2020-01-01T00:00:00Z'));
    clock.advance(1500);
    expect(clock.now()).toEqual(new Date('2020-01-01T00:00:01.500Z'));
    clock.set('2021-01-01T00:00:00Z');
    expect(clock.now().getUTCFullYear()).toBe(2021);
  });

  it('RecordingLogger keeps lines by level', () => {
    const logger = new RecordingLogger();
    logger.info('a', { zone: 'z' });
    logger.warn('b');
    expect(logger.entries).toEqual([
      { level: 'info', message: 'a', meta: { zone: 'z' } },
      { level: 'warn', message: 'b' },
    ]);
    expect(logger.messages('warn')).toEqual(['b']);
    logger.clear();
    expect(logger.entries).toEqual([]);
  });

  it('StaticProviderLookup registers instances by name and refuses duplicates', () => {
    const instance = new FakeProvider();
    const lookup = new StaticProviderLookup([{ name: 'fake', instance }]);
    expect(lookup.get('fake')).toMatchObject({
      name: 'fake',
      description: 'fake backup provider',
      instance,
    });
    expect(lookup.get('fake')?.definition.create).toBeInstanceOf(Function);
    expect(lookup.get('other')).toBeUndefined();
    expect(lookup.list()).toHaveLength(1);
    expect(
      () =>
        new StaticProviderLookup([
          { name: 'fake', instance },
          { name: 'fake', instance },
        ]),
    ).toThrow('Provider "fake" is given twice');
  });
});

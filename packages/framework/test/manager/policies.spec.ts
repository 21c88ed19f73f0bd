import { BackupError } from '../../src';
import { BackupManager, type BackupPolicyRepository, type Caller, type Repositories } from '../../src/host';
import { AllowOwnerAccessChecker } from '../../src/testing';
import { alice, createFixture, expectBackupError, rootAdmin, salesAdmin } from './manager-fixture';

const ROOT_ONLY_EXTERNAL =
  'Parameter external can only be specified by a Root Admin, permission denied';

/** An Admin outside ROOT and a DomainAdmin of ROOT: neither is a root admin. */
const childAdmin: Caller = { ...rootAdmin, accountId: '6', domainId: '2', domainPath: '/sales/' };
const rootDomainAdmin: Caller = { ...rootAdmin, accountId: '7', roleType: 'DomainAdmin' };

describe('BackupManager.listExternalPolicies', () => {
  it("returns the zone provider's catalogue to root admins", async () => {
    const f = createFixture();
    await expect(f.manager.listExternalPolicies(rootAdmin, '1')).resolves.toEqual(
      f.provider.catalogue,
    );
    expect(f.provider.callsOf('listPolicies')).toEqual([f.zone1]);
  });

  it.each([alice, salesAdmin, childAdmin, rootDomainAdmin])(
    'refuses a caller who is not root admin (%#)',
    async (caller) => {
      const f = createFixture();
      await expectBackupError(
        f.manager.listExternalPolicies(caller, '1'),
        'PERMISSION_DENIED',
        ROOT_ONLY_EXTERNAL,
      );
    },
  );

  it("keeps a provider's BackupError and hides any other provider error", async () => {
    const f = createFixture();
    f.provider.failWith(
      'listPolicies',
      new BackupError('UPSTREAM_UNAVAILABLE', 'Veeam is unreachable'),
    );
    await expectBackupError(
      f.manager.listExternalPolicies(rootAdmin, '1'),
      'UPSTREAM_UNAVAILABLE',
      'Veeam is unreachable',
    );

    f.provider.failWith('listPolicies', new Error('socket hang up at 10.0.0.5 password=hunter2'));
    const error = await f.manager.listExternalPolicies(rootAdmin, '1').catch((e: unknown) => e);
    expect(error).toMatchObject({
      code: 'OPERATION_FAILED',
      message: 'Failed to list the backup policies of the provider',
    });
    expect((error as Error).cause).toBeInstanceOf(Error);
  });
});

describe('BackupManager.importPolicy', () => {
  it('imports a provider policy and returns it with its zone names, without publishing events', async () => {
    const f = createFixture();
    const view = await f.manager.importPolicy(rootAdmin, {
      zoneId: '1',
      externalId: 'gold',
      name: 'Gold',
      description: 'Gold description',
    });
    expect(view).toEqual({
      id: expect.any(String),
      uuid: expect.any(String),
      name: 'Gold',
      description: 'Gold description',
      externalId: 'gold',
      zoneId: '1',
      zoneUuid: f.zone1.uuid,
      zoneName: 'zone1',
      created: new Date('2020-03-04T10:23:45Z'),
      allowUserDrivenBackups: true,
    });
    expect(f.provider.callsOf('isValidPolicy')).toEqual([{ zone: f.zone1, externalId: 'gold' }]);
    expect(f.store.actionEvents).toEqual([]);
    expect(f.store.usageEvents).toEqual([]);
  });

  it('refuses callers who are not root admin', async () => {
    const f = createFixture();
    for (const caller of [alice, salesAdmin, childAdmin, rootDomainAdmin]) {
      await expectBackupError(
        f.manager.importPolicy(caller, {
          zoneId: '1',
          externalId: 'gold',
          name: 'Gold',
          description: '',
        }),
        'PERMISSION_DENIED',
        'Only a Root Admin can import a backup policy, permission denied',
      );
    }
    expect(f.store.getPolicies()).toEqual([]);
  });

  it('refuses an external id or a name an active policy of the zone already has', async () => {
    const f = createFixture();
    await f.importPolicy('gold', '1', 'Gold');
    await expectBackupError(
      f.manager.importPolicy(rootAdmin, {
        zoneId: '1',
        externalId: 'gold',
        name: 'Other',
        description: '',
      }),
      'ALREADY_EXISTS',
      'A backup policy with external ID gold already exists',
    );
    await expectBackupError(
      f.manager.importPolicy(rootAdmin, {
        zoneId: '1',
        externalId: 'silver',
        name: 'Gold',
        description: '',
      }),
      'ALREADY_EXISTS',
      'A backup policy with the same name already exists in this zone',
    );
    // Uniqueness is per zone.
    await expect(f.importPolicy('gold', '2', 'Gold')).resolves.toMatchObject({ zoneId: '2' });
  });

  it('refuses an external id the provider does not know', async () => {
    const f = createFixture();
    await expectBackupError(
      f.importPolicy('platinum', '1'),
      'NOT_FOUND',
      `Policy platinum does not exist on provider fake on zone ${f.zone1.uuid}`,
    );
    expect(f.store.getPolicies()).toEqual([]);
  });

  it('reports a uniqueness violation raised by the database under a race with the same message', async () => {
    const f = createFixture();
    // Another admin's import commits between our duplicate checks and our insert: the first
    // check still sees nothing, the database constraint then refuses the row.
    let checks = 0;
    const policies: BackupPolicyRepository = {
      ...f.store.policies,
      findActiveByExternalId: (zoneId, externalId) => {
        checks += 1;
        return checks === 1
          ? Promise.resolve(undefined)
          : f.store.policies.findActiveByExternalId(zoneId, externalId);
      },
    };
    f.store.addPolicy({ zoneId: '1', externalId: 'gold', name: 'Gold (other admin)' });
    const repositories: Repositories = {
      config: f.store.config,
      zones: f.store.zones,
      vms: f.store.vms,
      policies,
      mappings: f.store.mappings,
      backups: f.store.backups,
      events: f.store.events,
      operations: f.store.operations,
    };
    const manager = new BackupManager({
      repositories,
      transactions: f.store,
      providers: f.providers,
      access: new AllowOwnerAccessChecker(f.store),
      clock: f.clock,
      logger: f.logger,
    });
    await expectBackupError(
      manager.importPolicy(rootAdmin, {
        zoneId: '1',
        externalId: 'gold',
        name: 'Gold',
        description: '',
      }),
      'ALREADY_EXISTS',
      'A backup policy with external ID gold already exists',
    );
  });

  it("hides a non-BackupError of the provider behind CloudStack's message", async () => {
    const f = createFixture();
    f.provider.failWith('isValidPolicy', new TypeError('boom'));
    await expectBackupError(
      f.importPolicy('gold', '1', 'Gold'),
      'OPERATION_FAILED',
      'Unable to create backup policy: gold, name: Gold',
    );
    expect(f.logger.messages('error')).toEqual(['Backup operation failed unexpectedly']);
  });
});

describe('BackupManager.deletePolicy', () => {
  it('soft-deletes the policy, after which it can be imported again', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1', 'Gold');
    f.clock.advance(1000);
    await f.manager.deletePolicy(rootAdmin, policy.id);
    expect(f.store.getPolicies()).toEqual([
      expect.objectContaining({ id: policy.id, removed: new Date('2020-03-04T10:23:46Z') }),
    ]);
    const page = await f.manager.listPolicies(rootAdmin, { zoneId: '1' }, { offset: 0 });
    expect(page).toEqual({ items: [], total: 0 });

    const again = await f.importPolicy('gold', '1', 'Gold');
    expect(again.id).not.toBe(policy.id);
  });

  it('refuses unknown or already deleted policies', async () => {
    const f = createFixture();
    await expectBackupError(
      f.manager.deletePolicy(rootAdmin, '42'),
      'NOT_FOUND',
      'Could not find a backup policy with id: 42',
    );
    const policy = await f.importPolicy('gold', '1');
    await f.manager.deletePolicy(rootAdmin, policy.id);
    await expectBackupError(
      f.manager.deletePolicy(rootAdmin, policy.id),
      'NOT_FOUND',
      `Could not find a backup policy with id: ${policy.uuid}`,
    );
  });

  it('refuses while VMs are assigned, and allows it once they are removed', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    const vm = f.addVm('10');
    await f.manager.assignPolicy(alice, { vmId: vm.id, policyId: policy.id });
    await expectBackupError(
      f.manager.deletePolicy(rootAdmin, policy.id),
      'IN_USE',
      'Backup policy is assigned to VMs, remove the assignment(s) in order to remove the policy.',
    );
    await f.manager.removeVmFromPolicy(alice, { vmId: vm.id });
    await expect(f.manager.deletePolicy(rootAdmin, policy.id)).resolves.toBeUndefined();
  });

  it('refuses callers who are not root admin', async () => {
    const f = createFixture();
    const policy = await f.importPolicy('gold', '1');
    await expectBackupError(
      f.manager.deletePolicy(salesAdmin, policy.id),
      'PERMISSION_DENIED',
      'Only a Root Admin can delete a backup policy, permission denied',
    );
  });
});

describe('BackupManager.listPolicies', () => {
  it('lists active imported policies filtered by zone and keyword, paged', async () => {
    const f = createFixture();
    const gold = await f.importPolicy('gold', '1', 'Gold');
    const silver = await f.importPolicy('silver', '1', 'Silver');
    const bronze = await f.importPolicy('bronze', '2', 'Bronze');
    await f.manager.deletePolicy(rootAdmin, silver.id);

    const all = await f.manager.listPolicies(alice, {}, { offset: 0 });
    expect(all.items.map((policy) => policy.id)).toEqual([gold.id, bronze.id]);
    expect(all.total).toBe(2);
    const zone1 = await f.manager.listPolicies(alice, { zoneId: '1' }, { offset: 0 });
    expect(zone1.items.map((policy) => policy.name)).toEqual(['Gold']);
    const keyword = await f.manager.listPolicies(alice, { keyword: 'bro' }, { offset: 0 });
    expect(keyword.items.map((policy) => policy.name)).toEqual(['Bronze']);
    const paged = await f.manager.listPolicies(alice, {}, { offset: 1, limit: 1 });
    expect(paged).toEqual({ items: [expect.objectContaining({ id: bronze.id })], total: 2 });
  });

  it('returns the policy an id names, or NOT_FOUND', async () => {
    const f = createFixture();
    const gold = await f.importPolicy('gold', '1', 'Gold');
    await expect(
      f.manager.listPolicies(alice, { id: gold.id, zoneId: '2' }, { offset: 0 }),
    ).resolves.toEqual({
      items: [gold],
      total: 1,
    });
    await expectBackupError(
      f.manager.listPolicies(alice, { id: '77' }, { offset: 0 }),
      'NOT_FOUND',
      'Policy 77 does not exist',
    );
    await f.manager.deletePolicy(rootAdmin, gold.id);
    await expectBackupError(
      f.manager.listPolicies(alice, { id: gold.id }, { offset: 0 }),
      'NOT_FOUND',
      `Policy ${gold.uuid} does not exist`,
    );
  });
});

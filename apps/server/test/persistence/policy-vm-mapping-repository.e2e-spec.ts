import { type BackupPolicy } from '@csbr/framework';
import { type Repositories } from '@csbr/framework/host';

import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import {
  type SeededAccount,
  type SeededDomain,
  type SeededVm,
  type SeededZone,
  Seeder,
} from './support/seeder';
import { testRepositories } from './support/test-repositories';

describe('TypeOrmPolicyVmMappingRepository', () => {
  let db: MigratedDatabase;
  let seed: Seeder;
  let repos: Repositories;
  let zone: SeededZone;
  let root: SeededDomain;
  let rootAccount: SeededAccount;
  let gold: BackupPolicy;
  const created = new Date('2020-03-04T10:23:45Z');

  beforeAll(async () => {
    db = await openMigratedDatabase();
    seed = new Seeder(db.dataSource.manager);
    repos = testRepositories(db.dataSource);
    root = await seed.domain('ROOT', '/');
    rootAccount = await seed.account('admin', root);
    zone = await seed.zone('zone-a');
    gold = await repos.policies.insert({
      name: 'gold',
      description: 'Gold',
      externalId: 'g',
      zoneId: zone.id,
      created,
    });
  });

  afterAll(async () => {
    await db.close();
  });

  function assign(vm: SeededVm, policy: BackupPolicy = gold) {
    return repos.mappings.insert({ policyId: policy.id, vmId: vm.id, zoneId: vm.zoneId, created });
  }

  it('inserts a mapping, finds it by VM and shows the policy on the VM', async () => {
    const vm = await seed.vm('web', zone, rootAccount);

    const mapping = await assign(vm);

    expect(mapping).toEqual({
      id: expect.stringMatching(/^\d+$/),
      policyId: gold.id,
      vmId: vm.id,
      zoneId: zone.id,
      created,
    });
    await expect(repos.mappings.findByVm(vm.id)).resolves.toEqual(mapping);
    await expect(repos.vms.findById(vm.id)).resolves.toMatchObject({ backupPolicyId: gold.id });
  });

  it('refuses a second mapping for the same VM', async () => {
    const vm = await seed.vm('twice', zone, rootAccount);
    const silver = await repos.policies.insert({
      name: 'silver',
      description: '',
      externalId: 's',
      zoneId: zone.id,
      created,
    });
    await assign(vm);

    await expect(assign(vm, silver)).rejects.toMatchObject({
      name: 'BackupError',
      code: 'ALREADY_EXISTS',
      message:
        'VM already is assigned to a backup policy, please remove the VM from its previous policy',
    });
    await expect(repos.mappings.findByVm(vm.id)).resolves.toMatchObject({ policyId: gold.id });
  });

  it('deletes the mapping of a VM', async () => {
    const vm = await seed.vm('leaving', zone, rootAccount);
    await assign(vm);

    await repos.mappings.deleteByVm(vm.id);

    await expect(repos.mappings.findByVm(vm.id)).resolves.toBeUndefined();
    const found = await repos.vms.findById(vm.id);
    expect(found).not.toHaveProperty('backupPolicyId');
  });

  it('counts the mappings of a policy, leaving out removed VMs', async () => {
    const policy = await repos.policies.insert({
      name: 'count',
      description: '',
      externalId: 'c',
      zoneId: zone.id,
      created,
    });
    await assign(await seed.vm('c1', zone, rootAccount), policy);
    await assign(await seed.vm('c2', zone, rootAccount), policy);
    await assign(await seed.vm('c3', zone, rootAccount, { removed: created }), policy);

    await expect(repos.mappings.countByPolicy(policy.id)).resolves.toBe(2);
  });

  describe('listProtected', () => {
    it('pages through live VMs of the zone that have a policy, by id after a key', async () => {
      const otherZone = await seed.zone('zone-keyset');
      const policy = await repos.policies.insert({
        name: 'k',
        description: '',
        externalId: 'k',
        zoneId: otherZone.id,
        created,
      });
      const vms: SeededVm[] = [];
      for (const name of ['k1', 'k2', 'k3', 'k4'])
        vms.push(await seed.vm(name, otherZone, rootAccount));
      await seed.vm('unprotected', otherZone, rootAccount);
      const removed = await seed.vm('removed', otherZone, rootAccount, { removed: created });
      for (const vm of [...vms, removed]) await assign(vm, policy);

      const first = await repos.vms.listProtected(otherZone.id, undefined, 3);
      const second = await repos.vms.listProtected(otherZone.id, first.at(-1)!.id, 3);

      expect(first.map((vm) => vm.name)).toEqual(['k1', 'k2', 'k3']);
      expect(first[0]).toMatchObject({
        id: vms[0]!.id,
        backupPolicyId: policy.id,
        zoneId: otherZone.id,
      });
      expect(second.map((vm) => vm.name)).toEqual(['k4']);
      await expect(repos.vms.listProtected(otherZone.id, vms[3]!.id, 3)).resolves.toEqual([]);
    });
  });

  describe('list', () => {
    let listZone: SeededZone;
    let policy: BackupPolicy;
    let sales: SeededDomain;
    let salesEu: SeededDomain;
    let underscore: SeededDomain;
    let lookalike: SeededDomain;
    const vmsByName = new Map<string, SeededVm>();

    beforeAll(async () => {
      listZone = await seed.zone('list-zone');
      policy = await repos.policies.insert({
        name: 'list',
        description: '',
        externalId: 'l',
        zoneId: listZone.id,
        created,
      });
      sales = await seed.domain('sales', '/sales/', root);
      salesEu = await seed.domain('eu', '/sales/eu/', sales);
      underscore = await seed.domain('a_b', '/a_b/', root);
      lookalike = await seed.domain('axb', '/axb/', root);
      const owners: [string, SeededDomain][] = [
        ['root-vm', root],
        ['sales-vm', sales],
        ['eu-vm', salesEu],
        ['underscore-vm', underscore],
        ['lookalike-vm', lookalike],
      ];
      for (const [name, domain] of owners) {
        const account = await seed.account(`${name}-owner`, domain);
        const vm = await seed.vm(name, listZone, account);
        vmsByName.set(name, vm);
        await assign(vm, policy);
      }
      const gone = await seed.vm('gone-vm', listZone, rootAccount, { removed: created });
      await assign(gone, policy);
    });

    async function names(scope: Parameters<Repositories['mappings']['list']>[0]['scope']) {
      const page = await repos.mappings.list({ policyId: policy.id, scope }, { offset: 0 });
      return page.items.map((item) => item.vmName);
    }

    it('lists mappings of live VMs with VM, policy and zone names', async () => {
      const page = await repos.mappings.list(
        { policyId: policy.id, scope: { kind: 'all' } },
        { offset: 0, limit: 2 },
      );
      const vm = vmsByName.get('root-vm')!;

      expect(page.total).toBe(5);
      expect(page.items).toHaveLength(2);
      expect(page.items[0]).toEqual({
        id: expect.any(String),
        policyId: policy.id,
        vmId: vm.id,
        zoneId: listZone.id,
        created,
        policyUuid: policy.uuid,
        policyName: 'list',
        vmUuid: vm.uuid,
        vmName: 'root-vm',
        zoneUuid: listZone.uuid,
        zoneName: 'list-zone',
      });
    });

    it('filters by VM and by zone', async () => {
      const vm = vmsByName.get('eu-vm')!;

      await expect(
        repos.mappings.list({ vmId: vm.id, scope: { kind: 'all' } }, { offset: 0 }),
      ).resolves.toMatchObject({
        total: 1,
        items: [{ vmName: 'eu-vm' }],
      });
      await expect(
        repos.mappings.list(
          { zoneId: zone.id, policyId: policy.id, scope: { kind: 'all' } },
          { offset: 0 },
        ),
      ).resolves.toEqual({ total: 0, items: [] });
    });

    it('limits the list to one account', async () => {
      const vm = vmsByName.get('sales-vm')!;

      await expect(names({ kind: 'account', accountId: vm.accountId })).resolves.toEqual([
        'sales-vm',
      ]);
    });

    it('limits the list to one domain, or to a domain and its subdomains', async () => {
      const domainScope = { kind: 'domain', domainId: sales.id, domainPath: sales.path } as const;

      await expect(names({ ...domainScope, recursive: false })).resolves.toEqual(['sales-vm']);
      await expect(names({ ...domainScope, recursive: true })).resolves.toEqual([
        'sales-vm',
        'eu-vm',
      ]);
      await expect(
        names({ kind: 'domain', domainId: root.id, domainPath: '/', recursive: true }),
      ).resolves.toHaveLength(5);
    });

    it('takes the domain path literally when matching subdomains', async () => {
      await expect(
        names({
          kind: 'domain',
          domainId: underscore.id,
          domainPath: underscore.path,
          recursive: true,
        }),
      ).resolves.toEqual(['underscore-vm']);
    });
  });
});

import { type NewBackupPolicy, type Repositories } from '@csbr/framework/host';

import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { type SeededZone, Seeder } from './support/seeder';
import { testRepositories } from './support/test-repositories';

describe('TypeOrmBackupPolicyRepository', () => {
  let db: MigratedDatabase;
  let repos: Repositories;
  let zoneA: SeededZone;
  let zoneB: SeededZone;
  const created = new Date('2020-03-04T10:23:45Z');

  function policy(zone: SeededZone, name: string, externalId = `ext-${name}`): NewBackupPolicy {
    return { name, description: `${name} policy`, externalId, zoneId: zone.id, created };
  }

  beforeAll(async () => {
    db = await openMigratedDatabase();
    repos = testRepositories(db.dataSource);
    const seed = new Seeder(db.dataSource.manager);
    zoneA = await seed.zone('zone-a');
    zoneB = await seed.zone('zone-b');
  });

  afterAll(async () => {
    await db.close();
  });

  it('inserts a policy with a new uuid and finds it by id, external id and name', async () => {
    const inserted = await repos.policies.insert(policy(zoneA, 'gold'));

    expect(inserted).toEqual({
      ...policy(zoneA, 'gold'),
      allowUserDrivenBackups: true,
      id: expect.stringMatching(/^\d+$/),
      uuid: expect.any(String),
    });
    expect(inserted.uuid).toMatch(/^[0-9a-f-]{36}$/);
    await expect(repos.policies.findById(inserted.id)).resolves.toEqual(inserted);
    await expect(repos.policies.findActiveByExternalId(zoneA.id, 'ext-gold')).resolves.toEqual(
      inserted,
    );
    await expect(repos.policies.findActiveByName(zoneA.id, 'gold')).resolves.toEqual(inserted);
    await expect(repos.policies.findActiveByName(zoneB.id, 'gold')).resolves.toBeUndefined();
  });

  it('refuses a second active policy with the same external id in the zone', async () => {
    await repos.policies.insert(policy(zoneA, 'silver', 'ext-silver'));

    await expect(
      repos.policies.insert(policy(zoneA, 'silver-2', 'ext-silver')),
    ).rejects.toMatchObject({
      name: 'BackupError',
      code: 'ALREADY_EXISTS',
      message: 'A backup policy with external ID ext-silver already exists',
    });
  });

  it('refuses a second active policy with the same name in the zone', async () => {
    await repos.policies.insert(policy(zoneA, 'bronze', 'ext-bronze-1'));

    await expect(
      repos.policies.insert(policy(zoneA, 'bronze', 'ext-bronze-2')),
    ).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: 'A backup policy with the same name already exists in this zone',
    });
  });

  it('allows the same name and external id in another zone', async () => {
    await repos.policies.insert(policy(zoneA, 'platinum'));

    await expect(repos.policies.insert(policy(zoneB, 'platinum'))).resolves.toMatchObject({
      zoneId: zoneB.id,
    });
  });

  it('soft-deletes a policy, hides it, and lets it be imported again', async () => {
    const first = await repos.policies.insert(policy(zoneA, 'copper'));
    const removedAt = new Date('2020-03-05T00:00:00Z');

    await repos.policies.softDelete(first.id, removedAt);

    await expect(repos.policies.findById(first.id)).resolves.toBeUndefined();
    await expect(repos.policies.findById(first.id, { includeRemoved: true })).resolves.toEqual({
      ...first,
      removed: removedAt,
    });
    await expect(
      repos.policies.findActiveByExternalId(zoneA.id, 'ext-copper'),
    ).resolves.toBeUndefined();
    const again = await repos.policies.insert(policy(zoneA, 'copper'));
    expect(again.id).not.toBe(first.id);
  });

  it('updates name, description and allowUserDrivenBackups of an active policy, and nothing else', async () => {
    const tin = await repos.policies.insert({ ...policy(zoneA, 'tin'), allowUserDrivenBackups: false });
    expect(tin.allowUserDrivenBackups).toBe(false);

    await expect(repos.policies.update(tin.id, { allowUserDrivenBackups: true, name: 'tin-2' })).resolves.toBe(true);
    await expect(repos.policies.findById(tin.id)).resolves.toEqual({
      ...tin,
      name: 'tin-2',
      allowUserDrivenBackups: true,
    });
    await repos.policies.insert(policy(zoneA, 'lead'));
    await expect(repos.policies.update(tin.id, { name: 'lead' })).rejects.toMatchObject({
      code: 'ALREADY_EXISTS',
      message: 'A backup policy with the same name already exists in this zone',
    });
    await repos.policies.softDelete(tin.id, new Date('2020-03-06T00:00:00Z'));
    await expect(repos.policies.update(tin.id, { description: 'gone' })).resolves.toBe(false);
  });

  describe('list', () => {
    let listZone: SeededZone;
    const ids: string[] = [];

    beforeAll(async () => {
      listZone = await new Seeder(db.dataSource.manager).zone('list-zone');
      for (const name of ['alpha', 'beta_1', 'beta%2', 'gamma', 'betaX1']) {
        ids.push((await repos.policies.insert(policy(listZone, name))).id);
      }
      await repos.policies.softDelete(ids[3]!, created);
    });

    it('lists active policies of the zone by id, with the zone uuid and name', async () => {
      const page = await repos.policies.list({ zoneId: listZone.id }, { offset: 0 });

      expect(page.total).toBe(4);
      expect(page.items.map((p) => p.name)).toEqual(['alpha', 'beta_1', 'beta%2', 'betaX1']);
      expect(page.items[0]).toEqual({
        ...policy(listZone, 'alpha'),
        allowUserDrivenBackups: true,
        id: ids[0],
        uuid: expect.any(String),
        zoneUuid: listZone.uuid,
        zoneName: 'list-zone',
      });
    });

    it('pages in SQL and reports the total', async () => {
      const second = await repos.policies.list({ zoneId: listZone.id }, { offset: 1, limit: 2 });
      const rest = await repos.policies.list({ zoneId: listZone.id }, { offset: 3 });
      const past = await repos.policies.list({ zoneId: listZone.id }, { offset: 10, limit: 5 });

      expect(second).toMatchObject({ total: 4, items: [{ name: 'beta_1' }, { name: 'beta%2' }] });
      expect(rest).toMatchObject({ total: 4, items: [{ name: 'betaX1' }] });
      expect(past).toEqual({ total: 4, items: [] });
    });

    it('filters by a keyword contained in the name, taking % and _ literally, case-insensitively', async () => {
      const contains = async (keyword: string) =>
        (await repos.policies.list({ zoneId: listZone.id, keyword }, { offset: 0 })).items.map(
          (p) => p.name,
        );

      await expect(contains('BETA')).resolves.toEqual(['beta_1', 'beta%2', 'betaX1']);
      await expect(contains('a_1')).resolves.toEqual(['beta_1']);
      await expect(contains('%')).resolves.toEqual(['beta%2']);
      await expect(contains('gamma')).resolves.toEqual([]);
    });

    it('finds one policy by id', async () => {
      const page = await repos.policies.list({ id: ids[1]! }, { offset: 0, limit: 1 });

      expect(page).toMatchObject({ total: 1, items: [{ id: ids[1], name: 'beta_1' }] });
    });
  });
});

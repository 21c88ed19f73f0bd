import { type Repositories } from '@csbr/framework/host';
import { FixedClock } from '@csbr/framework/testing';

import { VolumeEntity } from '../../src/database/entities';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { type SeededAccount, type SeededZone, Seeder } from './support/seeder';
import { testRepositories } from './support/test-repositories';

describe('TypeOrmZoneRepository and TypeOrmVmRepository', () => {
  let db: MigratedDatabase;
  let seed: Seeder;
  let repos: Repositories;
  let zone: SeededZone;
  let account: SeededAccount;
  const clock = new FixedClock('2020-03-04T10:23:45Z');

  beforeAll(async () => {
    db = await openMigratedDatabase();
    seed = new Seeder(db.dataSource.manager);
    repos = testRepositories(db.dataSource, clock);
    const root = await seed.domain('ROOT', '/');
    account = await seed.account('alice', root);
    zone = await seed.zone('zone-a');
  });

  afterAll(async () => {
    await db.close();
  });

  describe('zones', () => {
    it('finds a zone by id and lists only zones that are not removed, by id', async () => {
      const removed = await seed.zone('gone', { removed: new Date('2020-02-01T00:00:00Z') });
      const other = await seed.zone('zone-b');

      await expect(repos.zones.findById(zone.id)).resolves.toEqual({
        id: zone.id,
        uuid: zone.uuid,
        name: 'zone-a',
      });
      await expect(repos.zones.findById('999999')).resolves.toBeUndefined();
      const active = await repos.zones.listActive();
      expect(active.map((z) => z.id)).toEqual([zone.id, other.id]);
      expect(active.map((z) => z.id)).not.toContain(removed.id);
    });
  });

  describe('VMs', () => {
    it('maps a VM row to the domain type, with undefined instead of NULL', async () => {
      const vm = await seed.vm('web-1', zone, account, { state: 'Stopped' });

      await expect(repos.vms.findById(vm.id)).resolves.toEqual({
        id: vm.id,
        uuid: vm.uuid,
        name: 'web-1',
        instanceName: `i-${account.id}-web-1-VM`,
        state: 'Stopped',
        zoneId: zone.id,
        accountId: account.id,
        domainId: account.domainId,
        hypervisorType: 'Simulator',
      });
    });

    it('hides removed VMs unless asked to include them', async () => {
      const removedAt = new Date('2020-02-02T02:02:02Z');
      const vm = await seed.vm('old', zone, account, { state: 'Expunging', removed: removedAt });

      await expect(repos.vms.findById(vm.id)).resolves.toBeUndefined();
      await expect(repos.vms.findById(vm.id, { includeRemoved: true })).resolves.toMatchObject({
        id: vm.id,
        removed: removedAt,
      });
    });

    it('stores and clears the backup external id and volumes as CloudStack JSON', async () => {
      const vm = await seed.vm('db-1', zone, account);
      const volumes = [
        {
          uuid: 'root-uuid',
          type: 'ROOT' as const,
          size: 10_737_418_240,
          path: 'root.qcow2',
          deviceId: 0,
        },
        { uuid: 'data-uuid', type: 'DATADISK' as const, size: 5_368_709_120 },
      ];

      await repos.vms.updateBackupFields(vm.id, { externalId: 'job-42', volumes });

      await expect(repos.vms.findById(vm.id)).resolves.toMatchObject({
        backupExternalId: 'job-42',
        backupVolumes: volumes,
      });
      const row = await db.dataSource.query<{ backup_volumes: string }[]>(
        'SELECT backup_volumes FROM vm_instance WHERE id = ?',
        [vm.id],
      );
      expect(row[0]?.backup_volumes).toBe(
        '[{"uuid":"root-uuid","type":"ROOT","size":10737418240,"path":"root.qcow2","deviceId":0},' +
          '{"uuid":"data-uuid","type":"DATADISK","size":5368709120}]',
      );

      await repos.vms.updateBackupFields(vm.id, { externalId: null, volumes: null });
      const cleared = await repos.vms.findById(vm.id);
      expect(cleared).not.toHaveProperty('backupExternalId');
      expect(cleared).not.toHaveProperty('backupVolumes');
    });

    it('lists live volumes ROOT first, then by device id', async () => {
      const vm = await seed.vm('vols', zone, account);
      const data2 = await seed.volume(vm, { type: 'DATADISK', deviceId: 2 });
      const root = await seed.volume(vm, { type: 'ROOT', deviceId: 0, size: 2048 });
      const data1 = await seed.volume(vm, { type: 'DATADISK', deviceId: 1 });
      await seed.volume(vm, {
        type: 'DATADISK',
        deviceId: 4,
        removed: new Date('2020-02-01T00:00:00Z'),
      });

      const volumes = await repos.vms.listVolumes(vm.id);

      expect(volumes.map((v) => v.id)).toEqual([root.id, data1.id, data2.id]);
      expect(volumes[0]).toEqual({
        id: root.id,
        uuid: root.uuid,
        name: 'ROOT-vols-0',
        type: 'ROOT',
        size: 2048,
        path: '/volumes/vols/0',
        deviceId: 0,
        vmId: vm.id,
        zoneId: zone.id,
        accountId: account.id,
        domainId: account.domainId,
      });
    });

    it('attaches a restored volume as a Ready DATADISK on the next device id', async () => {
      const vm = await seed.vm('restore-target', zone, account);
      await seed.volume(vm, { type: 'ROOT', deviceId: 0 });
      await seed.volume(vm, { type: 'DATADISK', deviceId: 1 });
      const target = await repos.vms.findById(vm.id);

      const attached = await repos.vms.attachRestoredVolume(target!, {
        name: 'restored-data',
        size: 4096,
        path: 'restored.qcow2',
        poolUuid: 'pool-1',
      });

      expect(attached).toMatchObject({
        type: 'DATADISK',
        name: 'restored-data',
        size: 4096,
        deviceId: 2,
        vmId: vm.id,
        path: 'restored.qcow2',
        poolUuid: 'pool-1',
      });
      const row = await db.dataSource.manager.findOneByOrFail(VolumeEntity, { id: attached.id });
      expect(row).toMatchObject({
        uuid: attached.uuid,
        instanceId: vm.id,
        deviceId: '2',
        volumeType: 'DATADISK',
        state: 'Ready',
        size: '4096',
        created: clock.now(),
        attached: clock.now(),
        removed: null,
      });
      expect((await repos.vms.listVolumes(vm.id)).map((v) => v.id)).toContain(attached.id);
    });
  });
});

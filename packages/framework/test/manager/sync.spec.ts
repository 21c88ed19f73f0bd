import { type RestorePoint } from '../../src';
import { type UsageEvent } from '../../src/host';
import { alice, bob, createFixture, ENABLED, PROVIDER } from './manager-fixture';

const point = (externalId: string, extra: Partial<RestorePoint> = {}): RestorePoint => ({
  externalId,
  created: new Date('2020-03-04T09:00:00Z'),
  type: 'Full',
  ...extra,
});

/** Zone 1 with policy gold and alice's VMs 10 and 11 assigned. */
async function protectedVms() {
  const f = createFixture();
  const policy = await f.importPolicy('gold', '1');
  for (const id of ['10', '11']) {
    f.addVm(id);
    await f.manager.assignPolicy(alice, { vmId: id, policyId: policy.id });
  }
  return { ...f, policy };
}

describe('BackupManager sync', () => {
  it('records new restore points as rows with a BACKUP.CREATE event, and usage per VM', async () => {
    const f = await protectedVms();
    f.provider.restorePoints.set('vm-uuid-10', [
      point('rp-1', { size: 500, protectedSize: 5000 }),
      point('rp-2', { type: 'Increment', created: new Date('2020-03-04T10:00:00Z') }),
    ]);
    f.provider.metrics.set('vm-uuid-10', { backupSize: 2048, dataSize: 9000 });

    const report = await f.manager.syncZone(f.zone1);

    expect(report).toEqual({ zones: 1, vms: 2, created: 2, removed: 0, failed: 0, skipped: 0 });
    const rows = f.store.getBackups('10');
    expect(
      rows.map((row) => [row.externalId, row.type, row.size, row.protectedSize, row.status]),
    ).toEqual([
      ['rp-1', 'Full', 500, 5000, 'BackedUp'],
      // No sizes on the point: the VM's metric stands in.
      ['rp-2', 'Increment', 2048, 9000, 'BackedUp'],
    ]);
    expect(rows[1]).toMatchObject({
      date: new Date('2020-03-04T10:00:00Z'),
      // Named as CloudStack names a backup nobody named, after the restore point's date.
      name: 'vm10-2020-03-04T10:00Z',
      policyId: f.policy.id,
      accountId: alice.accountId,
      domainId: alice.domainId,
      zoneId: '1',
      volumes: f.store.getVm('10')?.backupVolumes,
    });
    expect(f.store.actionEvents).toEqual(
      rows.map((row) => ({
        type: 'BACKUP.CREATE',
        state: 'Completed',
        level: 'INFO',
        description: `Created backup ${row.uuid} for VM ID: vm-uuid-10`,
        userId: '1',
        accountId: alice.accountId,
        domainId: alice.domainId,
        resourceType: 'VirtualMachine',
        resourceId: '10',
      })),
    );
    expect(f.store.usageEvents.filter((event) => event.type === 'BACKUP.USAGE.METRIC')).toEqual([
      {
        type: 'BACKUP.USAGE.METRIC',
        accountId: alice.accountId,
        zoneId: '1',
        resourceId: '10',
        resourceName: 'Backup-vm10-vm-uuid-10',
        offeringId: f.policy.id,
        size: 2048,
        virtualSize: 9000,
        resourceType: 'Backup',
      },
      expect.objectContaining({ resourceId: '11', size: 1000, virtualSize: 100 }),
    ]);
  });

  it('removes rows whose restore point vanished, refreshes sizes and keeps matching rows', async () => {
    const f = await protectedVms();
    const kept = f.store.addBackup({ vmId: '10', externalId: 'rp-1', size: 10, protectedSize: 20 });
    const resized = f.store.addBackup({
      vmId: '10',
      externalId: 'rp-2',
      size: 10,
      protectedSize: 20,
    });
    const gone = f.store.addBackup({ vmId: '10', externalId: 'rp-3' });
    f.provider.restorePoints.set('vm-uuid-10', [point('rp-1'), point('rp-2', { size: 64 })]);
    f.clock.advance(60_000);

    const report = await f.manager.syncZone(f.zone1);

    expect(report).toMatchObject({ created: 0, removed: 1, failed: 0 });
    expect(f.store.getBackups('10')).toEqual([
      kept,
      { ...resized, size: 64, protectedSize: 20 },
      { ...gone, status: 'Removed', removed: new Date('2020-03-04T10:24:45Z') },
    ]);
    expect(f.store.actionEvents).toEqual([]);
  });

  it('changes nothing when the provider returns no restore points, but still records usage', async () => {
    const f = await protectedVms();
    const existing = f.store.addBackup({ vmId: '10', externalId: 'rp-1' });
    const report = await f.manager.syncZone(f.zone1);
    expect(report).toMatchObject({ created: 0, removed: 0 });
    expect(f.store.getBackups('10')).toEqual([existing]);
    expect(
      f.store.usageEvents.filter((event) => event.type === 'BACKUP.USAGE.METRIC'),
    ).toHaveLength(2);
  });

  it('is idempotent: a second run creates nothing', async () => {
    const f = await protectedVms();
    f.provider.restorePoints.set('vm-uuid-11', [point('rp-1')]);
    await f.manager.syncZone(f.zone1);
    const second = await f.manager.syncZone(f.zone1);
    expect(second).toMatchObject({ created: 0, removed: 0 });
    expect(f.store.getBackups('11')).toHaveLength(1);
  });

  it('records no usage for a VM the provider has no metric for', async () => {
    const f = await protectedVms();
    f.provider.defaultMetric = undefined;
    f.provider.metrics.set('vm-uuid-11', { backupSize: 1, dataSize: 2 });
    f.provider.restorePoints.set('vm-uuid-10', [point('rp-1')]);
    await f.manager.syncZone(f.zone1);
    expect(f.store.getBackups('10')).toEqual([
      expect.objectContaining({ size: 0, protectedSize: 0 }),
    ]);
    expect(
      f.store.usageEvents
        .filter((event) => event.type === 'BACKUP.USAGE.METRIC')
        .map((e) => e.resourceId),
    ).toEqual(['11']);
  });

  it("logs one VM's failure, rolls back its changes and goes on with the others", async () => {
    const f = await protectedVms();
    f.addVm('12', { owner: bob });
    await f.manager.assignPolicy(bob, { vmId: '12', policyId: f.policy.id });
    f.provider.failingRestorePointVms.add('vm-uuid-11');
    for (const uuid of ['vm-uuid-10', 'vm-uuid-11', 'vm-uuid-12'])
      f.provider.restorePoints.set(uuid, [point(`${uuid}-rp`)]);

    const report = await f.manager.syncZone(f.zone1);

    expect(report).toEqual({ zones: 1, vms: 3, created: 2, removed: 0, failed: 1, skipped: 0 });
    expect(f.store.getBackups('10')).toHaveLength(1);
    expect(f.store.getBackups('11')).toEqual([]);
    expect(f.store.getBackups('12')).toHaveLength(1);
    expect(f.logger.entries.filter((entry) => entry.level === 'warn')).toEqual([
      {
        level: 'warn',
        message: 'Failed to sync the backups of a VM',
        meta: {
          provider: 'fake',
          zone: f.zone1.uuid,
          vm: 'vm-uuid-11',
          error: 'Error: vendor exploded for vm-uuid-11',
        },
      },
    ]);
    expect(
      f.store.usageEvents.filter((e) => e.type === 'BACKUP.USAGE.METRIC').map((e) => e.resourceId),
    ).toEqual(['10', '12']);
  });

  it('skips a VM another backup operation holds, and picks it up next time', async () => {
    const f = await protectedVms();
    f.provider.restorePoints.set('vm-uuid-10', [point('rp-1')]);
    f.provider.nextRestorePoint = point('rp-1');
    const hold = f.provider.hold('takeBackup');
    const creating = f.manager.createBackup(alice, { vmId: '10' });
    await hold.reached;

    const busy = await f.manager.syncZone(f.zone1);
    expect(busy).toMatchObject({ vms: 2, skipped: 1, failed: 0, created: 0 });

    hold.release();
    await creating;
    // The backup the user took is the same restore point: no duplicate row.
    const later = await f.manager.syncZone(f.zone1);
    expect(later).toMatchObject({ skipped: 0, created: 0 });
    expect(f.store.getBackups('10')).toHaveLength(1);
  });

  it('still reconciles when getMetrics fails, without usage records', async () => {
    const f = await protectedVms();
    f.provider.failWith('getMetrics', new Error('metrics endpoint down'));
    f.provider.restorePoints.set('vm-uuid-10', [point('rp-1')]);
    const report = await f.manager.syncZone(f.zone1);
    expect(report).toMatchObject({ created: 1, failed: 0 });
    expect(f.store.usageEvents.filter((e) => e.type === 'BACKUP.USAGE.METRIC')).toEqual([]);
    expect(f.logger.messages('warn')).toEqual(['Failed to get backup metrics from the provider']);
  });

  it('ignores removed and unassigned VMs', async () => {
    const f = await protectedVms();
    f.store.updateVm('10', { removed: new Date(0) });
    f.addVm('12');
    const report = await f.manager.syncZone(f.zone1);
    expect(report).toMatchObject({ vms: 1 });
    expect(f.provider.callsOf('listRestorePoints')).toEqual([
      expect.objectContaining({ vm: expect.objectContaining({ id: '11' }) }),
    ]);
  });

  it('pages through protected VMs in batches and never asks metrics for all at once', async () => {
    const f = createFixture({ syncBatchSize: 500 });
    const policy = f.store.addPolicy({ zoneId: '1', externalId: 'gold', name: 'Gold' });
    for (let id = 1; id <= 1200; id += 1) {
      f.store.addVm({
        id: String(id),
        zoneId: '1',
        accountId: alice.accountId,
        domainId: alice.domainId,
      });
      f.store.addMapping(String(id), policy.id);
    }
    const report = await f.manager.syncZone(f.zone1);

    expect(report).toEqual({ zones: 1, vms: 1200, created: 0, removed: 0, failed: 0, skipped: 0 });
    expect(f.provider.metricBatchSizes).toEqual([500, 500, 200]);
    const listed = f.provider.callsOf('listRestorePoints') as { vm: { id: string } }[];
    expect(new Set(listed.map((call) => call.vm.id)).size).toBe(1200);
    expect(f.store.usageEvents).toHaveLength(1200);
  });

  it('stops after an exactly full last batch with one empty page', async () => {
    const f = createFixture({ syncBatchSize: 2 });
    const policy = f.store.addPolicy({ zoneId: '1', externalId: 'gold', name: 'Gold' });
    for (const id of ['8', '9', '10', '11']) {
      f.store.addVm({ id, zoneId: '1', accountId: alice.accountId, domainId: alice.domainId });
      f.store.addMapping(id, policy.id);
    }
    await f.manager.syncZone(f.zone1);
    // Numeric id order: 8, 9 then 10, 11.
    expect(
      (f.provider.callsOf('getMetrics') as { vms: { id: string }[] }[]).map((c) =>
        c.vms.map((vm) => vm.id),
      ),
    ).toEqual([
      ['8', '9'],
      ['10', '11'],
    ]);
  });

  it('syncs every active enabled zone, skipping disabled zones and warning about missing providers', async () => {
    const f = createFixture();
    const p1 = f.store.addPolicy({ zoneId: '1', externalId: 'gold', name: 'Gold' });
    const p2 = f.store.addPolicy({ zoneId: '2', externalId: 'gold', name: 'Gold' });
    const p3 = f.store.addPolicy({ zoneId: '3', externalId: 'gold', name: 'Gold' });
    f.addVm('10', { zoneId: '1' });
    f.addVm('20', { zoneId: '2' });
    f.addVm('30', { zoneId: '3' });
    f.store.addMapping('10', p1.id);
    f.store.addMapping('20', p2.id);
    f.store.addMapping('30', p3.id);
    f.store.addZone({ id: '4', name: 'retired', removed: new Date(0) });
    f.store.config.set(ENABLED, 'true', '4');
    f.store.config.set(PROVIDER, 'veeam', '2');

    const report = await f.manager.syncAllZones();

    expect(report).toEqual({ zones: 1, vms: 1, created: 0, removed: 0, failed: 0, skipped: 0 });
    expect(f.logger.messages('warn')).toEqual([
      `Backup provider not available or configured for zone ID ${f.zone2.uuid}`,
    ]);
    expect(f.store.usageEvents.map((event) => event.resourceId)).toEqual(['10']);
  });

  it('never throws: a zone-level failure is logged', async () => {
    const f = await protectedVms();
    const broken = { ...f.zone1 };
    f.store.vms.listProtected = () => Promise.reject(new Error('database gone'));
    await expect(f.manager.syncZone(broken)).resolves.toMatchObject({ zones: 1, vms: 0 });
    expect(f.logger.messages('error')).toEqual(['Error trying to run backup-sync background task']);
  });

  describe('with a provider that does not list restore points (as the dummy)', () => {
    async function usageOnlyVms(options: { syncBatchSize?: number } = {}) {
      const f = createFixture({ ...options, listsRestorePoints: false });
      const policy = await f.importPolicy('gold', '1');
      for (const id of ['10', '11']) {
        f.addVm(id);
        await f.manager.assignPolicy(alice, { vmId: id, policyId: policy.id });
      }
      return { ...f, policy };
    }

    /** The VMs that got a BACKUP.USAGE.METRIC event, in order. */
    function metricVmIds(f: { store: { usageEvents: readonly UsageEvent[] } }): string[] {
      return f.store.usageEvents
        .filter((event) => event.type === 'BACKUP.USAGE.METRIC')
        .map((event) => event.resourceId);
    }

    it('leaves every backup row as it is and still records usage per VM', async () => {
      const f = await usageOnlyVms();
      // Rows a reconciling sync would remove or resize: the provider cannot vouch for them.
      const first = f.store.addBackup({
        vmId: '10',
        externalId: 'rp-1',
        size: 10,
        protectedSize: 20,
      });
      const second = f.store.addBackup({ vmId: '10', externalId: 'rp-2' });
      f.provider.restorePoints.set('vm-uuid-10', [point('rp-2', { size: 64 }), point('rp-9')]);
      f.provider.metrics.set('vm-uuid-10', { backupSize: 2048, dataSize: 9000 });

      const report = await f.manager.syncZone(f.zone1);

      expect(report).toEqual({ zones: 1, vms: 2, created: 0, removed: 0, failed: 0, skipped: 0 });
      expect(f.store.getBackups('10')).toEqual([first, second]);
      expect(f.store.getBackups('11')).toEqual([]);
      expect(f.store.actionEvents).toEqual([]);
      expect(f.provider.callsOf('listRestorePoints')).toEqual([]);
      expect(f.store.usageEvents.filter((event) => event.type === 'BACKUP.USAGE.METRIC')).toEqual([
        {
          type: 'BACKUP.USAGE.METRIC',
          accountId: alice.accountId,
          zoneId: '1',
          resourceId: '10',
          resourceName: 'Backup-vm10-vm-uuid-10',
          offeringId: f.policy.id,
          size: 2048,
          virtualSize: 9000,
          resourceType: 'Backup',
        },
        expect.objectContaining({ resourceId: '11', size: 1000, virtualSize: 100 }),
      ]);
    });

    it('keeps backups taken before and after a provider restart', async () => {
      const f = await usageOnlyVms();
      f.provider.nextRestorePoint = point('before-restart');
      await f.manager.createBackup(alice, { vmId: '10' });
      // The restarted provider remembers nothing; it takes one new backup.
      f.provider.nextRestorePoint = point('after-restart');
      await f.manager.createBackup(alice, { vmId: '10' });

      await f.manager.syncZone(f.zone1);
      await f.manager.syncZone(f.zone1);

      expect(f.store.getBackups('10').map((row) => [row.externalId, row.status])).toEqual([
        ['before-restart', 'BackedUp'],
        ['after-restart', 'BackedUp'],
      ]);
    });

    it('records no usage for a VM without a metric', async () => {
      const f = await usageOnlyVms();
      f.provider.defaultMetric = undefined;
      f.provider.metrics.set('vm-uuid-11', { backupSize: 1, dataSize: 2 });
      await f.manager.syncZone(f.zone1);
      expect(metricVmIds(f)).toEqual(['11']);
    });

    it('takes no VM lock: a VM busy with a backup operation still gets its usage', async () => {
      const f = await usageOnlyVms();
      f.provider.nextRestorePoint = point('rp-1');
      const hold = f.provider.hold('takeBackup');
      const creating = f.manager.createBackup(alice, { vmId: '10' });
      await hold.reached;

      const report = await f.manager.syncZone(f.zone1);

      expect(report).toMatchObject({ vms: 2, skipped: 0, failed: 0, created: 0 });
      expect(metricVmIds(f)).toEqual(['10', '11']);
      hold.release();
      await creating;
      expect(f.store.getBackups('10')).toEqual([expect.objectContaining({ externalId: 'rp-1' })]);
    });

    it('counts a VM whose usage cannot be written as failed and goes on', async () => {
      const f = await usageOnlyVms();
      const publish = f.store.events.usage.bind(f.store.events);
      const publishAll = f.store.events.usages.bind(f.store.events);
      f.store.events.usage = (event) =>
        event.resourceId === '10'
          ? Promise.reject(new Error('usage table locked'))
          : publish(event);
      // The batch's one statement fails as a whole; the VMs are then written one at a time.
      f.store.events.usages = (events) =>
        events.some((event) => event.resourceId === '10')
          ? Promise.reject(new Error('usage table locked'))
          : publishAll(events);

      const report = await f.manager.syncZone(f.zone1);

      expect(report).toMatchObject({ vms: 2, failed: 1 });
      expect(metricVmIds(f)).toEqual(['11']);
      expect(f.logger.messages('warn')).toEqual(['Failed to sync the backups of a VM']);
    });

    it('still asks for metrics a batch at a time', async () => {
      const f = createFixture({ syncBatchSize: 500, listsRestorePoints: false });
      const policy = f.store.addPolicy({ zoneId: '1', externalId: 'gold', name: 'Gold' });
      for (let id = 1; id <= 1200; id += 1) {
        f.store.addVm({
          id: String(id),
          zoneId: '1',
          accountId: alice.accountId,
          domainId: alice.domainId,
        });
        f.store.addMapping(String(id), policy.id);
      }

      const report = await f.manager.syncZone(f.zone1);

      expect(report).toEqual({
        zones: 1,
        vms: 1200,
        created: 0,
        removed: 0,
        failed: 0,
        skipped: 0,
      });
      expect(f.provider.metricBatchSizes).toEqual([500, 500, 200]);
      expect(f.store.usageEvents).toHaveLength(1200);
    });
  });
});

import {
  BACKUP_SCHEDULE_INTERVAL_TYPES,
  type BackupSchedule,
  type BackupScheduleRepository,
  type BackupScheduleView,
  type NewBackupSchedule,
} from '../../src/host';
import { alice, bob, createFixture, expectBackupError, rootAdmin } from './manager-fixture';

/** Schedules in memory; good backups are read from the store's backups, as the SQL port joins them. */
function inMemorySchedules(
  backupsOf: (vmId: string) => Promise<readonly { id: string; status: string; date: Date; scheduleId?: string }[]>,
) {
  const rows = new Map<string, BackupSchedule>();
  let next = 1;
  const repo: BackupScheduleRepository = {
    findById: (id) => Promise.resolve(rows.get(id)),
    findByVmAndType: (vmId, type) => Promise.resolve([...rows.values()].find((row) => row.vmId === vmId && row.intervalType === type)),
    insert: (schedule: NewBackupSchedule) => {
      const id = String(next++);
      const row = { ...schedule, id, uuid: `uuid-${id}` };
      rows.set(id, row);
      return Promise.resolve(row);
    },
    update: (id, fields) => {
      rows.set(id, { ...rows.get(id)!, ...fields });
      return Promise.resolve();
    },
    delete: (id) => Promise.resolve(rows.delete(id)),
    list: (query) => {
      const items: BackupScheduleView[] = [...rows.values()]
        .filter((row) => (query.id === undefined || row.id === query.id) && (query.vmId === undefined || row.vmId === query.vmId))
        .filter((row) => query.uuid === undefined || row.uuid === query.uuid)
        .map((row) => ({ ...row, vmUuid: `vm-${row.vmId}`, vmName: `vm-${row.vmId}` }));
      return Promise.resolve({ items, total: items.length });
    },
    listDue: (now) => Promise.resolve([...rows.values()].filter((row) => row.scheduledAt !== null && row.scheduledAt <= now)),
    advance: (id, expected, nextAt) => {
      const row = rows.get(id);
      if (row?.scheduledAt?.getTime() !== expected.getTime()) return Promise.resolve(false);
      rows.set(id, { ...row, scheduledAt: nextAt });
      return Promise.resolve(true);
    },
    listGoodBackups: async (scheduleId) => {
      const schedule = rows.get(scheduleId)!;
      return (await backupsOf(schedule.vmId))
        .filter((backup) => backup.scheduleId === scheduleId && backup.status === 'BackedUp')
        .map((backup) => ({ id: backup.id, date: backup.date }));
    },
  };
  return { repo, rows };
}

async function scheduledVm(maxBackups: number) {
  // The repository reads the store's backups; the store exists once the fixture does.
  const bound: { fixture?: ReturnType<typeof createFixture> } = {};
  const schedules = inMemorySchedules((vmId) => bound.fixture!.store.backups.listActiveByVm(vmId));
  const f = createFixture({ capabilities: { quiesce: true }, schedules: schedules.repo });
  bound.fixture = f;
  const manager = f.manager;
  const policy = await f.importPolicy('gold', '1');
  const vm = f.addVm('10');
  await manager.assignPolicy(alice, { vmId: vm.id, policyId: policy.id });
  const schedule = await manager.configureSchedule(alice, {
    vmId: vm.id,
    intervalType: 'hourly',
    schedule: '0',
    timeZone: 'Europe/Berlin',
    maxBackups,
    quiesceVm: true,
  });
  let sequence = 0;
  const nextPoint = () => {
    sequence += 1;
    f.provider.nextRestorePoint = {
      externalId: `rp-${sequence}`,
      created: new Date(Date.UTC(2020, 2, 4, 10, sequence)),
      type: 'FULL',
      size: 1,
      protectedSize: 1,
    };
  };
  return { ...f, manager, schedules, schedule, vm, policy, nextPoint };
}

describe('BackupManager schedules', () => {
  it('stores the interval type in CloudStack order and computes the next run', async () => {
    const f = await scheduledVm(0);
    expect(BACKUP_SCHEDULE_INTERVAL_TYPES.indexOf(f.schedule.intervalType)).toBe(0);
    // The fixture clock is 2020-03-04T10:23:45Z (11:23:45 in Berlin): next is 12:00 Berlin = 11:00Z.
    expect(f.schedule.scheduledAt).toEqual(new Date('2020-03-04T11:00:00Z'));
  });

  it('refuses another account and a VM without offering with CloudStack texts', async () => {
    const f = await scheduledVm(0);
    await expect(
      f.manager.configureSchedule(bob, { vmId: f.vm.id, intervalType: 'DAILY', schedule: '0:1', timeZone: 'UTC' }),
    ).rejects.toMatchObject({ code: 'PERMISSION_DENIED' });
    const bare = f.addVm('11');
    await expectBackupError(
      f.manager.configureSchedule(alice, { vmId: bare.id, intervalType: 'DAILY', schedule: '0:1', timeZone: 'UTC' }),
      'INVALID_STATE',
      'Cannot configure backup schedule for the VM without having any backup offering',
    );
  });

  it('refuses a schedule under an offering without user-driven backups, for every caller, with CloudStack\'s text', async () => {
    const f = await scheduledVm(0);
    await f.manager.updatePolicy(rootAdmin, { policyId: f.policy.id, allowUserDrivenBackups: false });
    for (const caller of [alice, rootAdmin]) {
      for (const intervalType of ['DAILY', 'HOURLY']) {
        await expectBackupError(
          f.manager.configureSchedule(caller, { vmId: f.vm.id, intervalType, schedule: '0:1', timeZone: 'UTC' }),
          'INVALID_STATE',
          'The selected backup offering does not allow user-defined backup schedule',
        );
      }
    }
    // The existing schedule is left as it was, and allowing user-driven backups again lets it be updated.
    expect([...f.schedules.rows.values()].map((row) => row.schedule)).toEqual(['0']);
    await f.manager.updatePolicy(rootAdmin, { policyId: f.policy.id, allowUserDrivenBackups: true });
    await f.manager.configureSchedule(alice, { vmId: f.vm.id, intervalType: 'HOURLY', schedule: '5', timeZone: 'UTC' });
    expect([...f.schedules.rows.values()].map((row) => row.schedule)).toEqual(['5']);
  });

  it('a run passes quiescevm to the provider and records the schedule and its interval type on the backup', async () => {
    const f = await scheduledVm(0);
    f.nextPoint();
    const run = await f.manager.runSchedule(alice, f.schedule.id);
    expect(f.provider.callsOf('takeBackup')).toEqual([expect.objectContaining({ quiesce: true })]);
    expect(run.backup).toMatchObject({ scheduleId: f.schedule.id, intervalType: 'HOURLY' });
  });

  it('claims a due schedule once and moves it to the next slot after now (catch-up once)', async () => {
    const f = await scheduledVm(0);
    f.clock.advance(5 * 60 * 60 * 1000); // five hourly slots later
    const claimed = await f.manager.claimDueSchedules(f.clock.now());
    expect(claimed.map((s) => s.id)).toEqual([f.schedule.id]);
    expect(await f.manager.claimDueSchedules(f.clock.now())).toEqual([]);
    expect(f.schedules.rows.get(f.schedule.id)?.scheduledAt).toEqual(new Date('2020-03-04T16:00:00Z'));
  });

  it('skips a due schedule while its offering does not allow user-driven backups, keeping it for its next slot', async () => {
    const f = await scheduledVm(0);
    await f.manager.updatePolicy(rootAdmin, { policyId: f.policy.id, allowUserDrivenBackups: false });
    f.clock.advance(3 * 60 * 60 * 1000); // 13:23:45Z
    expect(await f.manager.claimDueSchedules(f.clock.now())).toEqual([]);
    expect(f.schedules.rows.get(f.schedule.id)?.scheduledAt).toEqual(new Date('2020-03-04T14:00:00Z'));
    await f.manager.updatePolicy(rootAdmin, { policyId: f.policy.id, allowUserDrivenBackups: true });
    expect(await f.manager.claimDueSchedules(f.clock.now())).toEqual([]);
    f.clock.advance(60 * 60 * 1000);
    expect((await f.manager.claimDueSchedules(f.clock.now())).map((s) => s.id)).toEqual([f.schedule.id]);
  });

  it('retention deletes the oldest good backups beyond maxbackups through the provider, never the newest', async () => {
    const f = await scheduledVm(2);
    for (let i = 0; i < 4; i += 1) {
      f.nextPoint();
      await f.manager.runSchedule(alice, f.schedule.id);
    }
    const remaining = await f.store.backups.listActiveByVm(f.vm.id);
    expect(remaining.map((backup) => backup.externalId)).toEqual(['rp-3', 'rp-4']);
    expect(f.provider.callsOf('deleteBackup')).toHaveLength(2);
  });

  it('a failed run deletes nothing and the good backups stay', async () => {
    const f = await scheduledVm(1);
    f.nextPoint();
    await f.manager.runSchedule(alice, f.schedule.id);
    f.provider.failWith('takeBackup', new Error('vendor down'));
    await expect(f.manager.runSchedule(alice, f.schedule.id)).rejects.toMatchObject({ message: 'Failed to create VM backup' });
    const remaining = await f.store.backups.listActiveByVm(f.vm.id);
    expect(remaining.map((backup) => backup.externalId)).toEqual(['rp-1']);
    expect(f.provider.callsOf('deleteBackup')).toHaveLength(0);
  });

  it('maxbackups 0 keeps every backup', async () => {
    const f = await scheduledVm(0);
    for (let i = 0; i < 3; i += 1) {
      f.nextPoint();
      await f.manager.runSchedule(alice, f.schedule.id);
    }
    expect(await f.store.backups.listActiveByVm(f.vm.id)).toHaveLength(3);
  });
});

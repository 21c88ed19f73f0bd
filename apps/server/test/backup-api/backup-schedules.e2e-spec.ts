import { randomUUID } from 'node:crypto';

import { type SignedClient } from '../support/signed-client';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';
import { expectApiError, expectJobSuccess, notAvailableText, unknownUuidText } from './support/api-expectations';

/** createBackupSchedule / updateBackupSchedule / listBackupSchedule / deleteBackupSchedule over HTTP (MariaDB). */
describe('backup schedule commands (MariaDB)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let alice: SeededAccount;
  let bob: SeededAccount;
  let aliceClient: SignedClient;
  let bobClient: SignedClient;
  let gold: string;

  beforeAll(async () => {
    // The scheduler stays off here: these tests look at the commands only.
    env = await startBackupApiEnv({ CSBR_SCHEDULER_ENABLED: 'false' });
    zone = await env.seed.zone('zone-a');
    await env.enableZone(zone);
    alice = await env.seed.account('alice');
    bob = await env.seed.account('bob');
    aliceClient = env.clientFor(alice);
    bobClient = env.clientFor(bob);
    gold = await env.importPolicy(zone, 'gold-policy', 'Gold');
  });

  afterAll(async () => {
    await env?.close();
  });

  async function assignedVm(name: string): Promise<SeededVm> {
    const vm = await env.seed.vm(name, zone, alice);
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }));
    return vm;
  }

  it('listApis describes the four commands with 4.22 parameters; runBackupSchedule is for root admins only', async () => {
    const reply = await aliceClient.call('listApis');
    const apis = new Map<string, { isasync: boolean; params: { name: string; required: boolean }[] }>(
      reply.body.api.map((api: { name: string }) => [api.name, api]),
    );
    const params = (name: string) => apis.get(name)?.params.map((param) => `${param.name}${param.required ? '*' : ''}`).sort();
    expect(params('createBackupSchedule')).toEqual(['intervaltype*', 'maxbackups', 'quiescevm', 'schedule*', 'timezone*', 'virtualmachineid*']);
    expect(params('updateBackupSchedule')).toEqual(params('createBackupSchedule'));
    expect(params('deleteBackupSchedule')).toEqual(['id', 'virtualmachineid']);
    expect(params('listBackupSchedule')).toEqual(expect.arrayContaining(['id', 'virtualmachineid', 'listall', 'page', 'pagesize']));
    for (const name of ['createBackupSchedule', 'updateBackupSchedule', 'listBackupSchedule', 'deleteBackupSchedule']) {
      expect(apis.get(name)?.isasync).toBe(false);
    }
    expect(apis.has('runBackupSchedule')).toBe(false);
    expectApiError(await aliceClient.call('runBackupSchedule', { id: '00000000-0000-0000-0000-000000000000' }), 401, notAvailableText('runBackupSchedule'));
  });

  it('creates a schedule in 4.22 shape: backupschedule response, backup_schedule row, event', async () => {
    const vm = await assignedVm('sched-create');
    const before = Date.now();
    const reply = await aliceClient.call('createBackupSchedule', {
      virtualmachineid: vm.uuid,
      intervaltype: 'hourly',
      schedule: '30',
      timezone: 'Europe/Berlin',
      maxbackups: 3,
      quiescevm: true,
    });
    const after = Date.now();
    expect(reply.status).toBe(200);
    const schedule = reply.body.backupschedule;
    expect(schedule).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      virtualmachineid: vm.uuid,
      virtualmachinename: 'sched-create',
      intervaltype: 'HOURLY',
      schedule: '30',
      timezone: 'Europe/Berlin',
      maxbackups: 3,
      quiescevm: true,
    });
    const [row] = await env.query(
      'SELECT vm_id, schedule_type, schedule, timezone, scheduled_timestamp, async_job_id, max_backups, quiescevm, account_id, domain_id FROM backup_schedule WHERE uuid = ?',
      [schedule.id],
    );
    expect(row).toMatchObject({
      vm_id: vm.id,
      schedule_type: 0,
      schedule: '30',
      timezone: 'Europe/Berlin',
      async_job_id: null,
      max_backups: 3,
      quiescevm: 1,
      account_id: alice.id,
    });
    // The next run is the next :30 (Berlin has whole-hour offsets) after the server handled the
    // request, so within the hour after it: the server's moment lies between `before` and `after`,
    // and a :30 may pass in between.
    const next = new Date(row?.scheduled_timestamp).getTime();
    expect(next).toBeGreaterThan(before - 1000);
    expect(next - after).toBeLessThanOrEqual(60 * 60 * 1000);
    expect(new Date(next).getUTCMinutes()).toBe(30);
    const events = await env.query(
      "SELECT state, level, account_id FROM event WHERE type = 'BACKUP.SCHEDULE.CONFIGURE' AND account_id = ? ORDER BY id",
      [alice.id],
    );
    expect(events.length).toBeGreaterThanOrEqual(1);
    expect(events.at(-1)).toEqual({ state: 'Completed', level: 'INFO', account_id: alice.id });
  });

  it('keeps several schedules per VM, one per interval type; create and update upsert by type', async () => {
    const vm = await assignedVm('sched-many');
    const schedules: readonly (readonly [string, string])[] = [['HOURLY', '5'], ['DAILY', '0:2'], ['WEEKLY', '0:3:1'], ['MONTHLY', '0:4:28']];
    for (const [intervaltype, schedule] of schedules) {
      const reply = await aliceClient.call('createBackupSchedule', { virtualmachineid: vm.uuid, intervaltype, schedule, timezone: 'America/New_York' });
      expect(reply.status).toBe(200);
    }
    const updated = await aliceClient.call('updateBackupSchedule', {
      virtualmachineid: vm.uuid,
      intervaltype: 'DAILY',
      schedule: '15:22',
      timezone: 'Australia/Sydney',
      maxbackups: 7,
    });
    expect(updated.body.backupschedule).toMatchObject({ intervaltype: 'DAILY', schedule: '15:22', timezone: 'Australia/Sydney', maxbackups: 7 });

    const list = await aliceClient.call('listBackupSchedule', { virtualmachineid: vm.uuid });
    const items = list.body.backupschedule as { intervaltype: string; schedule: string }[];
    expect(list.body.count).toBe(4);
    expect(items.map((item) => `${item.intervaltype} ${item.schedule}`).sort()).toEqual([
      'DAILY 15:22',
      'HOURLY 5',
      'MONTHLY 0:4:28',
      'WEEKLY 0:3:1',
    ]);
    const byId = await aliceClient.call('listBackupSchedule', { id: updated.body.backupschedule.id });
    expect(byId.body.count).toBe(1);
    expect(byId.body.backupschedule[0].schedule).toBe('15:22');
  });

  it("refuses bad input with CloudStack's texts and changes nothing", async () => {
    const vm = await assignedVm('sched-bad');
    const base = { virtualmachineid: vm.uuid, timezone: 'UTC' };
    expectApiError(await aliceClient.call('createBackupSchedule', { ...base, intervaltype: 'YEARLY', schedule: '1' }), 431, 'Invalid interval type provided');
    expectApiError(
      await aliceClient.call('createBackupSchedule', { ...base, intervaltype: 'HOURLY', schedule: '75' }),
      431,
      'Invalid schedule: 75 for interval type: HOURLY',
    );
    expectApiError(
      await aliceClient.call('createBackupSchedule', { ...base, intervaltype: 'MONTHLY', schedule: '0:0:31' }),
      431,
      'Invalid schedule: 0:0:31 for interval type: MONTHLY',
    );
    expectApiError(
      await aliceClient.call('createBackupSchedule', { ...base, intervaltype: 'DAILY', schedule: '30' }),
      431,
      'Invalid schedule: 30 for interval type: DAILY',
    );
    expectApiError(
      await aliceClient.call('createBackupSchedule', { ...base, intervaltype: 'DAILY', schedule: '0:1', maxbackups: -1 }),
      431,
      'maxBackups [-1] for instance sched-bad should be greater than or equal to 0',
    );
    const unassigned = await env.seed.vm('sched-unassigned', zone, alice);
    const noOffering = await aliceClient.call('createBackupSchedule', { virtualmachineid: unassigned.uuid, intervaltype: 'DAILY', schedule: '0:1', timezone: 'UTC' });
    expectApiError(noOffering, 530, 'Cannot configure backup schedule for the VM without having any backup offering');
    const [count] = await env.query('SELECT COUNT(*) AS n FROM backup_schedule WHERE vm_id IN (?, ?)', [vm.id, unassigned.id]);
    expect(Number(count?.n)).toBe(0);
  });

  it('falls back to GMT for an unknown time zone, as CloudStack does', async () => {
    const vm = await assignedVm('sched-gmt');
    const reply = await aliceClient.call('createBackupSchedule', { virtualmachineid: vm.uuid, intervaltype: 'DAILY', schedule: '0:12', timezone: 'Mars/Olympus' });
    expect(reply.body.backupschedule.timezone).toBe('GMT');
  });

  it("another account's user can neither see nor change the schedules", async () => {
    const vm = await assignedVm('sched-private');
    const created = await aliceClient.call('createBackupSchedule', { virtualmachineid: vm.uuid, intervaltype: 'DAILY', schedule: '0:1', timezone: 'UTC' });
    expect(created.status).toBe(200);
    expectApiError(
      await bobClient.call('createBackupSchedule', { virtualmachineid: vm.uuid, intervaltype: 'HOURLY', schedule: '1', timezone: 'UTC' }),
      431,
      unknownUuidText('createBackupSchedule', 'virtualmachineid', vm.uuid),
    );
    const bobList = await bobClient.call('listBackupSchedule', {});
    expect(bobList.body.count ?? 0).toBe(0);
    // Alice's schedule id is answered as an id that names nothing, exactly like one that does not exist.
    const scheduleId = created.body.backupschedule.id as string;
    for (const command of ['listBackupSchedule', 'deleteBackupSchedule']) {
      expectApiError(await bobClient.call(command, { id: scheduleId }), 431, unknownUuidText(command, 'id', scheduleId), 9999);
      const unknown = randomUUID();
      expectApiError(await bobClient.call(command, { id: unknown }), 431, unknownUuidText(command, 'id', unknown), 9999);
    }
    expect((await aliceClient.call('listBackupSchedule', { id: scheduleId })).body.count).toBe(1);
    const [row] = await env.query('SELECT COUNT(*) AS n FROM backup_schedule WHERE vm_id = ?', [vm.id]);
    expect(Number(row?.n)).toBe(1);
  });

  it('deletes one schedule by id, or all of a VM, with 4.22 texts otherwise', async () => {
    const vm = await assignedVm('sched-delete');
    const hourly = await aliceClient.call('createBackupSchedule', { virtualmachineid: vm.uuid, intervaltype: 'HOURLY', schedule: '1', timezone: 'UTC' });
    await aliceClient.call('createBackupSchedule', { virtualmachineid: vm.uuid, intervaltype: 'DAILY', schedule: '0:1', timezone: 'UTC' });
    await aliceClient.call('createBackupSchedule', { virtualmachineid: vm.uuid, intervaltype: 'WEEKLY', schedule: '0:1:2', timezone: 'UTC' });

    const one = await aliceClient.call('deleteBackupSchedule', { id: hourly.body.backupschedule.id });
    expect(one.body).toEqual({ success: true });
    expect((await aliceClient.call('listBackupSchedule', { virtualmachineid: vm.uuid })).body.count).toBe(2);

    const all = await aliceClient.call('deleteBackupSchedule', { virtualmachineid: vm.uuid });
    expect(all.body).toEqual({ success: true });
    expect((await aliceClient.call('listBackupSchedule', { virtualmachineid: vm.uuid })).body.count ?? 0).toBe(0);

    const none = await aliceClient.call('deleteBackupSchedule', { virtualmachineid: vm.uuid });
    expectApiError(none, 530, 'VM has no backup schedule defined, no need to delete anything.');
    const neither = await aliceClient.call('deleteBackupSchedule', {});
    expectApiError(neither, 431, 'Either instance ID or ID of backup schedule needs to be specified');
    const events = await env.query("SELECT COUNT(*) AS n FROM event WHERE type = 'BACKUP.SCHEDULE.DELETE' AND state = 'Completed' AND account_id = ?", [alice.id]);
    expect(Number(events[0]?.n)).toBeGreaterThanOrEqual(2);
  });
});

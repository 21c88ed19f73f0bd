import { type RunningServer } from '../../src/bootstrap/create-app';
import { ConfigurationService } from '../../src/configuration/configuration.service';
import { SecretCipher } from '../../src/configuration/secret-cipher';
import { DataSource } from 'typeorm';
import { buildTypeOrmOptions } from '../../src/database/typeorm-options';
import { randomApiKeys } from '../support/api-keys';
import { SignedClient } from '../support/signed-client';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTempDir, startTestServer } from '../support/test-server';
import { expectJobSuccess } from './support/api-expectations';
import { BackupSeeder, type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';
import { installRecordingProvider, RECORDING_FAIL_KEY, recordedCalls } from './support/recording-provider';

/** Ticks fast so the tests need not wait for wall-clock slots (CSBR_SCHEDULER_TICK_MS is the test hook). */
const TICK_MS = 200;

/**
 * The backup scheduler over real HTTP, real jobs and MariaDB, with two server instances on one
 * database. Time is driven by moving a schedule's `scheduled_timestamp` into the past, which is
 * what the clock reaching it looks like to the scheduler.
 */
describe('backup scheduler (two instances, MariaDB)', () => {
  let database: TestDatabase;
  const dirs = [createTempDir(), createTempDir()];
  const pluginDir = createTempDir();
  const keys = randomApiKeys();
  let servers: RunningServer[] = [];
  let dataSource: DataSource;
  let seed: BackupSeeder;
  let zone: SeededZone;
  let alice: SeededAccount;
  let aliceClient: SignedClient;
  let admin: SignedClient;
  let gold: string;

  const envOf = (index: number) => ({
    DATABASE_URL: database.url,
    CSBR_DATA_DIR: dirs[index]!.path,
    CSBR_PLUGIN_DIR: pluginDir.path,
    CSBR_ADMIN_API_KEY: keys.apiKey,
    CSBR_ADMIN_SECRET_KEY: keys.secretKey,
    CSBR_SCHEDULER_TICK_MS: String(TICK_MS),
    CSBR_JOB_POLL_INTERVAL_MS: '100',
    CSBR_HEARTBEAT_INTERVAL_MS: '500',
    // Instances stop cleanly here (releasing their leases), so nothing waits for this timeout; a tight
    // one would let a stalled but live instance be counted dead and its scheduled runs' jobs failed.
    CSBR_HEARTBEAT_TIMEOUT_MS: '10000',
  });

  const query = (sql: string, params: unknown[] = []) => dataSource.query<Record<string, unknown>[]>(sql, params);

  async function waitFor<T>(read: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await read();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error('timed out waiting');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  /** Makes the schedule due: its stored next run moves `agoMs` into the past. */
  async function makeDue(scheduleUuid: string, agoMs = 1000): Promise<void> {
    await query('UPDATE backup_schedule SET scheduled_timestamp = ? WHERE uuid = ?', [new Date(Date.now() - agoMs), scheduleUuid]);
  }

  async function scheduleRow(uuid: string) {
    const [row] = await query('SELECT id, scheduled_timestamp FROM backup_schedule WHERE uuid = ?', [uuid]);
    return row!;
  }

  async function goodBackups(scheduleId: unknown): Promise<Record<string, unknown>[]> {
    return query(
      "SELECT id, external_id FROM backups WHERE backup_schedule_id = ? AND status = 'BackedUp' AND removed IS NULL ORDER BY id",
      [scheduleId],
    );
  }

  /**
   * An hourly schedule, claimed at some moment after `dueAt`, moved on to the first slot (minute
   * `minute`) after that moment: later than `dueAt`, at most an hour after now. Not "later than now":
   * that slot may already have come when the claim happened just before a full hour.
   */
  async function expectNextHourlySlot(uuid: string, dueAt: number, minute: number): Promise<void> {
    const next = new Date((await scheduleRow(uuid)).scheduled_timestamp as string);
    expect(next.getTime()).toBeGreaterThan(dueAt);
    expect(next.getTime()).toBeLessThanOrEqual(Date.now() + 60 * 60 * 1000);
    expect(next.getUTCMinutes()).toBe(minute);
  }

  const takeBackupsOf = (vm: SeededVm) => recordedCalls(pluginDir.path).filter((call) => call.method === 'takeBackup' && call.vm === vm.uuid);

  async function assignedVm(name: string): Promise<SeededVm> {
    const vm = await seed.vm(name, zone, alice);
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: gold }));
    return vm;
  }

  async function createSchedule(vm: SeededVm, params: Record<string, string | number | boolean>): Promise<string> {
    const reply = await aliceClient.call('createBackupSchedule', { virtualmachineid: vm.uuid, timezone: 'Europe/Berlin', ...params });
    expect(reply.status).toBe(200);
    return reply.body.backupschedule.id as string;
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    installRecordingProvider(pluginDir.path);
    servers.push(await startTestServer(envOf(0)));
    servers.push(await startTestServer(envOf(1)));
    // The test's own connection: it outlives the servers the catch-up test restarts.
    dataSource = await new DataSource(buildTypeOrmOptions({ kind: 'mysql', url: database.url })).initialize();
    seed = new BackupSeeder(dataSource, servers[0]!.app.get(SecretCipher));
    zone = await seed.zone('zone-s');
    const configuration = servers[0]!.app.get(ConfigurationService);
    await configuration.setValue('backup.framework.enabled', 'true', zone.id);
    await configuration.setValue('backup.framework.provider.plugin', 'recording', zone.id);
    alice = await seed.account('alice');
    aliceClient = new SignedClient(servers[0]!.url, alice.apiKey, alice.secretKey);
    admin = new SignedClient(servers[1]!.url, keys.apiKey, keys.secretKey);
    const imported = await admin.runJob('importBackupPolicy', { zoneid: zone.uuid, externalid: 'gold', name: 'Gold', description: 'Gold' });
    gold = expectJobSuccess(imported).backuppolicy.id as string;
  });

  afterAll(async () => {
    for (const server of servers) await server.close().catch(() => undefined);
    await dataSource?.destroy();
    await database?.drop();
    for (const dir of [...dirs, pluginDir]) dir.remove();
  });

  it('a due schedule starts as a real job within a tick, as the VM owner, and quiescevm reaches the provider', async () => {
    const vm = await assignedVm('sched-fire');
    const uuid = await createSchedule(vm, { intervaltype: 'HOURLY', schedule: '0', quiescevm: true });
    const { id } = await scheduleRow(uuid);
    const dueAt = Date.now();
    await makeDue(uuid);
    const [backup] = await waitFor(async () => {
      const rows = await goodBackups(id);
      return rows.length > 0 ? rows : undefined;
    });
    const startedWithinMs = Date.now() - dueAt;
    expect(startedWithinMs).toBeLessThan(60_000);
    expect(takeBackupsOf(vm)).toEqual([expect.objectContaining({ quiesce: true })]);
    expect(backup?.external_id).toMatch(/^rp-/);

    // The backup row is recorded before the job records its own outcome: wait for the job.
    const job = await waitFor(async () => {
      const [row] = await query(
        "SELECT job_cmd, job_status, instance_type, account_id FROM async_job WHERE job_cmd LIKE '%RunBackupScheduleCmd' AND instance_id = ?",
        [vm.id],
      );
      return row !== undefined && row.job_status !== 0 ? row : undefined;
    });
    expect(job).toMatchObject({ job_status: 1, instance_type: 'VirtualMachine', account_id: alice.id });
    const events = await query("SELECT state, level FROM event WHERE type = 'BACKUP.CREATE' AND account_id = ? ORDER BY id", [alice.id]);
    expect(events).toEqual([
      { state: 'Started', level: 'INFO' },
      { state: 'Completed', level: 'INFO' },
    ]);
    // The schedule moved on to its next slot: the first full hour after the run was claimed.
    await expectNextHourlySlot(uuid, dueAt, 0);
  });

  it('runs on exactly one instance: the backup.scheduler lease has one holder and every slot starts one run', async () => {
    const [lease] = await query("SELECT holder_msid FROM op_lease WHERE name = 'backup.scheduler'");
    expect(lease?.holder_msid).toBeTruthy();
    const vms = await Promise.all([1, 2, 3, 4].map((n) => assignedVm(`sched-one-${n}`)));
    const uuids = await Promise.all(vms.map((vm) => createSchedule(vm, { intervaltype: 'DAILY', schedule: '0:3' })));
    await Promise.all(uuids.map((uuid) => makeDue(uuid)));
    await waitFor(() => Promise.resolve(vms.every((vm) => takeBackupsOf(vm).length > 0) ? true : undefined));
    // Many more ticks of both instances: still one run per slot.
    await sleep(10 * TICK_MS);
    expect(vms.map((vm) => takeBackupsOf(vm).length)).toEqual([1, 1, 1, 1]);
  });

  it('a slot missed while every instance was down runs once on return, not once per missed slot', async () => {
    const vm = await assignedVm('sched-catchup');
    const uuid = await createSchedule(vm, { intervaltype: 'HOURLY', schedule: '15' });
    for (const server of servers) await server.close();
    servers = [];
    // Down for five hours: five hourly slots went by.
    const dueAt = Date.now();
    await makeDue(uuid, 5 * 60 * 60 * 1000);
    servers.push(await startTestServer(envOf(0)));
    aliceClient = new SignedClient(servers[0]!.url, alice.apiKey, alice.secretKey);
    servers.push(await startTestServer(envOf(1)));
    await waitFor(() => Promise.resolve(takeBackupsOf(vm).length > 0 ? true : undefined));
    await sleep(10 * TICK_MS);
    expect(takeBackupsOf(vm)).toHaveLength(1);
    await expectNextHourlySlot(uuid, dueAt, 15);
  });

  it('maxbackups retention deletes the oldest good backups through the provider; failed runs neither count nor push out good ones', async () => {
    const vm = await assignedVm('sched-retain');
    const uuid = await createSchedule(vm, { intervaltype: 'DAILY', schedule: '0:4', maxbackups: 2 });
    const { id } = await scheduleRow(uuid);
    const fire = async (expectedRuns: number) => {
      await makeDue(uuid);
      await waitFor(() => Promise.resolve(takeBackupsOf(vm).length >= expectedRuns ? true : undefined));
      // Let the job record its outcome and prune.
      await waitFor(async () => {
        const [pending] = await query("SELECT COUNT(*) AS n FROM async_job WHERE instance_id = ? AND job_status = 0", [vm.id]);
        return Number(pending?.n) === 0 ? true : undefined;
      });
    };
    for (let run = 1; run <= 4; run += 1) await fire(run);

    const kept = await goodBackups(id);
    expect(kept).toHaveLength(2);
    const external = takeBackupsOf(vm).length;
    expect(external).toBe(4);
    const deleted = recordedCalls(pluginDir.path).filter((call) => call.method === 'deleteBackup' && call.vm === vm.uuid);
    expect(deleted).toHaveLength(2);
    const removed = await query('SELECT external_id FROM backups WHERE backup_schedule_id = ? AND removed IS NOT NULL ORDER BY id', [id]);
    expect(removed.map((row) => row.external_id)).toEqual(deleted.map((call) => call.backup));
    // The two kept are the two newest.
    expect(kept.map((row) => Number(row.id))).toEqual(
      [...kept.map((row) => Number(row.id))].sort((a, b) => a - b),
    );
    expect(Math.min(...kept.map((row) => Number(row.id)))).toBeGreaterThan(
      Math.max(...(await query('SELECT id FROM backups WHERE backup_schedule_id = ? AND removed IS NOT NULL', [id])).map((row) => Number(row.id))),
    );

    // A failed run: visible on the VM (failed job, ERROR event), and the good backups stay.
    const configuration = servers[0]!.app.get(ConfigurationService);
    await configuration.setValue(RECORDING_FAIL_KEY, 'takeBackup', zone.id);
    await fire(5);
    const [failed] = await query(
      "SELECT job_status, job_result, instance_type FROM async_job WHERE job_cmd LIKE '%RunBackupScheduleCmd' AND instance_id = ? ORDER BY id DESC LIMIT 1",
      [vm.id],
    );
    expect(failed).toMatchObject({ job_status: 2, instance_type: 'VirtualMachine' });
    expect(JSON.parse(String(failed?.job_result))).toMatchObject({ errortext: 'Failed to create VM backup' });
    const [errorEvent] = await query(
      "SELECT state, level, description FROM event WHERE type = 'BACKUP.CREATE' AND level = 'ERROR' AND account_id = ? ORDER BY id DESC LIMIT 1",
      [alice.id],
    );
    expect(errorEvent).toMatchObject({ level: 'ERROR' });
    expect(await goodBackups(id)).toEqual(kept);
    await configuration.setValue(RECORDING_FAIL_KEY, '', zone.id);
  });
});

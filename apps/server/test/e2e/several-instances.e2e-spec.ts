import { existsSync } from 'node:fs';

import { SecretCipher } from '../../src/configuration/secret-cipher';
import { BackupSeeder, type SeededAccount, type SeededZone } from '../backup-api/support/backup-seeder';
import { randomApiKeys } from '../support/api-keys';
import { countedCalls, installCountingProvider, latencyKeyOf } from '../support/counting-provider';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { SignedClient } from '../support/signed-client';
import { createTempDir, TEST_ENCRYPTION_KEY } from '../support/test-server';
import { BUILT_SERVER, findFreePort, ServerProcess } from './support/server-process';

const INSTANCES = 3;
const JOBS = 300;
const HEARTBEAT_MS = 1000;
/**
 * Well above the interval: on a loaded 2-core machine a live instance busy with 100 jobs was seen
 * with a heartbeat 2.9 s old (1 s of it is storage to the second), and at 3 s its peers counted it
 * dead and failed its running jobs.
 */
const HEARTBEAT_TIMEOUT_MS = 10_000;
/** Failover: the dead instance counts as dead after the timeout, and is found at the next heartbeat.
 * Heartbeats are stored to the second, which adds up to one second. */
const FAILOVER_BOUND_MS = HEARTBEAT_TIMEOUT_MS + 2 * HEARTBEAT_MS + 1000;

/**
 * Three server processes on one MariaDB database, as a cloud runs csbr behind a load balancer:
 * jobs are rows that any instance can claim and each runs exactly once; sessions work on every
 * instance; when an instance dies, another recovers its jobs and takes its leases within two
 * heartbeats of the timeout.
 */
describe('several server instances on one database (built server, MariaDB)', () => {
  let database: MigratedDatabase;
  let dataDirs: ReturnType<typeof createTempDir>[];
  let pluginDir: ReturnType<typeof createTempDir>;
  const servers: ServerProcess[] = [];
  const envs: Record<string, string>[] = [];
  let urls: string[];
  let admins: SignedClient[];
  let alice: SeededAccount;
  let seed: BackupSeeder;

  beforeAll(async () => {
    expect(existsSync(BUILT_SERVER)).toBe(true);
    database = await openMigratedDatabase();
    pluginDir = createTempDir();
    installCountingProvider(pluginDir.path);
    dataDirs = Array.from({ length: INSTANCES }, () => createTempDir());
    const keys = randomApiKeys();
    const ports = await Promise.all(Array.from({ length: INSTANCES }, () => findFreePort()));
    // One after the other: the first start creates the initial data.
    for (const [index, port] of ports.entries()) {
      envs.push({
          DATABASE_URL: database.url,
          PORT: String(port),
          CSBR_DATA_DIR: dataDirs[index]!.path,
          CSBR_PLUGIN_DIR: pluginDir.path,
          CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
          CSBR_ADMIN_PASSWORD: 'test-admin-password',
          CSBR_ADMIN_API_KEY: keys.apiKey,
          CSBR_ADMIN_SECRET_KEY: keys.secretKey,
          CSBR_SYNC_ENABLED: 'true',
          CSBR_JOB_POLL_INTERVAL_MS: '200',
          CSBR_SHUTDOWN_GRACE_SECONDS: '1',
          CSBR_HEARTBEAT_INTERVAL_MS: String(HEARTBEAT_MS),
          CSBR_HEARTBEAT_TIMEOUT_MS: String(HEARTBEAT_TIMEOUT_MS),
          CSBR_LOG_LEVEL: 'info',
      });
      servers.push(await ServerProcess.start(envs[index]!));
    }
    urls = ports.map((port) => `http://127.0.0.1:${port}`);
    admins = urls.map((url) => new SignedClient(url, keys.apiKey, keys.secretKey));
    seed = new BackupSeeder(database.dataSource, new SecretCipher(Buffer.from(TEST_ENCRYPTION_KEY, 'base64')));
    alice = await seed.account('alice');
    // A sync every second, so that one is running when its leader is killed. The interval is read
    // when a run is scheduled: the first instance, which scheduled its first run at boot, restarts.
    expect((await admins[0]!.call('updateConfiguration', { name: 'backup.framework.sync.interval', value: '1' })).status).toBe(200);
    await servers[0]!.stop();
    servers[0] = await ServerProcess.start(envs[0]!);
  });

  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
    await database?.close();
    for (const dir of [...(dataDirs ?? []), pluginDir]) dir?.remove();
  });

  async function count(sql: string, params: readonly unknown[] = []): Promise<number> {
    const [row] = await database.dataSource.query<{ n: number | string }[]>(sql, [...params]);
    return Number(row?.n);
  }

  async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<number> {
    const started = Date.now();
    while (!(await condition())) {
      if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Date.now() - started;
  }

  /** `listManagementServers` as seen from a live instance. */
  async function managementServers(from: SignedClient): Promise<ManagementServer[]> {
    return ((await from.ok('listManagementServers')).managementserver ?? []) as ManagementServer[];
  }

  async function enabledZone(name: string, provider: string): Promise<SeededZone> {
    const zone = await seed.zone(name);
    for (const [key, value] of [
      ['backup.framework.enabled', 'true'],
      ['backup.framework.provider.plugin', provider],
    ] as const) {
      expect((await admins[0]!.call('updateConfiguration', { name: key, value, zoneid: zone.uuid })).status).toBe(200);
    }
    return zone;
  }

  it('lists every instance Up with its heartbeat, and one of them leading the sync', async () => {
    await waitUntil(
      async () => (await managementServers(admins[1]!)).some((server) => server.leases.includes('backup.sync')),
      'an instance leads the sync',
      10_000,
    );
    const listed = await managementServers(admins[1]!);

    expect(listed).toHaveLength(INSTANCES);
    expect(listed.every((server) => server.state === 'Up' && server.lastheartbeat !== undefined)).toBe(true);
    expect(new Set(listed.map((server) => server.msid)).size).toBe(INSTANCES);
    expect(listed.filter((server) => server.leases.includes('backup.sync'))).toHaveLength(1);
  });

  it('keeps a session opened on one instance working on the others, and ends it everywhere at logout', async () => {
    const session = await login(urls[0]!);

    for (const url of urls) expect((await sessionCall(url, session, 'listZones')).status).toBe(200);
    expect((await sessionCall(urls[1]!, session, 'logout')).status).toBe(200);
    for (const url of urls) expect((await sessionCall(url, session, 'listZones')).status).toBe(401);
  });

  it(`runs each of ${JOBS} jobs submitted round-robin across ${INSTANCES} instances exactly once`, async () => {
    const zone = await enabledZone('zone-a', 'counting');
    const admin = admins[0]!;
    const policy = (await admin.jobResult('importBackupPolicy', {
      zoneid: zone.uuid,
      externalid: 'gold',
      name: 'Gold',
      description: 'Gold policy',
    })).backuppolicy as { id: string };
    const [policyRow] = await database.dataSource.query<{ id: string }[]>('SELECT id FROM backup_policy WHERE uuid = ?', [
      policy.id,
    ]);
    const vms = await seed.protectedVms('rr', JOBS, zone, alice, String(policyRow?.id));
    const clients = urls.map((url) => new SignedClient(url, alice.apiKey, alice.secretKey));

    const jobIds = await Promise.all(
      vms.map(async (uuid, index) => {
        const reply = await clients[index % INSTANCES]!.call('createBackup', { virtualmachineid: uuid });
        expect(reply.status).toBe(200);
        return reply.body.jobid as string;
      }),
    );
    await waitUntil(async () => (await count('SELECT COUNT(*) AS n FROM async_job WHERE job_status = 0')) === 0, 'every job ended');

    expect(await count('SELECT COUNT(*) AS n FROM async_job WHERE job_status = 1 AND uuid IN (?)', [jobIds])).toBe(JOBS);
    const takes = countedCalls(pluginDir.path).filter((call) => call.method === 'takeBackup');
    expect(takes).toHaveLength(JOBS);
    expect(new Set(takes.map((call) => call.vm)).size).toBe(JOBS);
    // Every instance ran some of them.
    expect(new Set(takes.map((call) => call.pid)).size).toBe(INSTANCES);
    expect(await count('SELECT COUNT(DISTINCT job_executing_msid) AS n FROM async_job WHERE uuid IN (?)', [jobIds])).toBe(
      INSTANCES,
    );
    expect(await count("SELECT COUNT(*) AS n FROM backups WHERE status = 'BackedUp' AND zone_id = ?", [zone.id])).toBe(JOBS);
    // Its own deadline for the jobs is 120 s (20-30 s here on a shared machine), past jest's 60 s default.
  }, 240_000);

  it('recovers the jobs of an instance killed in the middle of them within two heartbeats, leaving nothing half-written', async () => {
    const zone = await enabledZone('zone-kill', 'counting');
    const policy = (await admins[0]!.jobResult('importBackupPolicy', {
      zoneid: zone.uuid,
      externalid: 'gold',
      name: 'Gold kill',
      description: 'Gold policy',
    })).backuppolicy as { id: string };
    const [policyRow] = await database.dataSource.query<{ id: string }[]>('SELECT id FROM backup_policy WHERE uuid = ?', [
      policy.id,
    ]);
    expect((await admins[0]!.call('updateConfiguration', { name: latencyKeyOf(), value: '60000', zoneid: zone.uuid })).status).toBe(200);
    const vms = await seed.protectedVms('kill', 20, zone, alice, String(policyRow?.id));
    const victim = 2;
    const victimClient = new SignedClient(urls[victim]!, alice.apiKey, alice.secretKey);
    const jobIds = await Promise.all(
      vms.map(async (uuid) => (await victimClient.call('createBackup', { virtualmachineid: uuid })).body.jobid as string),
    );
    const [victimRow] = await database.dataSource.query<{ msid: string }[]>('SELECT job_init_msid AS msid FROM async_job WHERE uuid = ?', [
      jobIds[0],
    ]);
    const victimMsid = String(victimRow?.msid);
    await waitUntil(
      async () => (await count('SELECT COUNT(*) AS n FROM op_backup_operation WHERE owner_msid = ?', [victimMsid])) > 0,
      'the victim runs backups',
    );
    // Instances poll for unclaimed jobs, so a few may run elsewhere: the victim's are those it runs.
    const victimJobs = (
      await database.dataSource.query<{ uuid: string; info: string }[]>(
        'SELECT uuid, job_cmd_info AS info FROM async_job WHERE job_status = 0 AND job_executing_msid = ?',
        [victimMsid],
      )
    ).map((row) => ({ uuid: row.uuid, vm: (JSON.parse(row.info) as { virtualmachineid: string }).virtualmachineid }));
    expect(victimJobs.length).toBeGreaterThan(0);
    const victimVmIds = (
      await database.dataSource.query<{ id: string }[]>('SELECT id FROM vm_instance WHERE uuid IN (?)', [victimJobs.map((job) => job.vm)])
    ).map((row) => row.id);

    await servers[victim]!.kill();
    const elapsed = await waitUntil(
      async () =>
        (await count('SELECT COUNT(*) AS n FROM async_job WHERE job_status = 0 AND uuid IN (?)', [victimJobs.map((job) => job.uuid)])) === 0,
      'the victim’s jobs are recovered',
      30_000,
    );

    expect(elapsed).toBeLessThanOrEqual(FAILOVER_BOUND_MS);
    // Nothing half-written: every job ended, none of its VMs is guarded, no backup is left in progress.
    expect(await count('SELECT COUNT(*) AS n FROM op_backup_vm_guard WHERE vm_id IN (?)', [victimVmIds])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM op_backup_operation WHERE owner_msid = ?', [victimMsid])).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM backups WHERE vm_id IN (?)', [victimVmIds])).toBe(0);
    const results = await database.dataSource.query<{ job_status: number; job_result: string }[]>(
      'SELECT job_status, job_result FROM async_job WHERE uuid IN (?)',
      [victimJobs.map((job) => job.uuid)],
    );
    for (const result of results) {
      expect(result.job_status).toBe(2);
      expect((JSON.parse(result.job_result) as { errortext: string }).errortext).toMatch(/stopped before it finished/);
    }
    const listed = await managementServers(admins[0]!);
    expect(listed.find((server) => String(server.msid) === victimMsid)?.state).toBe('Down');
    // The VMs are free again.
    expect((await admins[0]!.call('updateConfiguration', { name: latencyKeyOf(), value: '0', zoneid: zone.uuid })).status).toBe(200);
    const client = new SignedClient(urls[0]!, alice.apiKey, alice.secretKey);
    expect((await client.runJob('createBackup', { virtualmachineid: victimJobs[0]!.vm })).jobstatus).toBe(1);
  });

  it('hands the sync to another instance within two heartbeats when its leader is killed in the middle of a sync', async () => {
    // A slow sync: the dummy's metrics call waits, so a sync is running most of the time.
    const zone = await enabledZone('zone-sync', 'dummy');
    expect((await admins[0]!.call('updateConfiguration', { name: 'backup.plugin.dummy.latency.ms', value: '5000', zoneid: zone.uuid })).status).toBe(200);
    const policy = (await admins[0]!.jobResult('importBackupPolicy', {
      zoneid: zone.uuid,
      externalid: 'gold-policy',
      name: 'Gold sync',
      description: 'Gold policy',
    })).backuppolicy as { id: string };
    const [policyRow] = await database.dataSource.query<{ id: string }[]>('SELECT id FROM backup_policy WHERE uuid = ?', [
      policy.id,
    ]);
    await seed.protectedVms('sync', 5, zone, alice, String(policyRow?.id));
    const live = [0, 1];
    const leader = (await managementServers(admins[0]!)).find((server) => server.leases.includes('backup.sync'));
    const leaderIndex = live.find((index) => leader !== undefined && urls[index]!.endsWith(`:${String(leader.serviceport)}`));
    expect(leaderIndex).toBeDefined();
    // Let it start a (five-second) sync.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    await servers[leaderIndex!]!.kill();
    const survivor = live.find((index) => index !== leaderIndex)!;
    const elapsed = await waitUntil(
      async () => {
        const listed = await managementServers(admins[survivor]!);
        return listed.some((server) => server.msid !== leader!.msid && server.leases.includes('backup.sync'));
      },
      'another instance leads the sync',
      30_000,
    );

    expect(elapsed).toBeLessThanOrEqual(FAILOVER_BOUND_MS);
  });
});

/** One row of `listManagementServers`. */
interface ManagementServer {
  readonly id: string;
  readonly msid: number | string;
  readonly serviceport?: number;
  readonly state: string;
  readonly lastheartbeat?: string;
  readonly leases: string;
}

interface Session {
  readonly cookie: string;
  readonly sessionKey: string;
}

/** `login` with the admin's password on one instance; the session's cookies and key. */
async function login(url: string): Promise<Session> {
  const reply = await fetch(`${url}/client/api`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ command: 'login', response: 'json', username: 'admin', password: 'test-admin-password' }),
  });
  expect(reply.status).toBe(200);
  const cookies = reply.headers.getSetCookie().map((cookie) => cookie.split(';')[0] ?? '');
  const sessionKey = cookies.find((cookie) => cookie.startsWith('sessionkey='))?.slice('sessionkey='.length) ?? '';
  return { cookie: cookies.join('; '), sessionKey };
}

/** An unsigned session request, as a browser or cloudmonkey in session mode sends it. */
function sessionCall(url: string, session: Session, command: string): Promise<Response> {
  const query = new URLSearchParams({ command, response: 'json', sessionkey: session.sessionKey });
  return fetch(`${url}/client/api?${query.toString()}`, { headers: { cookie: session.cookie } });
}

import { existsSync } from 'node:fs';

import { SecretCipher } from '../../src/configuration/secret-cipher';
import { BackupSeeder, type SeededAccount, type SeededZone } from '../backup-api/support/backup-seeder';
import { BUILT_SERVER, findFreePort, ServerProcess } from '../e2e/support/server-process';
import { randomApiKeys } from '../support/api-keys';
import { countedCalls, installCountingProvider, latencyKeyOf } from '../support/counting-provider';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { SignedClient } from '../support/signed-client';
import { createTempDir, TEST_ENCRYPTION_KEY } from '../support/test-server';
import { KILL_ROUNDS, LONG_TESTS } from './support/fuzz-settings';

/** Backups submitted per round, each for a VM of its own, so that a second run would show as a second call. */
const JOBS_PER_ROUND = 8;
/** Each provider call takes this long, so that a kill lands while calls are in flight. */
const PROVIDER_LATENCY_MS = 1000;
/** Statuses a backup row may keep once nothing runs any more. */
const SETTLED_BACKUP_STATUSES = ['BackedUp', 'Failed', 'Error', 'Expunged', 'Removed'];

/**
 * Issue 12, crash safety: rounds of SIGKILL of the built server at a random point while backup jobs
 * run on a provider that counts its calls, each followed by a restart. Afterwards no job is left
 * pending, no job ran its provider call twice, no VM is left guarded, and the backup and mapping
 * tables agree with what the provider was asked to do. `CSBR_KILL_ROUNDS` or `CSBR_LONG_TESTS=1`
 * run more rounds.
 */
describe(`crash safety: ${KILL_ROUNDS} rounds of SIGKILL while jobs run (built server, MariaDB)`, () => {
  let database: MigratedDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let pluginDir: ReturnType<typeof createTempDir>;
  let server: ServerProcess | undefined;
  let env: Record<string, string>;
  let admin: SignedClient;
  let url: string;
  let seed: BackupSeeder;
  let owner: SeededAccount;
  let zone: SeededZone;
  let policyId: string;

  beforeAll(async () => {
    expect(existsSync(BUILT_SERVER)).toBe(true);
    database = await openMigratedDatabase();
    dataDir = createTempDir();
    pluginDir = createTempDir();
    installCountingProvider(pluginDir.path);
    const keys = randomApiKeys();
    const port = await findFreePort();
    env = {
      DATABASE_URL: database.url,
      PORT: String(port),
      CSBR_DATA_DIR: dataDir.path,
      CSBR_PLUGIN_DIR: pluginDir.path,
      CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      CSBR_ADMIN_PASSWORD: 'test-admin-password',
      CSBR_ADMIN_API_KEY: keys.apiKey,
      CSBR_ADMIN_SECRET_KEY: keys.secretKey,
      CSBR_SYNC_ENABLED: 'false',
      CSBR_JOB_POLL_INTERVAL_MS: '200',
      CSBR_SHUTDOWN_GRACE_SECONDS: '1',
      CSBR_HEARTBEAT_INTERVAL_MS: '1000',
      CSBR_HEARTBEAT_TIMEOUT_MS: '3000',
      CSBR_LOG_LEVEL: 'info',
    };
    server = await ServerProcess.start(env);
    url = `http://127.0.0.1:${port}`;
    admin = new SignedClient(url, keys.apiKey, keys.secretKey);
    seed = new BackupSeeder(database.dataSource, new SecretCipher(Buffer.from(TEST_ENCRYPTION_KEY, 'base64')));
    owner = await seed.account('crash-owner');
    zone = await seed.zone('zone-crash');
    for (const [name, value] of [
      ['backup.framework.enabled', 'true'],
      ['backup.framework.provider.plugin', 'counting'],
      [latencyKeyOf(), String(PROVIDER_LATENCY_MS)],
    ] as const) {
      expect((await admin.call('updateConfiguration', { name, value, zoneid: zone.uuid })).status).toBe(200);
    }
    const policy = (await admin.jobResult('importBackupPolicy', { zoneid: zone.uuid, externalid: 'gold', name: 'Gold', description: 'Gold' }))
      .backuppolicy as { id: string };
    const [row] = await database.dataSource.query<{ id: string }[]>('SELECT id FROM backup_policy WHERE uuid = ?', [policy.id]);
    policyId = String(row?.id);
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    await database?.close();
    dataDir?.remove();
    pluginDir?.remove();
  });

  async function count(sql: string, params: readonly unknown[] = []): Promise<number> {
    const [row] = await database.dataSource.query<{ n: number | string }[]>(sql, [...params]);
    return Number(row?.n);
  }

  async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it(
    'leaves no job pending, none run twice, no VM guarded, and backups and mappings as the provider was told',
    async () => {
      const client = new SignedClient(url, owner.apiKey, owner.secretKey);
      const jobsByVm = new Map<string, string>();
      for (let round = 1; round <= KILL_ROUNDS; round += 1) {
        const vms = await seed.protectedVms(`crash-${round}`, JOBS_PER_ROUND, zone, owner, policyId);
        for (const uuid of vms) {
          const reply = await client.call('createBackup', { virtualmachineid: uuid });
          expect(reply.status).toBe(200);
          jobsByVm.set(uuid, reply.body.jobid as string);
        }
        // Anywhere from "jobs just submitted" to "provider calls about to answer".
        const killAfterMs = Math.floor(Math.random() * PROVIDER_LATENCY_MS * 1.2);
        await new Promise((resolve) => setTimeout(resolve, killAfterMs));
        await server?.kill();
        process.stdout.write(`crash safety: round ${round} killed the server ${killAfterMs} ms after submitting ${JOBS_PER_ROUND} backups\n`);
        server = await ServerProcess.start(env);
      }

      await waitUntil(async () => (await count('SELECT COUNT(*) AS n FROM async_job WHERE job_status = 0')) === 0, 'no job is pending');

      // No job ran its provider call twice: one takeBackup at most per VM (each VM had one job).
      const takes = countedCalls(pluginDir.path).filter((call) => call.method === 'takeBackup');
      const takesByVm = new Map<string, number>();
      for (const take of takes) takesByVm.set(take.vm ?? '', (takesByVm.get(take.vm ?? '') ?? 0) + 1);
      expect([...takesByVm].filter(([, calls]) => calls > 1)).toEqual([]);

      expect(await count('SELECT COUNT(*) AS n FROM op_backup_vm_guard')).toBe(0);
      // No guarded operation left in flight.
      expect(await count('SELECT COUNT(*) AS n FROM op_backup_operation')).toBe(0);

      const rows = await database.dataSource.query<{ vm: string; status: string }[]>(
        'SELECT v.uuid AS vm, b.status AS status FROM backups b JOIN vm_instance v ON v.id = b.vm_id WHERE b.zone_id = ?',
        [zone.id],
      );
      expect(rows.filter((row) => !SETTLED_BACKUP_STATUSES.includes(row.status))).toEqual([]);
      let succeeded = 0;
      let recordedYetFailed = 0;
      for (const [vm, jobId] of jobsByVm) {
        const [job] = await database.dataSource.query<{ status: number; result: string | null }[]>(
          'SELECT job_status AS status, job_result AS result FROM async_job WHERE uuid = ?',
          [jobId],
        );
        const backedUp = rows.filter((row) => row.vm === vm && row.status === 'BackedUp').length;
        // A recorded backup is one the provider made, and a successful job recorded exactly one.
        expect({ vm, backedUp: backedUp <= (takesByVm.get(vm) ?? 0) }).toEqual({ vm, backedUp: true });
        if (Number(job?.status) === 1) {
          succeeded += 1;
          expect({ vm, backedUp }).toEqual({ vm, backedUp: 1 });
        } else {
          const errorText = (JSON.parse(job?.result ?? '{}') as { errortext?: string }).errortext ?? '';
          // An interrupted job ends as a clear error, not as an empty one.
          expect(errorText).toMatch(/\w{8,}/);
          // Known window (reported in issue 12's notes): the kill lands after the backup was recorded and its
          // operation closed, before the job's result was written; the job then fails with the generic
          // "interrupted, check the state of the resource" text, and the backup stands. Any other failed job
          // recorded nothing.
          const interruptedAfterRecording = errorText.includes('Check the state of the resource');
          if (!interruptedAfterRecording) expect({ vm, backedUp, job: job?.result }).toEqual({ vm, backedUp: 0, job: job?.result });
          else if (backedUp > 0) recordedYetFailed += 1;
        }
      }
      // Every VM is still assigned, once.
      const vmIds = [...jobsByVm.keys()];
      expect(
        await count(
          'SELECT COUNT(*) AS n FROM backup_policy_vm_map m JOIN vm_instance v ON v.id = m.vm_id WHERE v.uuid IN (?)',
          [vmIds],
        ),
      ).toBe(vmIds.length);
      process.stdout.write(`crash safety: ${KILL_ROUNDS} kills, ${jobsByVm.size} jobs, ${succeeded} succeeded, ${recordedYetFailed} recorded yet reported interrupted, ${takes.length} provider backups\n`);
    },
    LONG_TESTS ? 1_800_000 : 180_000,
  );
});

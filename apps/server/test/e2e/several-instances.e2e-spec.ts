import { existsSync } from 'node:fs';

import { SecretCipher } from '../../src/configuration/secret-cipher';
import { BackupSeeder, type SeededAccount } from '../backup-api/support/backup-seeder';
import { randomApiKeys } from '../support/api-keys';
import { countedCalls, installCountingProvider } from '../support/counting-provider';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { SignedClient } from '../support/signed-client';
import { createTempDir, TEST_ENCRYPTION_KEY } from '../support/test-server';
import { BUILT_SERVER, findFreePort, ServerProcess } from './support/server-process';

const INSTANCES = 3;
const JOBS = 300;

/**
 * Three server processes on one MariaDB database, as a cloud runs csbr behind a load balancer:
 * jobs are rows that any instance can claim, and each runs exactly once.
 */
describe('several server instances on one database (built server, MariaDB)', () => {
  let database: MigratedDatabase;
  let dataDirs: ReturnType<typeof createTempDir>[];
  let pluginDir: ReturnType<typeof createTempDir>;
  const servers: ServerProcess[] = [];
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
      servers.push(
        await ServerProcess.start({
          DATABASE_URL: database.url,
          PORT: String(port),
          CSBR_DATA_DIR: dataDirs[index]!.path,
          CSBR_PLUGIN_DIR: pluginDir.path,
          CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
          CSBR_ADMIN_PASSWORD: 'test-admin-password',
          CSBR_ADMIN_API_KEY: keys.apiKey,
          CSBR_ADMIN_SECRET_KEY: keys.secretKey,
          CSBR_SYNC_ENABLED: 'false',
          CSBR_JOB_POLL_INTERVAL_MS: '200',
          CSBR_LOG_LEVEL: 'info',
        }),
      );
    }
    urls = ports.map((port) => `http://127.0.0.1:${port}`);
    admins = urls.map((url) => new SignedClient(url, keys.apiKey, keys.secretKey));
    seed = new BackupSeeder(database.dataSource, new SecretCipher(Buffer.from(TEST_ENCRYPTION_KEY, 'base64')));
    alice = await seed.account('alice');
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

  async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it(`runs each of ${JOBS} jobs submitted round-robin across ${INSTANCES} instances exactly once`, async () => {
    const zone = await seed.zone('zone-a');
    const admin = admins[0]!;
    for (const [name, value] of [
      ['backup.framework.enabled', 'true'],
      ['backup.framework.provider.plugin', 'counting'],
    ] as const) {
      expect((await admin.call('updateConfiguration', { name, value, zoneid: zone.uuid })).status).toBe(200);
    }
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
  });
});

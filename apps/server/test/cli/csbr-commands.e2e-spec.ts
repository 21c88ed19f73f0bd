import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { createConnection } from 'mysql2/promise';

import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTempDir, startTestServer, TEST_ENCRYPTION_KEY } from '../support/test-server';
import { requireBuiltCli, runCsbr as csbr } from './support/run-csbr';

// Each `csbr` run boots the server's foundation: about a second on an idle machine, several on a loaded one.
jest.setTimeout(240_000);

describe('csbr migrate, config, status and --help', () => {
  let database: TestDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let env: Record<string, string>;

  beforeAll(async () => {
    requireBuiltCli();
    database = await createTestDatabase();
    dataDir = createTempDir();
    env = { DATABASE_URL: database.url, CSBR_DATA_DIR: dataDir.path, CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, CSBR_ADMIN_PASSWORD: 'cli-Admin-1' };
  });

  afterAll(async () => {
    await database?.drop();
    dataDir?.remove();
  });

  it('migrate applies every migration once, then says the database is up to date', async () => {
    const first = await csbr(['migrate'], env);
    const second = await csbr(['migrate'], env);

    expect(first).toMatchObject({ code: 0, stderr: '' });
    expect(first.stdout).toMatch(/^Applied (\d+) of \1 migrations \(MySQL\/MariaDB root@127\.0\.0\.1:3306\/\w+\):\n/);
    expect(first.stdout).toContain('  CreateAsyncJob1764115200010\n');
    expect(second).toMatchObject({ code: 0, stderr: '' });
    expect(second.stdout).toMatch(/^The database is up to date: \d+ migrations already applied/);
    const connection = await createConnection({ uri: database.url });
    try {
      const [rows] = await connection.query('SELECT COUNT(*) AS count FROM migrations');
      const [tables] = await connection.query("SHOW TABLES LIKE 'backups'");
      expect(first.stdout.split('\n').filter((line) => line.startsWith('  '))).toHaveLength((rows as { count: number }[])[0]?.count ?? -1);
      expect(tables).toHaveLength(1);
    } finally {
      await connection.end();
    }
  });

  it('config get/set reads and writes global and zone values, checked as the API checks them', async () => {
    const inventory = join(dataDir.path, 'zones.json');
    writeFileSync(inventory, JSON.stringify({ zones: [{ name: 'cli-zone', dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced' }] }));
    expect(await csbr(['import-inventory', inventory], env)).toMatchObject({ code: 0, stderr: '' });

    const defaultInterval = await csbr(['config', 'get', 'backup.framework.sync.interval'], env);
    const setInterval = await csbr(['config', 'set', 'backup.framework.sync.interval', '600'], env);
    const readBack = await csbr(['config', 'get', 'backup.framework.sync.interval'], env);
    const enableZone = await csbr(['config', 'set', 'backup.framework.enabled', 'true', '--zone', 'cli-zone'], env);
    const zoneValue = await csbr(['config', 'get', 'backup.framework.enabled', '--zone=cli-zone'], env);
    const globalValue = await csbr(['config', 'get', 'backup.framework.enabled'], env);
    // Refusals change nothing, so they run side by side.
    const [outOfRange, globalKeyInZone, notBoolean, unknownKey, unknownZone, noValue] = await Promise.all([
      csbr(['config', 'set', 'backup.framework.sync.interval', '0'], env),
      csbr(['config', 'set', 'backup.framework.sync.interval', '60', '--zone', 'cli-zone'], env),
      csbr(['config', 'set', 'backup.framework.enabled', 'maybe', '--zone', 'cli-zone'], env),
      csbr(['config', 'get', 'no.such.key'], env),
      csbr(['config', 'get', 'backup.framework.enabled', '--zone', 'atlantis'], env),
      csbr(['config', 'set', 'backup.framework.enabled'], env),
    ]);
    const secret = await csbr(['config', 'set', 'backup.plugin.veeam.password', 'Veeam-Secret-9', '--zone', 'cli-zone'], env);
    const secretRead = await csbr(['config', 'get', 'backup.plugin.veeam.password', '--zone', 'cli-zone'], env);

    expect(defaultInterval).toEqual({ code: 0, stdout: '300\n', stderr: '' });
    expect(setInterval).toEqual({ code: 0, stdout: '600\n', stderr: '' });
    expect(readBack).toEqual({ code: 0, stdout: '600\n', stderr: '' });
    await expect(csbr(['config', 'get', 'backup.framework.sync.interval'], env)).resolves.toMatchObject({ stdout: '600\n' });
    expect(outOfRange).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Please enter a value between 1 and 604800 for the configuration parameter: backup.framework.sync.interval\n',
    });
    expect(enableZone).toEqual({ code: 0, stdout: 'true\n', stderr: '' });
    expect(zoneValue).toEqual({ code: 0, stdout: 'true\n', stderr: '' });
    expect(globalValue).toEqual({ code: 0, stdout: 'false\n', stderr: '' });
    expect(globalKeyInZone.code).toBe(1);
    expect(globalKeyInZone.stderr).toMatch(/backup\.framework\.sync\.interval/);
    expect(notBoolean.code).toBe(1);
    expect(notBoolean.stderr).toBe("Please enter either 'true' or 'false'.\n");
    expect(unknownKey).toMatchObject({ code: 1, stderr: "Config parameter with name no.such.key doesn't exist\n" });
    expect(unknownZone).toMatchObject({ code: 1, stderr: 'Unknown zone: atlantis\n' });
    expect(secret).toEqual({ code: 0, stdout: '********\n', stderr: '' });
    expect(secretRead).toEqual({ code: 0, stdout: '********\n', stderr: '' });
    expect(noValue.code).toBe(2);
    expect(noValue.stderr).toContain('config set needs a value');
    const connection = await createConnection({ uri: database.url });
    try {
      const [rows] = await connection.query("SELECT value FROM data_center_details WHERE name = 'backup.plugin.veeam.password'");
      expect(JSON.stringify(rows)).not.toContain('Veeam-Secret-9');
    } finally {
      await connection.end();
    }
  });

  it('status shows the instances, providers, zones and the jobs that failed', async () => {
    const server = await startTestServer({ DATABASE_URL: database.url, CSBR_DATA_DIR: dataDir.path });
    await server.close();
    const connection = await createConnection({ uri: database.url });
    const failedJob = randomUUID();
    try {
      await connection.query(
        `INSERT INTO async_job (uuid, user_id, account_id, job_cmd, job_cmd_info, job_status, job_result_code, job_result, related, created, last_updated)
         VALUES (?, 2, 2, 'createBackup', '{}', 2, 530, ?, '', UTC_TIMESTAMP(), UTC_TIMESTAMP())`,
        [failedJob, JSON.stringify({ errorcode: 530, errortext: 'The provider exploded' })],
      );
    } finally {
      await connection.end();
    }

    const unknownProvider = await csbr(['config', 'set', 'backup.framework.provider.plugin', 'acme', '--zone', 'cli-zone'], env);
    const text = await csbr(['status'], env);
    const json = await csbr(['status', '--json'], env);

    expect(unknownProvider).toMatchObject({ code: 0, stdout: 'acme\n' });
    expect(text).toMatchObject({ code: 0, stderr: '' });
    expect(text.stdout).toMatch(/^Instances \(mshost\): 1\n {2}\d+ +\S+ +ReadyToShutdown +[\d.:]+ +last heartbeat \d+ s ago +version \S+\n/);
    expect(text.stdout).toContain('Providers: dummy, veeam\n');
    expect(text.stdout).toMatch(/Zones: 1\n {2}cli-zone {2}[0-9a-f-]{36} {2}backup enabled {2}provider acme \(NOT REGISTERED\)\n/);
    expect(text.stdout).toMatch(/Jobs: 0 pending, 0 running, 1 failed in the last 24 h\n {2}\S+ {2}createBackup {2}[0-9a-f-]{36} {2}The provider exploded\n$/);
    expect(JSON.parse(json.stdout)).toMatchObject({
      providers: ['dummy', 'veeam'],
      zones: [{ name: 'cli-zone', backupEnabled: true, provider: 'acme', providerRegistered: false }],
      jobs: { pending: 0, running: 0, failedLast24h: 1, recentFailures: [{ id: failedJob, command: 'createBackup', error: 'The provider exploded' }] },
    });
  });

  it('every command answers --help with its usage, and a wrong command line with exit 2', async () => {
    const runs = await Promise.all(
      ['migrate', 'config', 'status', 'import-inventory'].map(async (command) => [command, await csbr([command, '--help'], {})] as const),
    );
    const overview = await csbr(['--help'], {});
    const helpFor = await csbr(['help', 'status'], {});
    const nothing = await csbr([], {});
    const unknown = await csbr(['explode'], {});
    const extra = await csbr(['migrate', 'now'], env);

    for (const [command, run] of runs) {
      expect(run).toMatchObject({ code: 0, stderr: '' });
      expect(run.stdout).toMatch(new RegExp(`^Usage: csbr ${command}`));
    }
    expect(overview.code).toBe(0);
    for (const command of ['migrate', 'config', 'status', 'import-inventory']) expect(overview.stdout).toContain(`  ${command} `);
    expect(helpFor.stdout).toMatch(/^Usage: csbr status \[--json\]/);
    expect(nothing).toMatchObject({ code: 2, stderr: expect.stringContaining('Usage: csbr <command>') });
    expect(unknown).toMatchObject({ code: 2, stderr: expect.stringContaining('Unknown command: explode') });
    expect(extra).toMatchObject({ code: 2, stderr: expect.stringContaining('Unexpected argument: now') });
  });
});

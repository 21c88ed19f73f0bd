import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';

import { startVeeamSimulator, type VeeamSimulator } from '@csbr/veeam-simulator';

import { BUILT_SERVER, ServerProcess } from '../e2e/support/server-process';
import { type ApiKeyPair, randomApiKeys } from '../support/api-keys';
import { type JsonBody } from '../support/json-body';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { type ApiParams, type ApiReply, SignedClient } from '../support/signed-client';
import { createTempDir } from '../support/test-server';

/** A signed client that keeps every reply it got, to be searched afterwards. */
class CapturingClient extends SignedClient {
  constructor(
    url: string,
    keys: ApiKeyPair,
    private readonly captured: string[],
  ) {
    super(url, keys.apiKey, keys.secretKey);
  }

  override async call(command: string, params: ApiParams = {}): Promise<ApiReply> {
    const reply = await super.call(command, params);
    // The owner asking for its own keys gets them, as in CloudStack: that answer is the one exception.
    if (command !== 'registerUserKeys' && command !== 'getUserKeys') this.captured.push(`${command}: ${JSON.stringify(reply)}`);
    return reply;
  }
}

const secret = (label: string): string => `${label}-${randomBytes(12).toString('hex')}`;

/**
 * Issue 12, secrets: a full lifecycle on the built server at debug log level (zones on the dummy and
 * on the Veeam simulator, an account made with a password, its user's keys, backups, restores,
 * deletes, a Veeam zone given a wrong password, a failed and a good login), then every secret used
 * is searched for in the server's log, the `event`, `async_job` and `usage_event` tables and every
 * API answer captured. None may appear.
 */
describe('no secret leaks through logs, events, jobs, usage or API answers (built server, MariaDB, Veeam simulator)', () => {
  let database: MigratedDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let server: ServerProcess | undefined;
  let veeam: VeeamSimulator;
  let url: string;
  const captured: string[] = [];
  const adminKeys = randomApiKeys();
  const secrets: Record<string, string> = {
    'admin password': secret('AdminPass'),
    'admin secret key': adminKeys.secretKey,
    'encryption key': randomBytes(32).toString('base64'),
    'account password': secret('AccountPass'),
    'wrong Veeam password': secret('WrongVeeam'),
  };

  beforeAll(async () => {
    expect(existsSync(BUILT_SERVER)).toBe(true);
    veeam = await startVeeamSimulator({ personality: '13', port: 0, seed: 'demo' });
    secrets['Veeam password'] = veeam.users[0]!.password;
    database = await openMigratedDatabase();
    dataDir = createTempDir();
    server = await ServerProcess.start({
      DATABASE_URL: database.url,
      // The OS picks the port as the server listens: a port found free beforehand may be taken meanwhile.
      PORT: '0',
      CSBR_DATA_DIR: dataDir.path,
      CSBR_ENCRYPTION_KEY: secrets['encryption key']!,
      CSBR_ADMIN_PASSWORD: secrets['admin password']!,
      CSBR_ADMIN_API_KEY: adminKeys.apiKey,
      CSBR_ADMIN_SECRET_KEY: adminKeys.secretKey,
      CSBR_SYNC_ENABLED: 'false',
      CSBR_LOG_LEVEL: 'debug',
    });
    url = `http://127.0.0.1:${server.port}`;
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
    await database?.close();
    dataDir?.remove();
    await veeam?.close();
  });

  async function ok(client: SignedClient, command: string, params: ApiParams = {}): Promise<JsonBody> {
    const reply = await client.call(command, params);
    if (reply.status !== 200) throw new Error(`${command} failed: ${reply.status} ${JSON.stringify(reply.body)}`);
    if (typeof reply.body.jobid === 'string') {
      const job = await client.waitForJob(reply.body.jobid);
      if (job.jobstatus !== 1) throw new Error(`${command} job failed: ${JSON.stringify(job.jobresult)}`);
      return job.jobresult;
    }
    return reply.body;
  }

  async function login(password: string): Promise<void> {
    const response = await fetch(`${url}/client/api`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ command: 'login', response: 'json', username: 'admin', password }).toString(),
    });
    captured.push(`login: ${response.status} ${JSON.stringify([...response.headers])} ${await response.text()}`);
  }

  it('runs a full lifecycle, and no secret appears anywhere afterwards', async () => {
    const admin = new CapturingClient(url, adminKeys, captured);
    await login(`${secrets['admin password']!}-wrong`);
    await login(secrets['admin password']!);

    // Zones: one on the dummy, one on Veeam with its password (and later a wrong one).
    const dummyZone = (await ok(admin, 'createZone', { name: 'dummy-zone', dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced' })).zone.id as string;
    const veeamZone = (await ok(admin, 'createZone', { name: 'veeam-zone', dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced' })).zone.id as string;
    for (const [name, value] of [
      ['backup.framework.enabled', 'true'],
      ['backup.framework.provider.plugin', 'dummy'],
    ] as const) await ok(admin, 'updateConfiguration', { name, value, zoneid: dummyZone });
    for (const [name, value] of [
      ['backup.framework.enabled', 'true'],
      ['backup.framework.provider.plugin', 'veeam'],
      ['backup.plugin.veeam.url', `${veeam.url}/api/`],
      ['backup.plugin.veeam.username', 'administrator'],
      ['backup.plugin.veeam.password', secrets['Veeam password']!],
      ['backup.plugin.veeam.ca.certificate', veeam.caCertificate],
      ['backup.plugin.veeam.task.poll.interval', '0.05'],
    ] as const) await ok(admin, 'updateConfiguration', { name, value, zoneid: veeamZone });
    await ok(admin, 'listConfigurations', { name: 'backup.plugin.veeam.password', zoneid: veeamZone });
    await ok(admin, 'listConfigurations', { keyword: 'veeam', zoneid: veeamZone });

    // A tenant made with a password, given keys.
    await ok(admin, 'createAccount', {
      accounttype: 0,
      username: 'tenant',
      password: secrets['account password']!,
      email: 'tenant@example.com',
      firstname: 'Ten',
      lastname: 'Ant',
    });
    const user = ((await ok(admin, 'listUsers', { username: 'tenant', listall: true })).user as { id: string }[])[0]!;
    const keys = (await ok(admin, 'registerUserKeys', { id: user.id })).userkeys as { apikey: string; secretkey: string };
    secrets['tenant secret key'] = keys.secretkey;
    const tenant = new CapturingClient(url, { apiKey: keys.apikey, secretKey: keys.secretkey }, captured);

    // The lifecycle in both zones.
    const dummyPolicy = (await ok(admin, 'importBackupPolicy', { zoneid: dummyZone, externalid: 'gold-policy', name: 'Gold', description: 'Gold' })).backuppolicy.id as string;
    const gold = veeam.controls.listJobs().find((job) => job.name === 'Gold')!.id;
    const veeamPolicy = (await ok(admin, 'importBackupPolicy', { zoneid: veeamZone, externalid: gold, name: 'VGold', description: 'Veeam Gold' })).backuppolicy.id as string;
    for (const [zone, policy] of [
      [dummyZone, dummyPolicy],
      [veeamZone, veeamPolicy],
    ] as const) {
      const vm = (await ok(tenant, 'deployVirtualMachine', { zoneid: zone, name: `vm-${zone.slice(0, 8)}`, size: 20 })).virtualmachine as { id: string };
      // `instancename` is shown to admins only.
      const [row] = await database.dataSource.query<{ name: string }[]>('SELECT instance_name AS name FROM vm_instance WHERE uuid = ?', [vm.id]);
      if (zone === veeamZone) veeam.controls.addVm({ name: row!.name, diskSizesGb: [20] });
      await ok(tenant, 'assignBackupPolicy', { virtualmachineid: vm.id, policyid: policy });
      const backup = (await ok(tenant, 'createBackup', { virtualmachineid: vm.id })).backup.id as string;
      await ok(tenant, 'listBackups', { virtualmachineid: vm.id });
      await ok(tenant, 'stopVirtualMachine', { id: vm.id });
      await ok(tenant, 'restoreBackup', { id: backup });
      await ok(tenant, 'deleteBackup', { id: backup, forced: true });
      if (zone === veeamZone) {
        // Veeam refuses a wrong password: the job fails, and says so without repeating it.
        await ok(admin, 'updateConfiguration', { name: 'backup.plugin.veeam.password', value: secrets['wrong Veeam password']!, zoneid: zone });
        const failed = await tenant.runJob('createBackup', { virtualmachineid: vm.id });
        expect(failed.jobstatus).toBe(2);
        await ok(admin, 'updateConfiguration', { name: 'backup.plugin.veeam.password', value: secrets['Veeam password']!, zoneid: zone });
      }
      await ok(tenant, 'removeVMFromBackupPolicy', { virtualmachineid: vm.id, forced: true });
    }
    await ok(admin, 'listBackupProviderDiagnostics', { zoneid: veeamZone }).catch(() => undefined);
    await ok(admin, 'listEvents', { listall: true, pagesize: 500, page: 1 });
    await ok(admin, 'listAsyncJobs', { listall: true });
    await ok(tenant, 'listAsyncJobs');

    const sources: Record<string, string> = {
      'server log': server?.log ?? '',
      'event table': JSON.stringify(await database.dataSource.query('SELECT * FROM event')),
      'async_job table': JSON.stringify(await database.dataSource.query('SELECT * FROM async_job')),
      'usage_event table': JSON.stringify(await database.dataSource.query('SELECT * FROM usage_event')),
      'API answers': captured.join('\n'),
    };
    // The run did what it says: the sources are not empty.
    expect(sources['server log']).toContain('Listening on http://');
    expect(captured.length).toBeGreaterThan(40);
    const hits: string[] = [];
    for (const [what, value] of Object.entries(secrets)) {
      for (const [where, text] of Object.entries(sources)) {
        if (text.includes(value) || text.includes(encodeURIComponent(value))) hits.push(`${what} in the ${where}`);
      }
    }
    process.stdout.write(
      `secrets: ${Object.keys(secrets).length} secrets × ${Object.keys(sources).length} sources, ${captured.length} API answers, ` +
        `${sources['server log']?.length ?? 0} log characters searched\n`,
    );
    expect(hits).toEqual([]);
  }, 120_000);
});

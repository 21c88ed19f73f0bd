import { type SeededAccount, type SeededZone } from '../backup-api/support/backup-seeder';
import { type BackupApiEnv, startBackupApiEnv } from '../backup-api/support/backup-api-env';
import { expectJobFailure, expectJobSuccess } from '../backup-api/support/api-expectations';
import { countedCalls, hangKeyOf, holdCountedCalls, installCountingProvider } from '../support/counting-provider';
import { type SignedClient } from '../support/signed-client';
import { createTempDir } from '../support/test-server';

/**
 * Long-running provider calls on one server over MariaDB: providers written for contract 1.0 keep
 * working, calls are bounded by their deadline, capabilities are checked before the provider is
 * called, and a provider call never holds a database connection or transaction.
 */
describe('long-running backup operations (MariaDB)', () => {
  let env: BackupApiEnv;
  let pluginDir: ReturnType<typeof createTempDir>;
  let alice: SeededAccount;
  let aliceClient: SignedClient;

  beforeAll(async () => {
    pluginDir = createTempDir();
    installCountingProvider(pluginDir.path);
    installCountingProvider(pluginDir.path, {
      name: 'limited',
      contract: '^1.1.0',
      capabilities: { adHocBackup: false },
    });
    env = await startBackupApiEnv({
      CSBR_PLUGIN_DIR: pluginDir.path,
      CSBR_JOB_WORKERS: '64',
      CSBR_SYNC_ENABLED: 'false',
    });
    alice = await env.seed.account('alice');
    aliceClient = env.clientFor(alice);
  });

  afterAll(async () => {
    await env?.close();
    pluginDir?.remove();
  });

  /** A zone whose backup provider is `provider`, with policy `gold` imported; returns the policy uuid. */
  async function zoneWith(provider: string, name: string): Promise<{ zone: SeededZone; policyUuid: string }> {
    const zone = await env.seed.zone(name);
    await env.configure('backup.framework.enabled', 'true', zone);
    await env.configure('backup.framework.provider.plugin', provider, zone);
    const policyUuid = await env.importPolicy(zone, 'gold', `Gold ${name}`);
    return { zone, policyUuid };
  }

  async function policyIdOf(uuid: string): Promise<string> {
    const [row] = await env.query<{ id: string }>('SELECT id FROM backup_policy WHERE uuid = ?', [uuid]);
    return String(row?.id);
  }

  async function waitUntil(condition: () => Promise<boolean>, what: string, timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  async function count(sql: string, params: readonly unknown[] = []): Promise<number> {
    const [row] = await env.query<{ n: number | string }>(sql, params);
    return Number(row?.n);
  }

  it('runs the whole lifecycle on a provider written for contract 1.0', async () => {
    const { zone, policyUuid } = await zoneWith('counting', 'legacy-zone');
    const vm = await env.seed.vm('legacy-vm', zone, alice, 'Stopped');

    const diagnostics = await env.admin.ok('listBackupProviderDiagnostics');
    expect(diagnostics.backupproviderdiagnostic).toContainEqual(
      expect.objectContaining({ providername: 'counting', status: 'registered', contractrange: '^1.0.0' }),
    );
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: policyUuid }));
    const backup = expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid })).backup as {
      id: string;
      status: string;
    };
    expect(backup.status).toBe('BackedUp');
    expectJobSuccess(await aliceClient.runJob('restoreBackup', { id: backup.id }));
    expectJobSuccess(await aliceClient.runJob('deleteBackup', { id: backup.id }));
    expectJobSuccess(await aliceClient.runJob('removeVMFromBackupPolicy', { virtualmachineid: vm.uuid }));

    const calls = countedCalls(pluginDir.path).filter((call) => call.vm === vm.uuid);
    expect(calls.map((call) => call.method)).toEqual(['assignVm', 'takeBackup', 'restoreVm', 'deleteBackup', 'removeVm']);
  });

  it('refuses an operation the provider declares it cannot do, without calling it', async () => {
    const { zone, policyUuid } = await zoneWith('limited', 'limited-zone');
    const vm = await env.seed.vm('limited-vm', zone, alice);
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: policyUuid }));

    expectJobFailure(
      await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }),
      530,
      'The backup provider limited does not support ad-hoc backups',
    );
    expect(countedCalls(pluginDir.path).filter((call) => call.vm === vm.uuid).map((call) => call.method)).toEqual([
      'assignVm',
    ]);
  });

  it('ends a provider call that hangs past its deadline with a clear timeout error, and releases the VM', async () => {
    const { zone, policyUuid } = await zoneWith('counting', 'hanging-zone');
    const vm = await env.seed.vm('hanging-vm', zone, alice);
    expectJobSuccess(await aliceClient.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: policyUuid }));
    await env.configure(hangKeyOf(), 'takeBackup', zone);
    await env.configure('backup.framework.timeout.backup', '1', zone);

    expectJobFailure(
      await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }),
      530,
      'The backup provider counting did not finish in 1 seconds (backup.framework.timeout.backup); the operation was cancelled',
    );
    expect(await count('SELECT COUNT(*) AS n FROM op_backup_operation')).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM backups WHERE vm_id = ?', [vm.id])).toBe(0);

    await env.configure(hangKeyOf(), '', zone);
    expectJobSuccess(await aliceClient.runJob('createBackup', { virtualmachineid: vm.uuid }));
  });

  it('holds no database connection or transaction while 50 provider calls are in flight', async () => {
    const { zone, policyUuid } = await zoneWith('counting', 'busy-zone');
    const vms = await env.seed.protectedVms('busy', 50, zone, alice, await policyIdOf(policyUuid));
    // The calls stay in flight until released (not for a fixed latency): starting 50 jobs and taking
    // the samples below may take any time on a busy machine.
    const release = holdCountedCalls(pluginDir.path);
    let jobIds: string[];
    const samples: { transactions: number; busyConnections: number }[] = [];
    try {
      jobIds = await Promise.all(
        vms.map(async (uuid) => (await aliceClient.call('createBackup', { virtualmachineid: uuid })).body.jobid as string),
      );
      await waitUntil(async () => (await count('SELECT COUNT(*) AS n FROM op_backup_operation')) === 50, '50 calls are in flight');

      for (let sample = 0; sample < 10; sample += 1) {
        samples.push({
          transactions: await count(
            `SELECT COUNT(*) AS n FROM information_schema.INNODB_TRX trx
               JOIN information_schema.PROCESSLIST p ON p.ID = trx.trx_mysql_thread_id WHERE p.DB = ?`,
            [env.databaseName],
          ),
          // Connections of the server's pool doing something other than waiting (the probe excluded).
          busyConnections: await count(
            "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE DB = ? AND COMMAND <> 'Sleep' AND ID <> CONNECTION_ID()",
            [env.databaseName],
          ),
        });
        // Other requests are answered meanwhile.
        expect((await env.admin.call('listZones')).status).toBe(200);
        expect((await aliceClient.call('listBackups', { zoneid: zone.uuid })).status).toBe(200);
      }
      expect(await count('SELECT COUNT(*) AS n FROM async_job WHERE job_status = 0 AND uuid IN (?)', [jobIds])).toBe(50);
    } finally {
      release();
    }
    expect(samples.every((s) => s.transactions === 0)).toBe(true);
    expect(Math.max(...samples.map((s) => s.busyConnections))).toBeLessThanOrEqual(2);

    await waitUntil(async () => (await count('SELECT COUNT(*) AS n FROM async_job WHERE job_status = 0')) === 0, 'every job ended');
    expect(await count('SELECT COUNT(*) AS n FROM async_job WHERE job_status = 1 AND uuid IN (?)', [jobIds])).toBe(50);
  });

  it('finishes 500 createBackup jobs submitted 64 at a time, with no deadlock and /health up', async () => {
    const zone = await env.seed.zone('load-zone');
    await env.enableZone(zone);
    const policyUuid = await env.importPolicy(zone, 'gold-policy', 'Gold load');
    const vms = await env.seed.protectedVms('load', 500, zone, alice, await policyIdOf(policyUuid));
    const health: number[] = [];
    let submitting = true;
    const probing = (async () => {
      while (submitting) {
        health.push((await fetch(`${env.server.url}/health`)).status);
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    })();

    const queue = [...vms];
    const jobIds: string[] = [];
    await Promise.all(
      Array.from({ length: 64 }, async () => {
        for (let uuid = queue.pop(); uuid !== undefined; uuid = queue.pop()) {
          const reply = await aliceClient.call('createBackup', { virtualmachineid: uuid });
          expect(reply.status).toBe(200);
          jobIds.push(reply.body.jobid as string);
        }
      }),
    );
    await waitUntil(async () => (await count('SELECT COUNT(*) AS n FROM async_job WHERE job_status = 0')) === 0, 'every job ended', 120_000);
    submitting = false;
    await probing;

    expect(jobIds).toHaveLength(500);
    expect(await count('SELECT COUNT(*) AS n FROM async_job WHERE job_status = 1 AND uuid IN (?)', [jobIds])).toBe(500);
    expect(await count("SELECT COUNT(*) AS n FROM backups WHERE zone_id = ? AND status = 'BackedUp'", [zone.id])).toBe(500);
    expect(health.length).toBeGreaterThan(0);
    expect(health.every((status) => status === 200)).toBe(true);
    // Its own deadline for the jobs is 120 s (21 s on an idle machine, several times that on a loaded
    // 2-core CI machine), past jest's 60 s default: the test may take as long, plus seeding and submitting.
  }, 240_000);
});

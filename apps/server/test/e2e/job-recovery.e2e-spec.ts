import { existsSync } from 'node:fs';

import { createConnection, type Connection } from 'mysql2/promise';

import { expectJobSuccess } from '../backup-api/support/api-expectations';
import { waitForOperationOfJob } from '../backup-api/support/operation-probe';
import { randomApiKeys } from '../support/api-keys';
import { SignedClient } from '../support/signed-client';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTempDir, TEST_ENCRYPTION_KEY } from '../support/test-server';
import { BUILT_SERVER, findFreePort, ServerProcess } from './support/server-process';

const INTERRUPTED_RESTORE =
  'The management server running this restore stopped before it finished; the VM may be partly restored. ' +
  'Check the VM and restore it again if needed';

/**
 * A backup job running when the server dies is not left pending forever: the built server is
 * killed (SIGKILL, no shutdown hooks) in the middle of a slow restore and started again, and
 * `queryAsyncJobResult` then reports the job as failed with a clear message. The restore is never
 * run a second time, the backup is usable again and the VM is released.
 */
describe('async job recovery after the server is killed during a restore (built server, MariaDB)', () => {
  let database: TestDatabase;
  let dataDir: { path: string; remove(): void };
  let probe: Connection;
  let server: ServerProcess | undefined;
  let env: Record<string, string>;
  let admin: SignedClient;

  beforeAll(async () => {
    expect(existsSync(BUILT_SERVER)).toBe(true);
    database = await createTestDatabase();
    dataDir = createTempDir();
    probe = await createConnection({ uri: database.url });
    const port = await findFreePort();
    const keys = randomApiKeys();
    env = {
      DATABASE_URL: database.url,
      PORT: String(port),
      CSBR_DATA_DIR: dataDir.path,
      CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      CSBR_ADMIN_PASSWORD: 'test-admin-password',
      CSBR_ADMIN_API_KEY: keys.apiKey,
      CSBR_ADMIN_SECRET_KEY: keys.secretKey,
      CSBR_SYNC_ENABLED: 'false',
      CSBR_LOG_LEVEL: 'info',
    };
    admin = new SignedClient(`http://127.0.0.1:${port}`, keys.apiKey, keys.secretKey);
  });

  afterAll(async () => {
    await server?.stop();
    await probe?.end();
    await database?.drop();
    dataDir?.remove();
  });

  it('marks the interrupted restore failed when the server comes back', async () => {
    server = await ServerProcess.start(env);

    const zone = (await admin.call('createZone', {
      name: 'zone1',
      dns1: '8.8.8.8',
      internaldns1: '10.0.0.1',
      networktype: 'Advanced',
    })).body.zone as { id: string };
    await configure('backup.framework.enabled', 'true', zone.id);
    await configure('backup.framework.provider.plugin', 'dummy', zone.id);
    const vm = expectJobSuccess(
      await admin.runJob('deployVirtualMachine', { zoneid: zone.id, name: 'victim', startvm: false }),
    ).virtualmachine as { id: string; state: string };
    expect(vm.state).toBe('Stopped');
    const policy = expectJobSuccess(
      await admin.runJob('importBackupPolicy', {
        zoneid: zone.id,
        externalid: 'gold-policy',
        name: 'Gold',
        description: 'Gold policy',
      }),
    ).backuppolicy as { id: string };
    expectJobSuccess(await admin.runJob('assignBackupPolicy', { virtualmachineid: vm.id, policyid: policy.id }));
    const backup = expectJobSuccess(await admin.runJob('createBackup', { virtualmachineid: vm.id })).backup as {
      id: string;
    };

    // A restore that would take ten minutes: it is surely running when the process dies.
    await configure('backup.plugin.dummy.latency.ms', '600000', zone.id);
    const submitted = await admin.call('restoreBackup', { id: backup.id });
    const jobId = submitted.body.jobid as string;
    // The restore recorded its operation and waits for the provider.
    await waitForOperationOfJob(probeQuery, jobId);
    expect((await admin.call('queryAsyncJobResult', { jobid: jobId })).body.jobstatus).toBe(0);

    await server.kill();
    server = await ServerProcess.start(env);

    const job = (await admin.call('queryAsyncJobResult', { jobid: jobId })).body;
    expect(job).toMatchObject({
      jobid: jobId,
      jobstatus: 2,
      jobresultcode: 530,
      jobresult: { errorcode: 530, errortext: INTERRUPTED_RESTORE },
    });
    const [operations] = await probe.query('SELECT COUNT(*) AS n FROM op_backup_operation');
    expect(operations).toEqual([{ n: 0 }]);
    const [backups] = await probe.query('SELECT status FROM backups WHERE uuid = ?', [backup.id]);
    expect(backups).toEqual([{ status: 'BackedUp' }]);

    // The VM is free for backup operations again.
    await configure('backup.plugin.dummy.latency.ms', '0', zone.id);
    expectJobSuccess(await admin.runJob('restoreBackup', { id: backup.id }));
  });

  async function probeQuery(sql: string, params: readonly unknown[]): Promise<Record<string, unknown>[]> {
    const [rows] = await probe.query(sql, [...params] as (string | number)[]);
    return rows as Record<string, unknown>[];
  }

  async function configure(name: string, value: string, zoneId: string): Promise<void> {
    const reply = await admin.call('updateConfiguration', { name, value, zoneid: zoneId });
    expect(reply).toMatchObject({ status: 200, body: { configuration: expect.objectContaining({ name, value }) } });
  }
});

import { startVeeamSimulator, type VeeamSimulator } from '@csbr/veeam-simulator';

import { type BackupApiEnv, startBackupApiEnv } from '../backup-api/support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from '../backup-api/support/backup-seeder';
import { type JobReply, type SignedClient } from '../support/signed-client';

/** Tables an operation that failed at its provider must leave as they were (jobs and events record the failure). */
const RECORD_TABLES = ['backups', 'backup_policy', 'backup_policy_vm_map', 'vm_instance', 'volumes', 'op_backup_vm_guard', 'op_backup_operation'];

/**
 * Issue 12, provider faults: slow, failing, hanging and garbage-answering providers, through the
 * dummy's zone test settings (`backup.plugin.dummy.fail.operations`, `latency.ms`) and the Veeam
 * simulator's HTTP and session faults. Each ends as a job error that says what went wrong (never
 * the generic internal error), the backup record is as it was, and a healthy zone next to it keeps
 * taking backups at the same time.
 */
describe('provider faults end as clear job errors and stay in their zone (MariaDB, dummy, Veeam simulator)', () => {
  let env: BackupApiEnv;
  let veeam: VeeamSimulator;
  let owner: SeededAccount;
  let client: SignedClient;
  let faulty: SeededZone;
  let healthy: SeededZone;
  let veeamZone: SeededZone;
  let faultyVm: SeededVm;
  let healthyVm: SeededVm;
  let veeamVm: SeededVm;

  beforeAll(async () => {
    veeam = await startVeeamSimulator({ personality: '13', port: 0, seed: 'demo' });
    env = await startBackupApiEnv();
    owner = await env.seed.account('fault-owner');
    client = env.clientFor(owner);
    faulty = await env.seed.zone('zone-faulty');
    healthy = await env.seed.zone('zone-healthy');
    veeamZone = await env.seed.zone('zone-veeam');
    await env.enableZone(faulty);
    await env.enableZone(healthy);
    for (const [name, value] of [
      ['backup.framework.enabled', 'true'],
      ['backup.framework.provider.plugin', 'veeam'],
      ['backup.plugin.veeam.url', `${veeam.url}/api/`],
      ['backup.plugin.veeam.username', 'administrator'],
      ['backup.plugin.veeam.password', veeam.users[0]!.password],
      ['backup.plugin.veeam.ca.certificate', veeam.caCertificate],
      ['backup.plugin.veeam.task.poll.interval', '0.05'],
    ] as const) {
      await env.admin.ok('updateConfiguration', { name, value, zoneid: veeamZone.uuid });
    }
    const gold = veeam.controls.listJobs().find((job) => job.name === 'Gold')!.id;
    const policies = {
      faulty: await env.importPolicy(faulty, 'gold-policy', 'Gold A'),
      healthy: await env.importPolicy(healthy, 'gold-policy', 'Gold B'),
      veeam: await env.importPolicy(veeamZone, gold, 'Veeam Gold'),
    };
    faultyVm = await env.seed.vm('faulty-vm', faulty, owner, 'Stopped');
    healthyVm = await env.seed.vm('healthy-vm', healthy, owner, 'Stopped');
    veeamVm = await env.seed.vm('veeam-vm', veeamZone, owner, 'Stopped');
    const [row] = await env.query<{ name: string }>('SELECT instance_name AS name FROM vm_instance WHERE uuid = ?', [veeamVm.uuid]);
    veeam.controls.addVm({ name: row!.name, diskSizesGb: [8, 20] });
    await client.jobResult('assignBackupPolicy', { virtualmachineid: faultyVm.uuid, policyid: policies.faulty });
    await client.jobResult('assignBackupPolicy', { virtualmachineid: healthyVm.uuid, policyid: policies.healthy });
    await client.jobResult('assignBackupPolicy', { virtualmachineid: veeamVm.uuid, policyid: policies.veeam });
  }, 60_000);

  afterAll(async () => {
    await env?.close();
    await veeam?.close();
  });

  afterEach(async () => {
    veeam.controls.clearFaults();
    for (const key of ['backup.plugin.dummy.fail.operations', 'backup.plugin.dummy.latency.ms', 'backup.framework.timeout.backup']) {
      await env.query('DELETE FROM data_center_details WHERE name = ?', [key]);
    }
  });

  async function checksums(): Promise<Record<string, string>> {
    const rows = await env.query<{ Table: string; Checksum: string | number | null }>(`CHECKSUM TABLE ${RECORD_TABLES.join(', ')}`);
    return Object.fromEntries(rows.map((row) => [row.Table.split('.').pop() ?? row.Table, String(row.Checksum)]));
  }

  /**
   * Runs a backup of `vm` under the fault while the healthy zone takes one too; the faulty one must fail
   * with `expected`, change no record, and the healthy one succeed meanwhile.
   */
  async function expectContainedFailure(vm: SeededVm, expected: RegExp): Promise<JobReply> {
    const before = await checksums();
    const submitted = await client.call('createBackup', { virtualmachineid: vm.uuid });
    expect(submitted.status).toBe(200);
    const healthyBackup = await client.runJob('createBackup', { virtualmachineid: healthyVm.uuid });
    expect({ zone: 'healthy', status: healthyBackup.jobstatus }).toEqual({ zone: 'healthy', status: 1 });
    const failed = await client.waitForJob(submitted.body.jobid as string, 60_000);
    expect(failed.jobstatus).toBe(2);
    const errorText = String(failed.jobresult.errortext);
    expect(errorText).toMatch(expected);
    expect(errorText).not.toContain('Internal error executing command');
    // The healthy zone's backup is the only change to the record.
    await client.jobResult('deleteBackup', { id: healthyBackup.jobresult.backup.id as string, forced: true });
    const after = await checksums();
    expect(Object.keys(after).filter((table) => table !== 'backups' && after[table] !== before[table])).toEqual([]);
    const [left] = await env.query<{ n: string }>("SELECT COUNT(*) AS n FROM backups WHERE vm_id = ? AND status <> 'Error' AND removed IS NULL", [vm.id]);
    expect(Number(left?.n)).toBe(0);
    return failed;
  }

  it('dummy: a failing takeBackup ends as its error', async () => {
    await env.configure('backup.plugin.dummy.fail.operations', 'takeBackup', faulty);
    await expectContainedFailure(faultyVm, /Dummy provider injected failure in takeBackup/);
  });

  it('dummy: a provider slower than the zone timeout is cancelled with the timeout named', async () => {
    await env.configure('backup.plugin.dummy.latency.ms', '3000', faulty);
    await env.configure('backup.framework.timeout.backup', '1', faulty);
    await expectContainedFailure(faultyVm, /did not finish in 1 seconds? \(backup\.framework\.timeout\.backup\)/);
  });

  it('dummy: a slow provider within its timeout still succeeds, and the healthy zone does not wait for it', async () => {
    await env.configure('backup.plugin.dummy.latency.ms', '1500', faulty);
    const started = Date.now();
    const slow = await client.call('createBackup', { virtualmachineid: faultyVm.uuid });
    const quick = await client.runJob('createBackup', { virtualmachineid: healthyVm.uuid });
    const quickMs = Date.now() - started;
    const done = await client.waitForJob(slow.body.jobid as string);
    expect({ quick: quick.jobstatus, slow: done.jobstatus }).toEqual({ quick: 1, slow: 1 });
    expect(quickMs).toBeLessThan(1500);
    for (const job of [quick, done]) await client.jobResult('deleteBackup', { id: job.jobresult.backup.id as string, forced: true });
  });

  it('Veeam: an HTTP 500 on StartJob ends as Veeam’s error', async () => {
    veeam.controls.injectFault({ operation: 'StartJob', status: 500, message: 'Simulated Veeam outage' });
    await expectContainedFailure(veeamVm, /\S{8,}/);
  });

  it('Veeam: a garbage (truncated JSON) answer ends as a clear error', async () => {
    veeam.controls.injectFault({ operation: 'StartJob', malformedBody: true });
    await expectContainedFailure(veeamVm, /\S{8,}/);
  });

  it('Veeam: a dropped connection ends as a clear error', async () => {
    veeam.controls.injectFault({ operation: 'StartJob', reset: true });
    await expectContainedFailure(veeamVm, /\S{8,}/);
  });

  it('Veeam: a backup session that hangs is cut at the zone timeout', async () => {
    await env.configure('backup.framework.timeout.backup', '1', veeamZone);
    veeam.controls.injectSessionFault({ outcome: 'Hang' });
    // Whichever sees the deadline first says so: the Veeam provider (naming the VM) or the framework (naming the setting).
    await expectContainedFailure(
      veeamVm,
      /Veeam had not finished the backup of VM i-\d+-veeam-vm-VM after \d+ seconds?, when the operation's time ran out|did not finish in 1 seconds? \(backup\.framework\.timeout\.backup\)/,
    );
  });

  it('Veeam: a backup session that ends Failed is reported as failed', async () => {
    veeam.controls.injectSessionFault({ outcome: 'Failed' });
    await expectContainedFailure(veeamVm, /\S{8,}/);
  });
});

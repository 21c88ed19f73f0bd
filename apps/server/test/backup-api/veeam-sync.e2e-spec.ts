import { startVeeamSimulator, type VeeamSimulator } from '@csbr/veeam-simulator';
import { Agent, request } from 'undici';

import { expectJobSuccess } from './support/api-expectations';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';

/**
 * The server's background sync in a zone set to `veeam`, on MariaDB: backups Veeam makes on its
 * own (scheduled runs) appear, points Veeam's retention removes go, and a sync with nothing new
 * writes nothing, through the provider's zone-wide feed (never one call per VM).
 */
describe('background sync in a Veeam zone (MariaDB, VBR simulator)', () => {
  let env: BackupApiEnv;
  let veeam: VeeamSimulator;
  let zone: SeededZone;
  let alice: SeededAccount;
  let vm: SeededVm;
  let token: string;
  const jobName = () => `i-${alice.id}-synced-VM-CSBKP-${vm.uuid}`;

  beforeAll(async () => {
    veeam = await startVeeamSimulator({ personality: '13', port: 0, seed: 'demo' });
    env = await startBackupApiEnv();
    zone = await env.seed.zone('veeam-zone');
    alice = await env.seed.account('alice');
    vm = await env.seed.vm('synced', zone, alice);
    veeam.controls.addVm({ name: `i-${alice.id}-synced-VM` });
    for (const [name, value] of [
      ['backup.framework.enabled', 'true'],
      ['backup.framework.provider.plugin', 'veeam'],
      ['backup.plugin.veeam.url', veeam.url],
      ['backup.plugin.veeam.password', veeam.users[0]!.password],
      ['backup.plugin.veeam.ca.certificate', veeam.caCertificate],
      ['backup.plugin.veeam.task.poll.interval', '0.05'],
      ['backup.plugin.veeam.page.size', '10'],
      ['backup.plugin.veeam.sync.sweep.interval', '0'],
    ] as const) {
      await env.configure(name, value, zone);
    }
    const silver = veeam.controls.getJob('Silver')!;
    const policyUuid = await env.importPolicy(zone, silver.id, 'Silver');
    expectJobSuccess(await env.clientFor(alice).runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: policyUuid }));
    token = await veeamToken();
  });

  afterAll(async () => {
    await env?.close();
    await veeam?.close();
  });

  /** A run of the VM's job that Veeam starts on its own (its schedule), to its end. */
  async function scheduledRun(): Promise<void> {
    const job = veeam.controls.getJob(jobName())!;
    const response = await request(`${veeam.url}/api/v1/jobs/${job.id}/start`, {
      method: 'POST',
      dispatcher: new Agent({ connect: { ca: veeam.caCertificate } }),
      headers: { 'x-api-version': '1.3-rev2', authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    await response.body.text();
    expect(response.statusCode).toBe(201);
    veeam.controls.finishSessions();
  }

  async function veeamToken(): Promise<string> {
    const response = await request(`${veeam.url}/api/oauth2/token`, {
      method: 'POST',
      dispatcher: new Agent({ connect: { ca: veeam.caCertificate } }),
      headers: { 'x-api-version': '1.3-rev2', 'content-type': 'application/x-www-form-urlencoded' },
      body: `grant_type=password&username=administrator&password=${encodeURIComponent(veeam.users[0]!.password)}`,
    });
    return ((await response.body.json()) as { access_token: string }).access_token;
  }

  async function activeExternalIds(): Promise<string[]> {
    const rows = await env.query('SELECT external_id FROM backups WHERE vm_id = ? AND removed IS NULL ORDER BY date, id', [vm.id]);
    return rows.map((row) => String(row.external_id));
  }

  const veeamPointIds = () =>
    veeam.controls.listRestorePoints({ backupId: veeam.controls.getJob(jobName())!.backupId }).map((point) => point.id);

  it('records the backups Veeam made on its own, with the VM\'s policy and owner', async () => {
    for (let run = 0; run < 3; run++) await scheduledRun();

    const report = await env.runSync();

    expect(report).toMatchObject({ zones: 1, vms: 1, created: 3, removed: 0, failed: 0 });
    expect(await activeExternalIds()).toEqual(veeamPointIds());
    const [row] = await env.query('SELECT type, status, account_id, zone_id FROM backups WHERE vm_id = ? ORDER BY id LIMIT 1', [vm.id]);
    expect(row).toMatchObject({ type: 'Full', status: 'BackedUp', account_id: alice.id, zone_id: zone.id });
  });

  it('removes the rows of points that Veeam\'s retention removed, found by the sweep', async () => {
    // Silver keeps 7 points: 6 more runs push the first 2 out.
    for (let run = 0; run < 6; run++) await scheduledRun();
    expect(veeamPointIds()).toHaveLength(7);

    const report = await env.runSync();

    expect(report).toMatchObject({ created: 6, removed: 2, failed: 0 });
    expect(await activeExternalIds()).toEqual(veeamPointIds());
  });

  it('writes no backup row when nothing changed in Veeam', async () => {
    const before = await env.query('SELECT * FROM backups WHERE vm_id = ? ORDER BY id', [vm.id]);
    veeam.controls.clearRequestLog();

    const report = await env.runSync();

    expect(report).toMatchObject({ created: 0, removed: 0, failed: 0 });
    expect(await env.query('SELECT * FROM backups WHERE vm_id = ? ORDER BY id', [vm.id])).toEqual(before);
    // Zone-wide listings only: no listing of the VM's own restore points.
    expect(Object.keys(veeam.controls.requestCounts()).sort()).toEqual(
      ['GetAllBackupObjects', 'GetAllBackups', 'GetAllObjectRestorePoints'].sort(),
    );
  });
});

import { expectJobSuccess } from '../backup-api/support/api-expectations';
import { type BackupApiEnv, startBackupApiEnv } from '../backup-api/support/backup-api-env';
import { createDummyZoneOverApi } from '../support/dummy-zone';
import { type SignedClient } from '../support/signed-client';
import { scrape } from './support/prometheus-text';

/**
 * `GET /metrics` of a real server on MariaDB, parsed with a Prometheus text parser, after a backup
 * lifecycle driven over HTTP: every number is checked against what the lifecycle did.
 */
describe('GET /metrics (MariaDB)', () => {
  let env: BackupApiEnv;
  let admin: SignedClient;
  let zoneId: string;
  let vmId: string;
  let backupId: string;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    admin = env.admin;
  });

  afterAll(async () => {
    await env?.close();
  });

  it('is served without a signature, outside /client/api, in the text format', async () => {
    const metrics = await scrape(env.server.url);
    for (const name of [
      'csbr_api_request_duration_seconds',
      'csbr_job_duration_seconds',
      'csbr_provider_call_duration_seconds',
      'csbr_sync_duration_seconds',
      'csbr_sync_restore_points_added_total',
      'csbr_sync_restore_points_removed_total',
      'csbr_sync_failures_total',
      'csbr_jobs',
      'csbr_zone_protected_vms',
      'csbr_zone_vms_backup_stale',
      'csbr_zone_vms_never_backed_up',
    ]) {
      expect(metrics.family(name).help).not.toBe('');
    }
    expect(metrics.family('csbr_api_request_duration_seconds').type).toBe('HISTOGRAM');
    expect(metrics.family('csbr_jobs').type).toBe('GAUGE');
    expect(metrics.value('csbr_jobs', { state: 'queued' })).toBe(0);
    expect(metrics.value('csbr_jobs', { state: 'running' })).toBe(0);
  });

  it('counts a backup lifecycle: requests, jobs, provider calls, protected VMs', async () => {
    zoneId = await createDummyZoneOverApi(admin);
    vmId = (expectJobSuccess(await admin.runJob('deployVirtualMachine', { zoneid: zoneId, name: 'vm1', startvm: false })).virtualmachine as { id: string }).id;
    const policyId = (expectJobSuccess(
      await admin.runJob('importBackupPolicy', { zoneid: zoneId, externalid: 'gold-policy', name: 'Gold', description: 'Gold' }),
    ).backuppolicy as { id: string }).id;
    expectJobSuccess(await admin.runJob('assignBackupPolicy', { virtualmachineid: vmId, policyid: policyId }));

    const assigned = await scrape(env.server.url);
    expect(assigned.value('csbr_zone_protected_vms', { zone: zoneId })).toBe(1);
    expect(assigned.value('csbr_zone_vms_never_backed_up', { zone: zoneId })).toBe(1);
    expect(assigned.value('csbr_zone_vms_backup_stale', { zone: zoneId })).toBe(0);

    backupId = (expectJobSuccess(await admin.runJob('createBackup', { virtualmachineid: vmId })).backup as { id: string }).id;
    expectJobSuccess(await admin.runJob('restoreBackup', { id: backupId }));
    const refused = await admin.call('restoreBackup', { id: 'not-a-uuid' });
    expect(refused.status).toBe(431);
    await admin.call('noSuchCommand' + 'x'.repeat(20));

    const metrics = await scrape(env.server.url);
    const api = 'csbr_api_request_duration_seconds';
    expect(metrics.count(api, { command: 'createBackup', result: 'success' })).toBe(1);
    expect(metrics.count(api, { command: 'restoreBackup', result: 'success' })).toBe(1);
    expect(metrics.count(api, { command: 'restoreBackup', result: '431' })).toBe(1);
    // Unknown commands share one label value, so no client can grow the series.
    expect(metrics.count(api, { command: 'unknown' })).toBe(1);
    expect(metrics.labelSets(api).map((labels) => labels.command)).not.toContain('noSuchCommand' + 'x'.repeat(20));

    const jobs = 'csbr_job_duration_seconds';
    expect(metrics.count(jobs, { command: 'createBackup', result: 'succeeded' })).toBe(1);
    expect(metrics.count(jobs, { command: 'restoreBackup', result: 'succeeded' })).toBe(1);
    expect(metrics.count(jobs, { command: 'assignBackupPolicy', result: 'succeeded' })).toBe(1);
    expect(metrics.value('csbr_jobs', { state: 'queued' })).toBe(0);
    expect(metrics.value('csbr_jobs', { state: 'running' })).toBe(0);

    const calls = 'csbr_provider_call_duration_seconds';
    expect(metrics.count(calls, { provider: 'dummy', operation: 'backup', result: 'success' })).toBe(1);
    expect(metrics.count(calls, { provider: 'dummy', operation: 'restore', result: 'success' })).toBe(1);
    expect(metrics.count(calls, { provider: 'dummy', operation: 'assign', result: 'success' })).toBe(1);

    expect(metrics.value('csbr_zone_protected_vms', { zone: zoneId })).toBe(1);
    expect(metrics.value('csbr_zone_vms_never_backed_up', { zone: zoneId })).toBe(0);
    expect(metrics.value('csbr_zone_vms_backup_stale', { zone: zoneId })).toBe(0);
    // No label anywhere names a VM or a backup.
    const text = await (await fetch(`${env.server.url}/metrics`)).text();
    expect(text).not.toContain(vmId);
    expect(text).not.toContain(backupId);
  });

  it('counts a failed provider call and a failed job by error code', async () => {
    await admin.ok('updateConfiguration', { name: 'backup.plugin.dummy.fail.operations', value: 'takeBackup', zoneid: zoneId });
    const failed = await admin.runJob('createBackup', { virtualmachineid: vmId });
    expect(failed.jobstatus).toBe(2);
    await admin.ok('updateConfiguration', { name: 'backup.plugin.dummy.fail.operations', value: '', zoneid: zoneId });

    const metrics = await scrape(env.server.url);
    expect(metrics.count('csbr_job_duration_seconds', { command: 'createBackup', result: 'failed' })).toBe(1);
    const failures = metrics
      .labelSets('csbr_provider_call_duration_seconds')
      .filter((labels) => labels.operation === 'backup' && labels.result !== 'success');
    expect(failures).toEqual([{ provider: 'dummy', operation: 'backup', result: expect.any(String) }]);
    expect(metrics.count('csbr_provider_call_duration_seconds', failures[0])).toBe(1);
  });

  it('reports a VM whose last backup is older than csbr.metrics.backup.stale.hours as stale', async () => {
    await admin.ok('updateConfiguration', { name: 'csbr.metrics.backup.stale.hours', value: '24' });
    await env.query('UPDATE backups SET date = ? WHERE uuid = ?', [new Date(Date.now() - 25 * 3_600_000), backupId]);
    const stale = await scrape(env.server.url);
    expect(stale.value('csbr_zone_vms_backup_stale', { zone: zoneId })).toBe(1);

    await admin.ok('updateConfiguration', { name: 'csbr.metrics.backup.stale.hours', value: '48' });
    const fresh = await scrape(env.server.url);
    expect(fresh.value('csbr_zone_vms_backup_stale', { zone: zoneId })).toBe(0);
    expect(fresh.value('csbr_zone_protected_vms', { zone: zoneId })).toBe(1);
  });

  it('reports each zone sync: duration, restore points added and removed, failures', async () => {
    const report = await env.runSync();
    expect(report.zones).toBe(1);
    const metrics = await scrape(env.server.url);
    expect(metrics.count('csbr_sync_duration_seconds', { zone: zoneId, provider: 'dummy' })).toBe(1);
    // The dummy keeps no restore-point list (it records each backup as it is taken): nothing to add or remove.
    expect(metrics.value('csbr_sync_restore_points_added_total', { zone: zoneId })).toBe(report.created);
    expect(metrics.value('csbr_sync_restore_points_removed_total', { zone: zoneId })).toBe(report.removed);
    expect(metrics.value('csbr_sync_failures_total', { zone: zoneId, kind: 'vm' })).toBe(report.failed);
    expect(metrics.value('csbr_sync_failures_total', { zone: zoneId, kind: 'run' })).toBe(0);
    expect(metrics.count('csbr_provider_call_duration_seconds', { provider: 'dummy', operation: 'metrics', result: 'success' })).toBe(1);
  });
});

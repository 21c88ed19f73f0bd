import { accessSync, constants } from 'node:fs';

import { startVeeamSimulator, type VeeamSimulator } from '@csbr/veeam-simulator';

import { type ApiKeyPair, randomApiKeys } from '../support/api-keys';
import { CLOUDSTACK_CLI, type CliResult, runCloudstack } from '../support/cloudstack-cli';
import { type JsonBody } from '../support/json-body';
import { type FreshServer, startFreshServer } from '../support/fresh-server';

/**
 * The seed's backup lifecycle in a zone set to `veeam`, driven only through Debian's `cloudstack`
 * CLI against the running server, with Veeam played by the VBR simulator over TLS (its certificate
 * trusted through the zone's `backup.plugin.veeam.ca.certificate`, verification on). Every step
 * checks what the CLI printed and what Veeam now holds.
 */
describe.each(['13', '12'] as const)('backup lifecycle in a Veeam zone (VBR %s) through the cloudstack CLI', (personality) => {
  let fresh: FreshServer;
  let veeam: VeeamSimulator;
  const admin: ApiKeyPair = randomApiKeys();
  const state: { zoneId?: string; vmId?: string; instanceName?: string; dataVolumeId?: string; goldJobId?: string; policyId?: string; backupId?: string } = {};

  beforeAll(async () => {
    accessSync(CLOUDSTACK_CLI, constants.X_OK);
    veeam = await startVeeamSimulator({ personality, port: 0, seed: 'demo' });
    fresh = await startFreshServer({}, admin);
  });

  afterAll(async () => {
    await fresh?.close();
    await veeam?.close();
  });

  const cli = (command: string, params?: Record<string, string | number | boolean>) => runCloudstack(fresh.url, admin, command, params);

  function ok(result: CliResult): JsonBody {
    if (result.exitCode !== 0) throw new Error(`cloudstack failed (${result.exitCode}): ${JSON.stringify(result.json)} ${result.stderr}`);
    return result.json;
  }

  /** The job result of a failed async command. */
  function failed(result: CliResult): JsonBody {
    expect(result.exitCode).not.toBe(0);
    return result.json.queryasyncjobresultresponse.jobresult;
  }

  const setting = (name: string, value: string) => cli('updateConfiguration', { name, value, zoneid: state.zoneId! });

  it('a zone with a VM that vCenter knows by its instance name', async () => {
    state.zoneId = ok(await cli('createZone', { name: 'veeam-zone', dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced' })).zone.id;
    const vm = ok(await cli('deployVirtualMachine', { zoneid: state.zoneId!, name: 'db-vm', size: 20 })).virtualmachine;
    state.vmId = vm.id;
    state.instanceName = vm.instancename;
    expect(state.instanceName).toMatch(/^i-\d+-\d+-VM$/);
    veeam.controls.addVm({ name: state.instanceName!, diskSizesGb: [20, 10] });
    const volumes = ok(await cli('listVolumes', { virtualmachineid: state.vmId! }));
    state.dataVolumeId = volumes.volume.find((volume: { type: string }) => volume.type === 'DATADISK').id;
  });

  it('admin sets the zone to veeam with its URL, credentials and CA certificate', async () => {
    for (const [name, value] of [
      ['backup.framework.enabled', 'true'],
      ['backup.framework.provider.plugin', 'veeam'],
      ['backup.plugin.veeam.url', `${veeam.url}/api/`],
      ['backup.plugin.veeam.username', 'administrator'],
      ['backup.plugin.veeam.password', veeam.users[0]!.password],
      ['backup.plugin.veeam.ca.certificate', veeam.caCertificate],
      ['backup.plugin.veeam.task.poll.interval', '0.05'],
      // The server does not model hosts and pools: volume restores go here.
      ['backup.plugin.veeam.restore.host', 'esx02.sim.local'],
      ['backup.plugin.veeam.restore.datastore', 'datastore2'],
    ] as const) {
      ok(await setting(name, value));
    }
    const password = ok(await cli('listConfigurations', { name: 'backup.plugin.veeam.password', zoneid: state.zoneId! }));
    expect(JSON.stringify(password)).not.toContain(veeam.users[0]!.password);
  });

  it("lists Veeam's template jobs as external policies and imports one", async () => {
    const jobs = veeam.controls.listJobs();
    const idOf = (name: string) => jobs.find((job) => job.name === name)!.id;
    expect(ok(await cli('listBackupPolicies', { external: true, zoneid: state.zoneId! }))).toEqual({
      count: 3,
      backuppolicy: [
        { externalid: idOf('Gold'), name: 'Gold', description: 'Gold policy: 14 restore points', zoneid: state.zoneId },
        { externalid: idOf('Silver'), name: 'Silver', description: 'Silver policy: 7 restore points', zoneid: state.zoneId },
        { externalid: idOf('db-01-nightly'), name: 'db-01-nightly', description: 'Nightly backup of db-01', zoneid: state.zoneId },
      ],
    });
    state.goldJobId = idOf('Gold');
    const imported = ok(await cli('importBackupPolicy', { zoneid: state.zoneId!, externalid: state.goldJobId, name: 'Gold', description: 'Veeam Gold' }));
    expect(imported.backuppolicy).toMatchObject({ name: 'Gold', externalid: state.goldJobId, zoneid: state.zoneId });
    state.policyId = imported.backuppolicy.id;
  });

  it('assigns the VM: Veeam gets its own enabled, scheduled job with the VM', async () => {
    expect(ok(await cli('assignBackupPolicy', { virtualmachineid: state.vmId!, policyid: state.policyId! }))).toEqual({ success: true });
    const job = veeam.controls.listJobs().find((candidate) => candidate.name.startsWith(`${state.instanceName}-CSBKP-`));
    expect(job).toMatchObject({ name: `${state.instanceName}-CSBKP-${state.vmId}`, isDisabled: false, runAutomatically: true, vmNames: [state.instanceName] });
  });

  it('takes an ad-hoc backup, which appears in listBackups', async () => {
    const created = ok(await cli('createBackup', { virtualmachineid: state.vmId! }));
    expect(created.backup).toMatchObject({ virtualmachineid: state.vmId, type: 'Full', status: 'BackedUp', policyid: state.policyId, zoneid: state.zoneId });
    state.backupId = created.backup.id;
    const points = veeam.controls.listRestorePoints({ vmObjectId: veeam.controls.listVms({ name: state.instanceName! })[0]!.objectId });
    expect(points).toHaveLength(1);
    expect(new Date(created.backup.created).getTime()).toBe(Math.floor(new Date(points[0]!.creationTime).getTime() / 1000) * 1000);
    expect(ok(await cli('listBackups', { virtualmachineid: state.vmId! }))).toEqual({ count: 1, backup: [expect.objectContaining({ id: state.backupId })] });
  });

  it('restores the stopped VM in place, even when Veeam expires the token in the middle', async () => {
    expect(failed(await cli('restoreBackup', { id: state.backupId! }))).toEqual({
      errorcode: 530,
      errortext: 'Existing VM should be stopped before being restored from backup',
    });
    ok(await cli('stopVirtualMachine', { id: state.vmId! }));
    veeam.controls.setSessionTiming({ workingMs: 2500 });
    // Expire the token once Veeam runs the restore session, while the server follows it: a fixed delay
    // after starting the CLI could fire before the restore even reached Veeam on a busy machine.
    const restoresBefore = veeam.controls.listSessions({ type: 'RestoreVm' }).length;
    let restoreDone = false;
    const expiring = (async () => {
      while (!restoreDone) {
        if (veeam.controls.listSessions({ type: 'RestoreVm' }).length > restoresBefore) {
          veeam.controls.expireAccessTokens();
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    try {
      expect(ok(await cli('restoreBackup', { id: state.backupId! }))).toEqual({ success: true });
    } finally {
      restoreDone = true;
      await expiring;
      veeam.controls.setSessionTiming({ workingMs: 200 });
    }
    expect(veeam.controls.listVms({ name: state.instanceName! })[0]).toMatchObject({ restoredInPlace: 1 });
    expect(veeam.controls.requestCounts()['GetSession']?.byStatus['401']).toBe(1);
  });

  it('restores a volume: the whole VM under a temporary name on the zone\'s restore host and datastore', async () => {
    const restored = ok(await cli('restoreBackupVolume', { id: state.backupId!, volumeid: state.dataVolumeId!, virtualmachineid: state.vmId! }));
    expect(restored.volume).toMatchObject({ type: 'DATADISK', virtualmachineid: state.vmId, state: 'Ready', size: 20 * 1024 ** 3 });
    const temporary = veeam.controls.listVms().filter((vm) => vm.name.startsWith('CS-RSTR-'));
    expect(temporary).toEqual([expect.objectContaining({ hostName: 'esx02.sim.local', datastoreName: 'datastore2', powerState: 'PoweredOff' })]);
  });

  it('deletes the backup only with forced=true, and Veeam drops the chain', async () => {
    expect(failed(await cli('deleteBackup', { id: state.backupId! }))).toMatchObject({
      errorcode: 431,
      errortext: expect.stringContaining('Use forced:true to skip this verification and remove the complete backup chain.'),
    });
    expect(ok(await cli('deleteBackup', { id: state.backupId!, forced: true }))).toEqual({ success: true });
    expect(ok(await cli('listBackups', { virtualmachineid: state.vmId! }))).toEqual({});
    const vmObjectId = veeam.controls.listVms({ name: state.instanceName! })[0]!.objectId;
    expect(veeam.controls.listRestorePoints({ vmObjectId })).toEqual([]);
  });

  it('removes the VM from its policy only with forced=true: its Veeam job and backups go', async () => {
    ok(await cli('createBackup', { virtualmachineid: state.vmId! }));
    const unforced = failed(await cli('removeVMFromBackupPolicy', { virtualmachineid: state.vmId! }));
    expect(unforced.errorcode).toBe(431);
    expect(ok(await cli('removeVMFromBackupPolicy', { virtualmachineid: state.vmId!, forced: true }))).toEqual({ success: true });
    expect(veeam.controls.listJobs().some((job) => job.name.startsWith(`${state.instanceName}-CSBKP-`))).toBe(false);
    expect(veeam.controls.listBackups().some((backup) => backup.name.startsWith(`${state.instanceName}-CSBKP-`))).toBe(false);
    expect(ok(await cli('listBackups', { virtualmachineid: state.vmId! }))).toEqual({});
  });

  it('a Veeam failure reaches the user as a job error with Veeam\'s message, and changes nothing', async () => {
    veeam.controls.injectFault({ operation: 'GetAllJobs', status: 503, message: 'Veeam is upgrading.', times: 1 });
    const refused = await cli('listBackupPolicies', { external: true, zoneid: state.zoneId! });
    expect(refused.exitCode).not.toBe(0);
    expect(JSON.stringify(refused.json)).toContain('Veeam is upgrading.');

    expect(ok(await cli('assignBackupPolicy', { virtualmachineid: state.vmId!, policyid: state.policyId! }))).toEqual({ success: true });
    veeam.controls.injectSessionFault({ sessionType: 'BackupJob', outcome: 'Failed', message: 'Datastore is out of space.', times: 1 });
    expect(failed(await cli('createBackup', { virtualmachineid: state.vmId! }))).toMatchObject({
      errortext: `Veeam failed during the backup of VM ${state.instanceName}: Datastore is out of space.`,
    });
    expect(ok(await cli('listBackups', { virtualmachineid: state.vmId! }))).toEqual({});
  });
});

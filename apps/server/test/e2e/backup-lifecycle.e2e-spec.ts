import { accessSync, constants } from 'node:fs';

import { type FreshServer, startFreshServer } from '../support/fresh-server';
import { type ApiKeyPair, randomApiKeys } from '../support/api-keys';
import { CLOUDSTACK_CLI, cliOk, runCloudstack } from '../support/cloudstack-cli';

/**
 * The whole backup lifecycle of the issue, driven only through Debian's `cloudstack` CLI against
 * the running server on a fresh MariaDB database, as the root admin and as a user of another
 * account. Every step checks the body the CLI printed.
 */
describe('backup lifecycle through the cloudstack CLI (MariaDB)', () => {
  let fresh: FreshServer;
  const admin: ApiKeyPair = randomApiKeys();
  let user: ApiKeyPair;

  /** Facts the steps hand on to each other. */
  const state: {
    zoneId?: string;
    userAccountId?: string;
    vmId?: string;
    dataVolumeId?: string;
    goldId?: string;
    silverId?: string;
    backupId?: string;
  } = {};

  beforeAll(async () => {
    // The CLI is part of what is tested: without it this suite fails rather than skips.
    accessSync(CLOUDSTACK_CLI, constants.X_OK);
    fresh = await startFreshServer({}, admin);
  });

  afterAll(async () => {
    await fresh?.close();
  });

  const asAdmin = (command: string, params?: Record<string, string | number | boolean>) =>
    runCloudstack(fresh.url, admin, command, params);
  const asUser = (command: string, params?: Record<string, string | number | boolean>) =>
    runCloudstack(fresh.url, user, command, params);

  it('admin creates a zone, a second account with a user and its API keys', async () => {
    const zone = cliOk(
      await asAdmin('createZone', { name: 'zone1', dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced' }),
    );
    state.zoneId = zone.zone.id as string;
    expect(zone.zone).toMatchObject({ name: 'zone1' });

    const account = cliOk(
      await asAdmin('createAccount', {
        accounttype: 0,
        account: 'tenant',
        username: 'tenant-user',
        password: 'Tenant-Pass-1',
        email: 'tenant@example.com',
        firstname: 'Tenant',
        lastname: 'User',
      }),
    );
    expect(account.account).toMatchObject({ name: 'tenant', accounttype: 0 });
    state.userAccountId = account.account.id as string;
    const userId = account.account.user[0].id as string;

    const keys = cliOk(await asAdmin('registerUserKeys', { id: userId }));
    expect(keys.userkeys).toEqual({ apikey: expect.any(String), secretkey: expect.any(String) });
    user = { apiKey: keys.userkeys.apikey as string, secretKey: keys.userkeys.secretkey as string };
  });

  it('the user deploys a VM (an async create job the CLI follows)', async () => {
    const deployed = cliOk(await asUser('deployVirtualMachine', { zoneid: state.zoneId!, name: 'tenant-vm', size: 20 }));
    expect(deployed.virtualmachine).toMatchObject({ name: 'tenant-vm', state: 'Running', zoneid: state.zoneId });
    state.vmId = deployed.virtualmachine.id as string;

    const volumes = cliOk(await asUser('listVolumes', { virtualmachineid: state.vmId }));
    expect(volumes.count).toBe(2);
    state.dataVolumeId = (volumes.volume as { id: string; type: string }[]).find((volume) => volume.type === 'DATADISK')?.id;
    expect(state.dataVolumeId).toEqual(expect.any(String));
  });

  it('backup calls fail while the zone is disabled (the default)', async () => {
    const refused = await asAdmin('listBackupPolicies', { external: true, zoneid: state.zoneId! });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.json.listbackuppoliciesresponse).toMatchObject({
      errorcode: 530,
      errortext: 'Backup and Recovery feature is disabled for the zone',
    });
  });

  it('admin enables the zone with the dummy provider through updateConfiguration zoneid=', async () => {
    const enabled = cliOk(
      await asAdmin('updateConfiguration', { name: 'backup.framework.enabled', value: 'true', zoneid: state.zoneId! }),
    );
    expect(enabled.configuration).toMatchObject({ name: 'backup.framework.enabled', value: 'true' });
    cliOk(await asAdmin('updateConfiguration', { name: 'backup.framework.provider.plugin', value: 'dummy', zoneid: state.zoneId! }));

    const listed = cliOk(await asAdmin('listConfigurations', { name: 'backup.framework.enabled', zoneid: state.zoneId! }));
    expect(listed.configuration).toEqual([expect.objectContaining({ name: 'backup.framework.enabled', value: 'true' })]);
  });

  it('admin lists the providers; the user may not', async () => {
    expect(cliOk(await asAdmin('listBackupProviders'))).toEqual({
      count: 2,
      providers: [
        { name: 'dummy', description: 'Dummy Backup Plugin' },
        { name: 'veeam', description: 'Veeam Backup Plugin' },
      ],
    });
    const refused = await asUser('listBackupProviders');
    expect(refused.exitCode).not.toBe(0);
    expect(refused.json.listbackupprovidersresponse).toMatchObject({
      errorcode: 401,
      errortext: "The given command 'listBackupProviders' either does not exist, is not available for user.",
    });
  });

  it("admin lists the zone provider's external policies; the user may not", async () => {
    expect(cliOk(await asAdmin('listBackupPolicies', { external: true, zoneid: state.zoneId! }))).toEqual({
      count: 2,
      backuppolicy: [
        { externalid: 'gold-policy', name: 'Golden Policy', description: 'Gold description', zoneid: state.zoneId },
        { externalid: 'silver-policy', name: 'Silver Policy', description: 'Silver description', zoneid: state.zoneId },
      ],
    });
    const refused = await asUser('listBackupPolicies', { external: true, zoneid: state.zoneId! });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.json.listbackuppoliciesresponse).toMatchObject({
      errorcode: 531,
      errortext: 'Parameter external can only be specified by a Root Admin, permission denied',
    });
  });

  it('admin imports two policies (async jobs); the user may not import', async () => {
    const gold = cliOk(
      await asAdmin('importBackupPolicy', {
        zoneid: state.zoneId!,
        externalid: 'gold-policy',
        name: 'Gold',
        description: 'Daily backups',
      }),
    );
    expect(gold.backuppolicy).toMatchObject({
      name: 'Gold',
      description: 'Daily backups',
      externalid: 'gold-policy',
      zoneid: state.zoneId,
      zonename: 'zone1',
    });
    state.goldId = gold.backuppolicy.id as string;
    const silver = cliOk(
      await asAdmin('importBackupPolicy', {
        zoneid: state.zoneId!,
        externalid: 'silver-policy',
        name: 'Silver',
        description: 'Weekly backups',
      }),
    );
    state.silverId = silver.backuppolicy.id as string;

    const refused = await asUser('importBackupPolicy', {
      zoneid: state.zoneId!,
      externalid: 'silver-policy',
      name: 'Mine',
      description: 'mine',
    });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.json.importbackuppolicyresponse).toMatchObject({ errorcode: 401 });
  });

  it('both roles list the imported policies; admin deletes one', async () => {
    const listed = cliOk(await asUser('listBackupPolicies', { zoneid: state.zoneId! }));
    expect(listed.count).toBe(2);
    expect(listed.backuppolicy.map((policy: { id: string }) => policy.id)).toEqual([state.goldId, state.silverId]);

    expect(cliOk(await asAdmin('deleteBackupPolicy', { id: state.silverId! }))).toEqual({ success: true });
    const after = cliOk(await asAdmin('listBackupPolicies', { zoneid: state.zoneId! }));
    expect(after).toEqual({ count: 1, backuppolicy: [expect.objectContaining({ id: state.goldId, name: 'Gold' })] });
  });

  it('the user assigns the VM to a policy and sees the mapping', async () => {
    expect(cliOk(await asUser('assignBackupPolicy', { virtualmachineid: state.vmId!, policyid: state.goldId! }))).toEqual({
      success: true,
    });
    const mappings = cliOk(await asUser('listBackupPolicyVMMappings', { virtualmachineid: state.vmId! }));
    expect(mappings).toEqual({
      count: 1,
      backuppolicyvmmap: [
        expect.objectContaining({ policyid: state.goldId, virtualmachineid: state.vmId, zoneid: state.zoneId }),
      ],
    });
    const again = await asUser('assignBackupPolicy', { virtualmachineid: state.vmId!, policyid: state.goldId! });
    expect(again.exitCode).not.toBe(0);
    expect(again.json.queryasyncjobresultresponse).toMatchObject({
      jobstatus: 2,
      jobresult: {
        errorcode: 530,
        errortext: 'VM already is assigned to a backup policy, please remove the VM from its previous policy',
      },
    });
  });

  it('the user creates a backup and lists it; the admin sees it with listall', async () => {
    const created = cliOk(await asUser('createBackup', { virtualmachineid: state.vmId! }));
    expect(created.backup).toMatchObject({
      virtualmachineid: state.vmId,
      virtualmachinename: 'tenant-vm',
      type: 'FULL',
      status: 'BackedUp',
      size: 1024,
      virtualsize: 1024000,
      policyid: state.goldId,
      policyname: 'Gold',
      account: 'tenant',
      accountid: state.userAccountId,
      zoneid: state.zoneId,
      zone: 'zone1',
    });
    state.backupId = created.backup.id as string;
    expect(JSON.parse(created.backup.volumes as string)).toEqual(
      expect.arrayContaining([expect.objectContaining({ uuid: state.dataVolumeId, type: 'DATADISK' })]),
    );

    const listed = cliOk(await asUser('listBackups', { virtualmachineid: state.vmId! }));
    expect(listed).toEqual({ count: 1, backup: [expect.objectContaining({ id: state.backupId })] });
    const asRoot = cliOk(await asAdmin('listBackups', { virtualmachineid: state.vmId!, listall: true }));
    expect(asRoot.backup.map((backup: { id: string }) => backup.id)).toEqual([state.backupId]);
  });

  it('restoring needs the VM stopped; the user stops it and restores', async () => {
    const running = await asUser('restoreBackup', { id: state.backupId! });
    expect(running.exitCode).not.toBe(0);
    expect(running.json.queryasyncjobresultresponse.jobresult).toEqual({
      errorcode: 530,
      errortext: 'Existing VM should be stopped before being restored from backup',
    });

    const stopped = cliOk(await asUser('stopVirtualMachine', { id: state.vmId! }));
    expect(stopped.virtualmachine).toMatchObject({ id: state.vmId, state: 'Stopped' });
    expect(cliOk(await asUser('restoreBackup', { id: state.backupId! }))).toEqual({ success: true });
  });

  it('the volume is restored and attached to the VM (CloudStack’s current dummy)', async () => {
    const restored = cliOk(
      await asUser('restoreBackupVolume', {
        id: state.backupId!,
        volumeid: state.dataVolumeId!,
        virtualmachineid: state.vmId!,
      }),
    );
    expect(restored.volume).toMatchObject({ type: 'DATADISK', virtualmachineid: state.vmId, state: 'Ready' });
    const volumes = cliOk(await asUser('listVolumes', { virtualmachineid: state.vmId! }));
    expect(volumes.volume).toHaveLength(3);
  });

  it('the user deletes the backup; listing shows nothing ({})', async () => {
    expect(cliOk(await asUser('deleteBackup', { id: state.backupId! }))).toEqual({ success: true });
    expect(cliOk(await asUser('listBackups', { virtualmachineid: state.vmId! }))).toEqual({});
  });

  it('the user removes the VM from its policy without forced (the current dummy keeps backups)', async () => {
    expect(cliOk(await asUser('removeVMFromBackupPolicy', { virtualmachineid: state.vmId! }))).toEqual({
      success: true,
    });
    expect(cliOk(await asUser('listBackupPolicyVMMappings', { virtualmachineid: state.vmId! }))).toEqual({});
  });

  it('admin deletes the last policy; the user may not delete policies', async () => {
    const refused = await asUser('deleteBackupPolicy', { id: state.goldId! });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.json.deletebackuppolicyresponse).toMatchObject({ errorcode: 401 });

    expect(cliOk(await asAdmin('deleteBackupPolicy', { id: state.goldId! }))).toEqual({ success: true });
    expect(cliOk(await asAdmin('listBackupPolicies', { zoneid: state.zoneId! }))).toEqual({});
  });
});

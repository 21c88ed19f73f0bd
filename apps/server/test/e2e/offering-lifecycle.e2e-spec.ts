import { accessSync, constants } from 'node:fs';

import { type FreshServer, startFreshServer } from '../support/fresh-server';
import { type ApiKeyPair, randomApiKeys } from '../support/api-keys';
import { CLOUDSTACK_CLI, cliOk, runCloudstack } from '../support/cloudstack-cli';

/**
 * CloudStack's released (offering-era) backup lifecycle, driven only through Debian's `cloudstack`
 * CLI with only 4.14+ command names, against the running server on a fresh MariaDB database, as the
 * root admin and as a user of another account. Every step checks the body the CLI printed.
 */
describe('offering-era backup lifecycle through the cloudstack CLI (MariaDB)', () => {
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
    secondBackupId?: string;
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

  it('admin enables the zone with the dummy provider through updateConfiguration zoneid=', async () => {
    const enabled = cliOk(
      await asAdmin('updateConfiguration', { name: 'backup.framework.enabled', value: 'true', zoneid: state.zoneId! }),
    );
    expect(enabled.configuration).toMatchObject({ name: 'backup.framework.enabled', value: 'true' });
    cliOk(await asAdmin('updateConfiguration', { name: 'backup.framework.provider.plugin', value: 'dummy', zoneid: state.zoneId! }));

    const listed = cliOk(await asAdmin('listConfigurations', { name: 'backup.framework.enabled', zoneid: state.zoneId! }));
    expect(listed.configuration).toEqual([expect.objectContaining({ name: 'backup.framework.enabled', value: 'true' })]);
  });


  it('admin lists the provider offerings; the user may not', async () => {
    const listed = cliOk(await asAdmin('listBackupProviderOfferings', { zoneid: state.zoneId! }));
    expect(listed).toEqual({
      count: 2,
      backupoffering: [
        expect.objectContaining({ externalid: 'gold-policy', name: 'Golden Policy', zoneid: state.zoneId, zonename: 'zone1' }),
        expect.objectContaining({ externalid: 'silver-policy', name: 'Silver Policy', zoneid: state.zoneId }),
      ],
    });
    const refused = await asUser('listBackupProviderOfferings', { zoneid: state.zoneId! });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.json.listbackupproviderofferingsresponse).toMatchObject({
      errorcode: 401,
      errortext: "The given command 'listBackupProviderOfferings' either does not exist, is not available for user.",
    });
  });

  it('admin imports two offerings with allowuserdrivenbackups (async); the user may not', async () => {
    const gold = cliOk(
      await asAdmin('importBackupOffering', {
        zoneid: state.zoneId!,
        externalid: 'gold-policy',
        name: 'Gold',
        description: 'Daily backups',
        allowuserdrivenbackups: false,
      }),
    );
    expect(gold.backupoffering).toEqual({
      id: expect.any(String),
      name: 'Gold',
      description: 'Daily backups',
      externalid: 'gold-policy',
      allowuserdrivenbackups: false,
      zoneid: state.zoneId,
      zonename: 'zone1',
      created: expect.any(String),
    });
    state.goldId = gold.backupoffering.id as string;
    const silver = cliOk(
      await asAdmin('importBackupOffering', {
        zoneid: state.zoneId!,
        externalid: 'silver-policy',
        name: 'Silver',
        description: 'Weekly backups',
        allowuserdrivenbackups: true,
      }),
    );
    state.silverId = silver.backupoffering.id as string;
    const refused = await asUser('importBackupOffering', {
      zoneid: state.zoneId!,
      externalid: 'silver-policy',
      name: 'Mine',
      description: 'mine',
      allowuserdrivenbackups: true,
    });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.json.importbackupofferingresponse).toMatchObject({ errorcode: 401 });
  });

  it('both roles list the offerings, including one without user-driven backups; admin deletes one', async () => {
    const listed = cliOk(await asUser('listBackupOfferings', { zoneid: state.zoneId! }));
    expect(listed.count).toBe(2);
    expect(listed.backupoffering.map((offering: { id: string; allowuserdrivenbackups: boolean }) => [offering.id, offering.allowuserdrivenbackups])).toEqual([
      [state.goldId, false],
      [state.silverId, true],
    ]);
    expect(cliOk(await asAdmin('deleteBackupOffering', { id: state.silverId! }))).toEqual({ success: true });
    expect(cliOk(await asAdmin('listBackupOfferings', { zoneid: state.zoneId! }))).toEqual({
      count: 1,
      backupoffering: [expect.objectContaining({ id: state.goldId, name: 'Gold' })],
    });
  });

  it('the user assigns the VM to the offering and sees it on the VM', async () => {
    expect(
      cliOk(await asUser('assignVirtualMachineToBackupOffering', { virtualmachineid: state.vmId!, backupofferingid: state.goldId! })),
    ).toEqual({ success: true });
    const vms = cliOk(await asUser('listVirtualMachines', { backupofferingid: state.goldId! }));
    expect(vms).toEqual({
      count: 1,
      virtualmachine: [expect.objectContaining({ id: state.vmId, backupofferingid: state.goldId, backupofferingname: 'Gold' })],
    });
    const again = await asUser('assignVirtualMachineToBackupOffering', { virtualmachineid: state.vmId!, backupofferingid: state.goldId! });
    expect(again.exitCode).not.toBe(0);
    expect(again.json.queryasyncjobresultresponse.jobresult).toEqual({
      errorcode: 530,
      errortext: 'VM already is assigned to a backup offering, please remove the VM from its previous offering',
    });
  });

  it('the offering refuses ad-hoc backups until the admin updates allowuserdrivenbackups', async () => {
    const refused = await asUser('createBackup', { virtualmachineid: state.vmId! });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.json.queryasyncjobresultresponse.jobresult).toEqual({
      errorcode: 530,
      errortext: 'The assigned backup offering does not allow ad-hoc user backup',
    });
    const userUpdate = await asUser('updateBackupOffering', { id: state.goldId!, allowuserdrivenbackups: true });
    expect(userUpdate.exitCode).not.toBe(0);
    expect(userUpdate.json.updatebackupofferingresponse).toMatchObject({ errorcode: 401 });
    const updated = cliOk(
      await asAdmin('updateBackupOffering', { id: state.goldId!, allowuserdrivenbackups: true, description: 'Hourly backups' }),
    );
    expect(updated.backupoffering).toMatchObject({
      id: state.goldId,
      name: 'Gold',
      description: 'Hourly backups',
      allowuserdrivenbackups: true,
    });
  });

  it('the user takes named backups and lists them with the new filters; the admin sees them with listall', async () => {
    const created = cliOk(
      await asUser('createBackup', { virtualmachineid: state.vmId!, name: 'before-upgrade', description: 'pre', quiescevm: false }),
    );
    expect(created.backup).toMatchObject({
      virtualmachineid: state.vmId,
      virtualmachinename: 'tenant-vm',
      status: 'BackedUp',
      backupofferingid: state.goldId,
      backupofferingname: 'Gold',
      account: 'tenant',
      accountid: state.userAccountId,
      zoneid: state.zoneId,
    });
    state.backupId = created.backup.id as string;
    state.secondBackupId = cliOk(await asUser('createBackup', { virtualmachineid: state.vmId! })).backup.id as string;

    const byOffering = cliOk(await asUser('listBackups', { backupofferingid: state.goldId! }));
    expect(byOffering.backup.map((backup: { id: string }) => backup.id)).toEqual([state.backupId, state.secondBackupId]);
    const byId = cliOk(await asUser('listBackups', { id: state.backupId, zoneid: state.zoneId! }));
    expect(byId).toEqual({ count: 1, backup: [expect.objectContaining({ id: state.backupId })] });
    const asRoot = cliOk(await asAdmin('listBackups', { backupofferingid: state.goldId!, listall: true }));
    expect(asRoot.count).toBe(2);
  });

  it('restoring needs the VM stopped; the user stops it and restores', async () => {
    const running = await asUser('restoreBackup', { id: state.backupId! });
    expect(running.exitCode).not.toBe(0);
    expect(running.json.queryasyncjobresultresponse.jobresult).toEqual({
      errorcode: 530,
      errortext: 'Existing VM should be stopped before being restored from backup',
    });
    cliOk(await asUser('stopVirtualMachine', { id: state.vmId! }));
    expect(cliOk(await asUser('restoreBackup', { id: state.backupId! }))).toEqual({ success: true });
  });

  it('the user deletes a backup with forced; one is left', async () => {
    expect(cliOk(await asUser('deleteBackup', { id: state.secondBackupId!, forced: true }))).toEqual({ success: true });
    expect(cliOk(await asUser('listBackups', { virtualmachineid: state.vmId! }))).toEqual({
      count: 1,
      backup: [expect.objectContaining({ id: state.backupId })],
    });
  });

  it('the user removes the VM from the offering; the admin deletes the offering', async () => {
    expect(cliOk(await asUser('removeVirtualMachineFromBackupOffering', { virtualmachineid: state.vmId!, forced: true }))).toEqual({
      success: true,
    });
    expect(cliOk(await asUser('listVirtualMachines', { backupofferingid: state.goldId! }))).toEqual({});
    const refused = await asUser('deleteBackupOffering', { id: state.goldId! });
    expect(refused.exitCode).not.toBe(0);
    expect(refused.json.deletebackupofferingresponse).toMatchObject({ errorcode: 401 });
    expect(cliOk(await asAdmin('deleteBackupOffering', { id: state.goldId! }))).toEqual({ success: true });
    expect(cliOk(await asAdmin('listBackupOfferings', { zoneid: state.zoneId! }))).toEqual({});
  });
});

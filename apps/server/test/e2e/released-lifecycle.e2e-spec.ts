import { accessSync, constants } from 'node:fs';

import { DataSource } from 'typeorm';

import { notAvailableText, unknownUuidText } from '../backup-api/support/api-expectations';
import { CLOUDSTACK_CLI, cliError, cliOk } from '../support/cloudstack-cli';
import { type JsonBody } from '../support/json-body';
import { type FreshServer, startFreshServer } from '../support/fresh-server';
import { type CliActor, type CliParams, cliActor, createDummyBackupZone, createUserAccount } from './support/cli-actors';

/** The scheduler looks for due schedules this often, so a due schedule starts within a fraction of a second. */
const SCHEDULER_TICK_MS = 200;

/**
 * Every step runs the CLI (a Python process) several times; on a loaded CI machine each run can take
 * a second or more, so the steps with the most runs get more than Jest's 60 s.
 */
const MANY_CLI_RUNS_TIMEOUT_MS = 150_000;

const AD_HOC_NOT_ALLOWED = 'The assigned backup offering does not allow ad-hoc user backup';
const SCHEDULE_NOT_ALLOWED = 'The selected backup offering does not allow user-defined backup schedule';

/**
 * CloudStack's released (4.14+, offering-era) backup lifecycle, end to end, through Debian's
 * `cloudstack` CLI and nothing else but one clock hook: only offering-era command names, against the
 * running server on a fresh MariaDB database. The root admin manages offerings and protects its own
 * VM with a schedule whose retention prunes through the provider, then restores from the backups in
 * the three ways CloudStack offers; a user of another account meets CloudStack's refusals (admin-only
 * commands, a closed offering, another account's VM and backups) and runs the user commands on its
 * own VM. Every step checks what the CLI printed: ids, states, counts and messages.
 */
describe('CloudStack released backup lifecycle through the cloudstack CLI, offering-era names only (MariaDB)', () => {
  let fresh: FreshServer;
  let admin: CliActor;
  let user: CliActor;

  /** Facts the steps hand on to each other. */
  const state: {
    zoneId?: string;
    tenantAccountId?: string;
    adminVmId?: string;
    tenantVmId?: string;
    goldId?: string;
    vaultId?: string;
    scheduleId?: string;
    tenantScheduleId?: string;
    adHocBackupId?: string;
    scheduledBackupIds: string[];
    tenantBackupIds: string[];
  } = { scheduledBackupIds: [], tenantBackupIds: [] };

  beforeAll(async () => {
    // The CLI is part of what is tested: without it this suite fails rather than skips.
    accessSync(CLOUDSTACK_CLI, constants.X_OK);
    fresh = await startFreshServer({ CSBR_SCHEDULER_TICK_MS: String(SCHEDULER_TICK_MS) });
    admin = cliActor(fresh.url, fresh.adminKeys);
  });

  afterAll(async () => {
    await fresh?.close();
  });

  /** The call failed with this code and text (the refusal's envelope, or the failed job's result). */
  async function expectRefusal(
    actor: CliActor,
    command: string,
    params: CliParams,
    errorcode: number,
    errortext: string,
  ): Promise<void> {
    expect({ command, ...cliError(await actor(command, params), command) }).toEqual({ command, errorcode, errortext });
  }

  /** The ids of the VM's backups as its owner lists them, oldest first, with their states. */
  async function backupsOf(actor: CliActor, vmId: string): Promise<{ id: string; status: string }[]> {
    const listed = cliOk(await actor('listBackups', { virtualmachineid: vmId }));
    return ((listed.backup ?? []) as JsonBody[]).map((backup) => ({ id: backup.id as string, status: backup.status as string }));
  }

  /**
   * Lets the clock reach the schedule's next slot. Waiting for the wall clock (at best the next
   * full hour) is not an option in a test, so the schedule's stored next run, CloudStack's
   * `backup_schedule.scheduled_timestamp`, is moved one second into the past: exactly what the
   * clock reaching it looks like to the scheduler (as test/backup-api/backup-scheduler.e2e-spec.ts
   * does). This is the only step that does not go through the CLI.
   */
  async function letScheduleComeDue(scheduleUuid: string): Promise<void> {
    const result: unknown = await fresh.server.app
      .get(DataSource)
      .query('UPDATE backup_schedule SET scheduled_timestamp = ? WHERE uuid = ?', [new Date(Date.now() - 1000), scheduleUuid]);
    expect(result).toMatchObject({ affectedRows: 1 });
  }

  /** Polls `listBackups` through the CLI until `done` holds for what it shows, or 30 s pass. */
  async function waitForBackups(
    vmId: string,
    done: (backups: { id: string; status: string }[]) => boolean,
  ): Promise<{ id: string; status: string }[]> {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const backups = await backupsOf(admin, vmId);
      if (done(backups)) return backups;
      if (Date.now() > deadline) throw new Error(`listBackups never showed what was expected; last: ${JSON.stringify(backups)}`);
      await new Promise((resolve) => setTimeout(resolve, SCHEDULER_TICK_MS));
    }
  }

  /** The uuid of the backup's data disk, read from the volumes the backup recorded. */
  async function dataDiskOf(actor: CliActor, backupId: string): Promise<string> {
    const listed = cliOk(await actor('listBackups', { id: backupId }));
    const volumes = JSON.parse(listed.backup[0].volumes as string) as { uuid: string; type: string }[];
    const dataDisk = volumes.find((volume) => volume.type === 'DATADISK');
    expect(dataDisk).toBeDefined();
    return dataDisk!.uuid;
  }

  async function volumesOf(actor: CliActor, vmId: string): Promise<{ type: string; state: string }[]> {
    const listed = cliOk(await actor('listVolumes', { virtualmachineid: vmId }));
    return (listed.volume as JsonBody[]).map((volume) => ({ type: volume.type as string, state: volume.state as string }));
  }

  it('admin makes a zone with the dummy provider and a tenant account; each deploys a VM', async () => {
    state.zoneId = await createDummyBackupZone(admin, 'zone1');
    const tenant = await createUserAccount(admin, 'tenant');
    state.tenantAccountId = tenant.accountId;
    user = cliActor(fresh.url, tenant.keys);

    const adminVm = cliOk(await admin('deployVirtualMachine', { zoneid: state.zoneId, name: 'ops-db', size: 20 }));
    expect(adminVm.virtualmachine).toMatchObject({ name: 'ops-db', state: 'Running', account: 'admin' });
    state.adminVmId = adminVm.virtualmachine.id as string;
    const tenantVm = cliOk(await user('deployVirtualMachine', { zoneid: state.zoneId, name: 'tenant-web', size: 10 }));
    expect(tenantVm.virtualmachine).toMatchObject({ name: 'tenant-web', state: 'Running', account: 'tenant' });
    state.tenantVmId = tenantVm.virtualmachine.id as string;
  });

  it("admin lists the provider's offerings (listBackupProviderOfferings); users are refused the command", async () => {
    const listed = cliOk(await admin('listBackupProviderOfferings', { zoneid: state.zoneId! }));
    expect(listed).toEqual({
      count: 2,
      backupoffering: [
        expect.objectContaining({ externalid: 'gold-policy', name: 'Golden Policy', zoneid: state.zoneId, zonename: 'zone1' }),
        expect.objectContaining({ externalid: 'silver-policy', name: 'Silver Policy', zoneid: state.zoneId, zonename: 'zone1' }),
      ],
    });
    await expectRefusal(user, 'listBackupProviderOfferings', { zoneid: state.zoneId! }, 401, notAvailableText('listBackupProviderOfferings'));
  });

  it('admin imports an open and a closed offering (allowuserdrivenbackups); users are refused the import', async () => {
    const gold = cliOk(
      await admin('importBackupOffering', {
        zoneid: state.zoneId!,
        externalid: 'gold-policy',
        name: 'Gold',
        description: 'Daily backups',
        allowuserdrivenbackups: true,
      }),
    );
    expect(gold.backupoffering).toEqual({
      id: expect.any(String),
      name: 'Gold',
      description: 'Daily backups',
      externalid: 'gold-policy',
      allowuserdrivenbackups: true,
      zoneid: state.zoneId,
      zonename: 'zone1',
      created: expect.any(String),
    });
    state.goldId = gold.backupoffering.id as string;
    const vault = cliOk(
      await admin('importBackupOffering', {
        zoneid: state.zoneId!,
        externalid: 'silver-policy',
        name: 'Vault',
        description: 'Backups the provider runs on its own',
        allowuserdrivenbackups: false,
      }),
    );
    expect(vault.backupoffering).toMatchObject({ name: 'Vault', externalid: 'silver-policy', allowuserdrivenbackups: false });
    state.vaultId = vault.backupoffering.id as string;

    await expectRefusal(
      user,
      'importBackupOffering',
      { zoneid: state.zoneId!, externalid: 'gold-policy', name: 'Mine', description: 'mine', allowuserdrivenbackups: true },
      401,
      notAvailableText('importBackupOffering'),
    );
  });

  it('both list both offerings, the closed one included; admin renames one with updateBackupOffering, users may not', async () => {
    for (const actor of [admin, user]) {
      const listed = cliOk(await actor('listBackupOfferings', { zoneid: state.zoneId! }));
      expect(listed.count).toBe(2);
      expect((listed.backupoffering as JsonBody[]).map((offering) => [offering.id, offering.name, offering.allowuserdrivenbackups])).toEqual([
        [state.goldId, 'Gold', true],
        [state.vaultId, 'Vault', false],
      ]);
    }

    const updated = cliOk(await admin('updateBackupOffering', { id: state.goldId!, name: 'Gold Hourly', description: 'Hourly, keeps two' }));
    expect(updated.backupoffering).toMatchObject({
      id: state.goldId,
      name: 'Gold Hourly',
      description: 'Hourly, keeps two',
      externalid: 'gold-policy',
      allowuserdrivenbackups: true,
    });
    await expectRefusal(user, 'updateBackupOffering', { id: state.goldId!, name: 'Mine' }, 401, notAvailableText('updateBackupOffering'));
    expect(cliOk(await user('listBackupOfferings', { id: state.goldId! }))).toEqual({
      count: 1,
      backupoffering: [expect.objectContaining({ id: state.goldId, name: 'Gold Hourly', description: 'Hourly, keeps two' })],
    });
  });

  it('under the closed offering the user gets no ad-hoc backup and no schedule, with CloudStack messages, yet still sees the offering', async () => {
    expect(
      cliOk(await user('assignVirtualMachineToBackupOffering', { virtualmachineid: state.tenantVmId!, backupofferingid: state.vaultId! })),
    ).toEqual({ success: true });
    expect(cliOk(await user('listVirtualMachines', { id: state.tenantVmId! })).virtualmachine).toEqual([
      expect.objectContaining({ id: state.tenantVmId, backupofferingid: state.vaultId, backupofferingname: 'Vault' }),
    ]);

    await expectRefusal(user, 'createBackup', { virtualmachineid: state.tenantVmId!, name: 'mine' }, 530, AD_HOC_NOT_ALLOWED);
    await expectRefusal(
      user,
      'createBackupSchedule',
      { virtualmachineid: state.tenantVmId!, intervaltype: 'DAILY', schedule: '0:2', timezone: 'UTC' },
      530,
      SCHEDULE_NOT_ALLOWED,
    );
    expect(cliOk(await user('listBackups', { virtualmachineid: state.tenantVmId! }))).toEqual({});
    expect(cliOk(await user('listBackupSchedule', { virtualmachineid: state.tenantVmId! }))).toEqual({});
    expect(cliOk(await user('listBackupOfferings', { id: state.vaultId! }))).toEqual({
      count: 1,
      backupoffering: [expect.objectContaining({ id: state.vaultId, name: 'Vault', allowuserdrivenbackups: false })],
    });

    expect(cliOk(await user('removeVirtualMachineFromBackupOffering', { virtualmachineid: state.tenantVmId! }))).toEqual({
      success: true,
    });
  });

  it('admin assigns its VM to the open offering, then creates, updates and lists an hourly schedule with retention', async () => {
    expect(
      cliOk(await admin('assignVirtualMachineToBackupOffering', { virtualmachineid: state.adminVmId!, backupofferingid: state.goldId! })),
    ).toEqual({ success: true });
    expect(cliOk(await admin('listVirtualMachines', { backupofferingid: state.goldId! }))).toEqual({
      count: 1,
      virtualmachine: [expect.objectContaining({ id: state.adminVmId, backupofferingid: state.goldId, backupofferingname: 'Gold Hourly' })],
    });

    const created = cliOk(
      await admin('createBackupSchedule', {
        virtualmachineid: state.adminVmId!,
        intervaltype: 'HOURLY',
        schedule: '30',
        timezone: 'Europe/Berlin',
        maxbackups: 5,
      }),
    );
    expect(created.backupschedule).toEqual({
      id: expect.any(String),
      virtualmachineid: state.adminVmId,
      virtualmachinename: 'ops-db',
      intervaltype: 'HOURLY',
      schedule: '30',
      timezone: 'Europe/Berlin',
      maxbackups: 5,
    });
    state.scheduleId = created.backupschedule.id as string;

    const updated = cliOk(
      await admin('updateBackupSchedule', {
        virtualmachineid: state.adminVmId!,
        intervaltype: 'HOURLY',
        schedule: '45',
        timezone: 'America/New_York',
        maxbackups: 2,
      }),
    );
    expect(updated.backupschedule).toMatchObject({ id: state.scheduleId, schedule: '45', timezone: 'America/New_York', maxbackups: 2 });
    expect(cliOk(await admin('listBackupSchedule', { virtualmachineid: state.adminVmId! }))).toEqual({
      count: 1,
      backupschedule: [
        expect.objectContaining({ id: state.scheduleId, intervaltype: 'HOURLY', schedule: '45', timezone: 'America/New_York', maxbackups: 2 }),
      ],
    });
  });

  it('admin takes a named ad-hoc backup of its VM', async () => {
    const created = cliOk(
      await admin('createBackup', { virtualmachineid: state.adminVmId!, name: 'before-upgrade', description: 'Before the 2.0 upgrade' }),
    );
    expect(created.backup).toMatchObject({
      id: expect.any(String),
      name: 'before-upgrade',
      description: 'Before the 2.0 upgrade',
      virtualmachineid: state.adminVmId,
      virtualmachinename: 'ops-db',
      status: 'BackedUp',
      backupofferingid: state.goldId,
      backupofferingname: 'Gold Hourly',
      account: 'admin',
      zoneid: state.zoneId,
      intervaltype: 'MANUAL',
    });
    state.adHocBackupId = created.backup.id as string;
    expect(cliOk(await admin('listBackups', { name: 'before-upgrade' })).backup).toEqual([
      expect.objectContaining({ id: state.adHocBackupId, description: 'Before the 2.0 upgrade', intervaltype: 'MANUAL' }),
    ]);
  });

  it('the schedule fires three times; maxbackups=2 prunes its oldest backup through the provider, and the ad-hoc backup stays', async () => {
    for (let run = 1; run <= 3; run += 1) {
      const before = new Set((await backupsOf(admin, state.adminVmId!)).map((backup) => backup.id));
      await letScheduleComeDue(state.scheduleId!);
      // The ad-hoc backup plus at most two scheduled ones, once the run's retention is done.
      const expectedCount = 1 + Math.min(run, 2);
      const after = await waitForBackups(state.adminVmId!, (backups) => {
        const fresh = backups.filter((backup) => !before.has(backup.id));
        return fresh.length === 1 && fresh[0]!.status === 'BackedUp' && backups.length === expectedCount;
      });
      state.scheduledBackupIds.push(after.find((backup) => !before.has(backup.id))!.id);
    }

    const [first, second, third] = state.scheduledBackupIds;
    expect(await backupsOf(admin, state.adminVmId!)).toEqual([
      { id: state.adHocBackupId, status: 'BackedUp' },
      { id: second, status: 'BackedUp' },
      { id: third, status: 'BackedUp' },
    ]);
    expect(new Set(state.scheduledBackupIds).size).toBe(3);
    // Each run left its events on the VM, as CloudStack's scheduled backup jobs do.
    const events = cliOk(await admin('listEvents', { type: 'BACKUP.CREATE' }));
    const completedRuns = (events.event as JsonBody[]).filter((event) => event.description === 'Successfully completed creating scheduled VM backup');
    expect(completedRuns.map((event) => [event.state, event.resourcetype, event.resourceid])).toEqual(
      Array.from({ length: 3 }, () => ['Completed', 'VirtualMachine', state.adminVmId]),
    );
    // The pruned backup is gone for good, not merely left out of the VM's list: its id names nothing now.
    const byOffering = cliOk(await admin('listBackups', { backupofferingid: state.goldId! }));
    // Each backup says how it was taken: the ad-hoc one MANUAL, the scheduled ones their schedule's HOURLY.
    expect((byOffering.backup as JsonBody[]).map((backup) => [backup.id, backup.intervaltype])).toEqual([
      [state.adHocBackupId, 'MANUAL'],
      [second, 'HOURLY'],
      [third, 'HOURLY'],
    ]);
    await expectRefusal(admin, 'listBackups', { id: first! }, 431, unknownUuidText('listBackups', 'id', first!));
  }, MANY_CLI_RUNS_TIMEOUT_MS);

  it('admin restores the stopped VM from the newest scheduled backup; a running VM is refused', async () => {
    const newest = state.scheduledBackupIds[2]!;
    await expectRefusal(admin, 'restoreBackup', { id: newest }, 530, 'Existing VM should be stopped before being restored from backup');
    expect(cliOk(await admin('stopVirtualMachine', { id: state.adminVmId! })).virtualmachine).toMatchObject({ state: 'Stopped' });
    expect(cliOk(await admin('restoreBackup', { id: newest }))).toEqual({ success: true });
    expect(cliOk(await admin('listVirtualMachines', { id: state.adminVmId! })).virtualmachine).toEqual([
      expect.objectContaining({ id: state.adminVmId, state: 'Stopped', backupofferingid: state.goldId }),
    ]);
  });

  it("admin restores the ad-hoc backup's data disk and attaches it to the VM", async () => {
    const dataDisk = await dataDiskOf(admin, state.adHocBackupId!);
    expect(
      cliOk(
        await admin('restoreVolumeFromBackupAndAttachToVM', {
          backupid: state.adHocBackupId!,
          volumeid: dataDisk,
          virtualmachineid: state.adminVmId!,
        }),
      ),
    ).toEqual({ success: true });
    expect(await volumesOf(admin, state.adminVmId!)).toEqual([
      { type: 'ROOT', state: 'Ready' },
      { type: 'DATADISK', state: 'Ready' },
      { type: 'DATADISK', state: 'Ready' },
    ]);
  });

  it('admin creates a new VM from a scheduled backup; it is listed with the volumes the backup recorded', async () => {
    const created = cliOk(
      await admin('createVMFromBackup', { backupid: state.scheduledBackupIds[2]!, zoneid: state.zoneId!, name: 'ops-db-copy' }),
    );
    expect(created.virtualmachine).toMatchObject({ id: expect.any(String), name: 'ops-db-copy', state: 'Running', zoneid: state.zoneId });
    const newVmId = created.virtualmachine.id as string;
    expect(newVmId).not.toBe(state.adminVmId);
    expect(cliOk(await admin('listVirtualMachines', { id: newVmId }))).toEqual({
      count: 1,
      virtualmachine: [expect.objectContaining({ id: newVmId, name: 'ops-db-copy', state: 'Running', account: 'admin' })],
    });
    // The backup was taken before the data disk was attached: the copy has the VM's two volumes of then.
    expect(await volumesOf(admin, newVmId)).toEqual([
      { type: 'ROOT', state: 'Ready' },
      { type: 'DATADISK', state: 'Ready' },
    ]);
  });

  it("the user is refused the admin-only commands, and another account's VM and backups are ids that name nothing", async () => {
    const backup = state.adHocBackupId!;
    const vm = state.adminVmId!;
    await expectRefusal(user, 'deleteBackupOffering', { id: state.goldId! }, 401, notAvailableText('deleteBackupOffering'));

    const foreign: [string, CliParams, string, string][] = [
      ['listBackups', { id: backup }, 'id', backup],
      ['restoreBackup', { id: backup }, 'id', backup],
      ['deleteBackup', { id: backup, forced: true }, 'id', backup],
      ['createVMFromBackup', { backupid: backup, zoneid: state.zoneId! }, 'backupid', backup],
      [
        'restoreVolumeFromBackupAndAttachToVM',
        { backupid: backup, volumeid: await dataDiskOf(admin, backup), virtualmachineid: state.tenantVmId! },
        'backupid',
        backup,
      ],
      ['createBackup', { virtualmachineid: vm }, 'virtualmachineid', vm],
      ['assignVirtualMachineToBackupOffering', { virtualmachineid: vm, backupofferingid: state.goldId! }, 'virtualmachineid', vm],
      ['removeVirtualMachineFromBackupOffering', { virtualmachineid: vm }, 'virtualmachineid', vm],
      ['createBackupSchedule', { virtualmachineid: vm, intervaltype: 'DAILY', schedule: '0:1', timezone: 'UTC' }, 'virtualmachineid', vm],
      ['updateBackupSchedule', { virtualmachineid: vm, intervaltype: 'HOURLY', schedule: '0', timezone: 'UTC' }, 'virtualmachineid', vm],
      ['listBackupSchedule', { virtualmachineid: vm }, 'virtualmachineid', vm],
      ['listBackupSchedule', { id: state.scheduleId! }, 'id', state.scheduleId!],
      ['deleteBackupSchedule', { id: state.scheduleId! }, 'id', state.scheduleId!],
    ];
    for (const [command, params, parameter, value] of foreign) {
      await expectRefusal(user, command, params, 431, unknownUuidText(command, parameter, value));
    }
    // Nothing of the admin's shows in the user's own lists, and nothing changed for the admin.
    expect(cliOk(await user('listBackups', {}))).toEqual({});
    expect(cliOk(await user('listBackupSchedule', {}))).toEqual({});
    expect((await backupsOf(admin, vm)).map((item) => item.id)).toEqual([backup, ...state.scheduledBackupIds.slice(1)]);
    expect(cliOk(await admin('listBackupSchedule', { virtualmachineid: vm })).count).toBe(1);
  }, MANY_CLI_RUNS_TIMEOUT_MS);

  it('the user protects its own VM under the open offering and runs the user commands on it', async () => {
    const vm = state.tenantVmId!;
    expect(cliOk(await user('assignVirtualMachineToBackupOffering', { virtualmachineid: vm, backupofferingid: state.goldId! }))).toEqual({
      success: true,
    });

    const schedule = cliOk(
      await user('createBackupSchedule', { virtualmachineid: vm, intervaltype: 'DAILY', schedule: '15:02', timezone: 'Australia/Sydney', maxbackups: 7 }),
    );
    expect(schedule.backupschedule).toMatchObject({ virtualmachineid: vm, intervaltype: 'DAILY', schedule: '15:02', maxbackups: 7 });
    const updated = cliOk(
      await user('updateBackupSchedule', { virtualmachineid: vm, intervaltype: 'DAILY', schedule: '30:03', timezone: 'Australia/Sydney', maxbackups: 3 }),
    );
    expect(updated.backupschedule).toMatchObject({ id: schedule.backupschedule.id, schedule: '30:03', maxbackups: 3 });
    expect(cliOk(await user('listBackupSchedule', { virtualmachineid: vm }))).toEqual({
      count: 1,
      backupschedule: [expect.objectContaining({ id: schedule.backupschedule.id, virtualmachinename: 'tenant-web', schedule: '30:03' })],
    });
    state.tenantScheduleId = schedule.backupschedule.id as string;

    for (const name of ['tenant-first', 'tenant-second']) {
      const created = cliOk(await user('createBackup', { virtualmachineid: vm, name, description: `${name} by the tenant` }));
      expect(created.backup).toMatchObject({ name, virtualmachineid: vm, status: 'BackedUp', account: 'tenant', accountid: state.tenantAccountId });
      state.tenantBackupIds.push(created.backup.id as string);
    }
    const withDetails = cliOk(await user('listBackups', { virtualmachineid: vm, listvmdetails: true }));
    expect((withDetails.backup as JsonBody[]).map((backup) => [backup.id, backup.vmdetails])).toEqual(
      state.tenantBackupIds.map((id) => [id, expect.objectContaining({ hypervisor: 'Simulator' })]),
    );
    // The offering's filter shows the user its own backups only; the admin sees all five with listall.
    const mine = cliOk(await user('listBackups', { backupofferingid: state.goldId! }));
    expect(mine).toEqual({
      count: 2,
      backup: state.tenantBackupIds.map((id) => expect.objectContaining({ id, backupofferingid: state.goldId, backupofferingname: 'Gold Hourly' })),
    });
    expect(cliOk(await admin('listBackups', { backupofferingid: state.goldId!, listall: true })).count).toBe(5);
    // 4.21's name filter is an exact match within what the caller may see.
    expect(cliOk(await user('listBackups', { name: 'tenant-second' }))).toEqual({
      count: 1,
      backup: [expect.objectContaining({ id: state.tenantBackupIds[1], name: 'tenant-second' })],
    });
    expect(cliOk(await user('listBackups', { name: 'tenant' }))).toEqual({});
    expect(cliOk(await user('listBackups', { name: 'before-upgrade' }))).toEqual({});
    expect(cliOk(await admin('listBackups', { name: 'before-upgrade' })).backup).toEqual([
      expect.objectContaining({ id: state.adHocBackupId, name: 'before-upgrade' }),
    ]);
  });

  it('the user restores its stopped VM, restores a volume onto it and creates a VM from its backup', async () => {
    const vm = state.tenantVmId!;
    const [firstBackup] = state.tenantBackupIds;
    expect(cliOk(await user('stopVirtualMachine', { id: vm })).virtualmachine).toMatchObject({ state: 'Stopped' });
    expect(cliOk(await user('restoreBackup', { id: firstBackup! }))).toEqual({ success: true });

    const dataDisk = await dataDiskOf(user, firstBackup!);
    expect(cliOk(await user('restoreVolumeFromBackupAndAttachToVM', { backupid: firstBackup!, volumeid: dataDisk, virtualmachineid: vm }))).toEqual({
      success: true,
    });
    expect(await volumesOf(user, vm)).toHaveLength(3);

    const created = cliOk(await user('createVMFromBackup', { backupid: firstBackup!, zoneid: state.zoneId!, name: 'tenant-web-copy' }));
    expect(created.virtualmachine).toMatchObject({ name: 'tenant-web-copy', state: 'Running', account: 'tenant' });
    const listed = cliOk(await user('listVirtualMachines', {}));
    expect(listed.count).toBe(2);
    expect((listed.virtualmachine as JsonBody[]).map((item) => [item.name, item.state])).toEqual(
      expect.arrayContaining([
        ['tenant-web', 'Stopped'],
        ['tenant-web-copy', 'Running'],
      ]),
    );
  });

  it('an offering in use cannot be deleted; once both VMs left it (keeping their backups), admin deletes both offerings', async () => {
    await expectRefusal(
      admin,
      'deleteBackupOffering',
      { id: state.goldId! },
      530,
      'Backup offering is assigned to VMs, remove the assignment(s) in order to remove the offering.',
    );
    // The user deletes its own schedule by id; the admin's is untouched.
    expect(cliOk(await user('deleteBackupSchedule', { id: state.tenantScheduleId! }))).toEqual({ success: true });
    expect(cliOk(await user('listBackupSchedule', {}))).toEqual({});
    expect(cliOk(await admin('listBackupSchedule', { listall: true })).count).toBe(1);
    expect(cliOk(await user('removeVirtualMachineFromBackupOffering', { virtualmachineid: state.tenantVmId! }))).toEqual({ success: true });
    expect(cliOk(await admin('removeVirtualMachineFromBackupOffering', { virtualmachineid: state.adminVmId! }))).toEqual({ success: true });
    expect(cliOk(await admin('listVirtualMachines', { backupofferingid: state.goldId!, listall: true }))).toEqual({});
    // CloudStack's current dummy keeps a VM's backups when it leaves its offering.
    // … and says so on each of them (CloudStack 4.21's vmbackupofferingremoved).
    const kept = cliOk(await user('listBackups', { virtualmachineid: state.tenantVmId! }));
    expect((kept.backup as JsonBody[]).map((backup) => backup.vmbackupofferingremoved)).toEqual([true, true]);

    expect(cliOk(await admin('deleteBackupOffering', { id: state.goldId! }))).toEqual({ success: true });
    expect(cliOk(await admin('deleteBackupOffering', { id: state.vaultId! }))).toEqual({ success: true });
    expect(cliOk(await admin('listBackupOfferings', { zoneid: state.zoneId! }))).toEqual({});
    expect(cliOk(await user('listBackupOfferings', { zoneid: state.zoneId! }))).toEqual({});
  }, MANY_CLI_RUNS_TIMEOUT_MS);
});

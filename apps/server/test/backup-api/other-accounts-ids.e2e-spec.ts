import { randomUUID } from 'node:crypto';

import { type SignedClient } from '../support/signed-client';
import { type JsonBody } from '../support/json-body';
import { rowCounts } from '../support/row-counts';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from './support/backup-seeder';
import { expectJobSuccess } from './support/api-expectations';

/** Tables a refused request must leave as they were. */
const WATCHED_TABLES = ['async_job', 'event', 'usage_event', 'backups', 'backup_policy_vm_map', 'vm_instance', 'volumes'];

/**
 * README, "Security decisions": an id that names another account's resource is answered exactly as an
 * id that names nothing (CloudStack's binder 431), so that the answer does not tell whether it exists.
 */
describe("another account's ids are answered as unknown ids (MariaDB)", () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let alice: SeededAccount;
  let bob: SeededAccount;
  let bobClient: SignedClient;
  let alicesVm: SeededVm;
  let bobsVm: SeededVm;
  let alicesBackup: string;
  let bobsBackup: string;
  let alicesJob: string;
  let alicesUser: string;
  let gold: string;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    zone = await env.seed.zone('zone-a');
    await env.enableZone(zone);
    alice = await env.seed.account('alice');
    bob = await env.seed.account('bob');
    bobClient = env.clientFor(bob);
    gold = await env.importPolicy(zone, 'gold-policy', 'Gold');
    alicesVm = await env.seed.vm('alices-vm', zone, alice, 'Stopped');
    bobsVm = await env.seed.vm('bobs-vm', zone, bob, 'Stopped');
    const aliceClient = env.clientFor(alice);
    await aliceClient.jobResult('assignBackupPolicy', { virtualmachineid: alicesVm.uuid, policyid: gold });
    const submitted = await aliceClient.call('createBackup', { virtualmachineid: alicesVm.uuid });
    alicesJob = submitted.body.jobid;
    alicesBackup = expectJobSuccess(await aliceClient.waitForJob(alicesJob)).backup.id;
    await bobClient.jobResult('assignBackupPolicy', { virtualmachineid: bobsVm.uuid, policyid: gold });
    bobsBackup = (await bobClient.jobResult('createBackup', { virtualmachineid: bobsVm.uuid })).backup.id;
    const [user] = await env.query<{ uuid: string }>('SELECT uuid FROM user WHERE account_id = ?', [alice.id]);
    alicesUser = user?.uuid ?? '';
  });

  afterAll(async () => {
    await env?.close();
  });

  const tableCounts = (): Promise<Record<string, number>> => rowCounts(env.query, WATCHED_TABLES);

  /** The reply with the uuid it names replaced, so that two answers about two uuids compare. */
  function normalized(reply: { status: number; body: JsonBody }, uuid: string): unknown {
    return { status: reply.status, body: JSON.parse(JSON.stringify(reply.body).split(uuid).join('<uuid>')) };
  }

  interface Case {
    readonly command: string;
    readonly param: string;
    /** Alice's id (read once the setup made it). */
    readonly foreign: () => string;
    /** The other parameters the command needs, all of them valid for Bob. */
    readonly others?: () => Record<string, string>;
  }

  const CASES: readonly Case[] = [
    { command: 'restoreBackup', param: 'id', foreign: () => alicesBackup },
    { command: 'deleteBackup', param: 'id', foreign: () => alicesBackup },
    { command: 'listBackups', param: 'id', foreign: () => alicesBackup },
    { command: 'restoreBackupVolume', param: 'id', foreign: () => alicesBackup, others: () => ({ volumeid: bobsVm.dataVolumeUuid, virtualmachineid: bobsVm.uuid }) },
    { command: 'restoreBackupVolume', param: 'virtualmachineid', foreign: () => alicesVm.uuid, others: () => ({ id: bobsBackup, volumeid: bobsVm.dataVolumeUuid }) },
    { command: 'createBackup', param: 'virtualmachineid', foreign: () => alicesVm.uuid },
    { command: 'assignBackupPolicy', param: 'virtualmachineid', foreign: () => alicesVm.uuid, others: () => ({ policyid: gold }) },
    { command: 'removeVMFromBackupPolicy', param: 'virtualmachineid', foreign: () => alicesVm.uuid, others: () => ({ forced: 'true' }) },
    { command: 'listBackups', param: 'virtualmachineid', foreign: () => alicesVm.uuid },
    { command: 'listBackupPolicyVMMappings', param: 'virtualmachineid', foreign: () => alicesVm.uuid },
    { command: 'listVirtualMachines', param: 'id', foreign: () => alicesVm.uuid },
    { command: 'startVirtualMachine', param: 'id', foreign: () => alicesVm.uuid },
    { command: 'stopVirtualMachine', param: 'id', foreign: () => alicesVm.uuid },
    { command: 'destroyVirtualMachine', param: 'id', foreign: () => alicesVm.uuid },
    { command: 'listVolumes', param: 'id', foreign: () => alicesVm.rootVolumeUuid },
    { command: 'listVolumes', param: 'virtualmachineid', foreign: () => alicesVm.uuid },
    { command: 'attachVolume', param: 'virtualmachineid', foreign: () => alicesVm.uuid, others: () => ({ id: bobsVm.dataVolumeUuid }) },
    { command: 'detachVolume', param: 'id', foreign: () => alicesVm.dataVolumeUuid },
    { command: 'queryAsyncJobResult', param: 'jobid', foreign: () => alicesJob },
    { command: 'listUsers', param: 'id', foreign: () => alicesUser },
    { command: 'registerUserKeys', param: 'id', foreign: () => alicesUser },
    { command: 'getUserKeys', param: 'id', foreign: () => alicesUser },
  ];

  it.each(CASES)('$command $param=<alice’s> answers as a uuid that names nothing, and changes nothing', async ({ command, param, foreign, others }) => {
    const before = await tableCounts();
    const foreignId = foreign();
    const unknownId = randomUUID();
    const extra = others?.() ?? {};
    const toForeign = await bobClient.call(command, { ...extra, [param]: foreignId });
    const toUnknown = await bobClient.call(command, { ...extra, [param]: unknownId });

    expect(normalized(toForeign, foreignId)).toEqual(normalized(toUnknown, unknownId));
    expect(toForeign.status).toBe(431);
    expect(toForeign.body.errortext).toBe(
      `Unable to execute API command ${command.toLowerCase()} due to invalid value. Invalid parameter ${param} ` +
        `value=${foreignId} due to incorrect long value format, or entity does not exist or due to incorrect parameter ` +
        'annotation for the field in api cmd class.',
    );
    expect(await tableCounts()).toEqual(before);
  });

  it('still lets the owner and the root admin use the same ids', async () => {
    expect((await env.clientFor(alice).call('listBackups', { id: alicesBackup })).body.count).toBe(1);
    expect((await env.admin.call('listBackups', { id: alicesBackup, listall: true })).body.count).toBe(1);
    expect((await env.admin.call('queryAsyncJobResult', { jobid: alicesJob })).status).toBe(200);
    expect((await env.admin.call('listVirtualMachines', { id: alicesVm.uuid, listall: true })).body.count).toBe(1);
  });
});

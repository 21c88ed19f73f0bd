import { type VirtualMachine } from '@csbr/framework';

import {
  callOptions,
  counts,
  PERSONALITIES,
  rejectionOf,
  type SimulatedZone,
  startSimulatedZone,
} from './support/simulated-zone';

/** Each injected fault, and the message the user gets for it. */
describe.each(PERSONALITIES)('Veeam failures, VBR %s', (personality) => {
  let zone: SimulatedZone;
  let vm: VirtualMachine;

  beforeAll(async () => {
    zone = await startSimulatedZone(personality);
    const plain = zone.addVm(1);
    const { externalId } = await zone.provider.assignVm({ zone: zone.zone, vm: plain, policy: zone.policy('Silver'), ...callOptions() });
    vm = { ...plain, backupExternalId: externalId! };
  });

  afterEach(() => {
    zone.simulator.controls.clearFaults();
    zone.context.setConfig('backup.plugin.veeam.request.timeout', '300', zone.zone);
    zone.context.setConfig('backup.plugin.veeam.restore.timeout', '600', zone.zone);
  });

  afterAll(() => zone.close());

  /** The newest session of the type, once the stop the provider asked for has gone through. */
  const lastSession = (type: 'BackupJob' | 'RestoreVm') => {
    zone.simulator.controls.finishSessions();
    return zone.simulator.controls.listSessions({ type }).at(-1);
  };

  const waitFor = async (condition: () => boolean): Promise<void> => {
    for (let tries = 0; !condition(); tries += 1) {
      if (tries > 500) throw new Error('the condition never held');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };

  const backup = () => zone.provider.takeBackup({ zone: zone.zone, vm, ...callOptions() });

  it('an HTTP error carries Veeam\'s message and status', async () => {
    zone.simulator.controls.injectFault({ operation: 'GetAllJobs', status: 503, message: 'The database is being upgraded.', times: 1 });
    const error = await rejectionOf(zone.provider.listPolicies(zone.zone, callOptions()));
    expect(error).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'Veeam refused to list backup jobs: The database is being upgraded. (HTTP 503 ServiceUnavailable)',
    });
  });

  it('a malformed body is named as such, never repeated', async () => {
    zone.simulator.controls.injectFault({ operation: 'GetAllJobs', malformedBody: true, times: 1 });
    const error = await rejectionOf(zone.provider.listPolicies(zone.zone, callOptions()));
    expect(error).toMatchObject({ code: 'UPSTREAM_REJECTED', message: 'Veeam answered the request to list backup jobs with malformed JSON' });
  });

  it('a dropped connection says the server could not be reached', async () => {
    zone.simulator.controls.injectFault({ operation: 'GetAllJobs', reset: true, times: 1 });
    const error = await rejectionOf(zone.provider.listPolicies(zone.zone, callOptions()));
    expect(error.message).toMatch(new RegExp(`^Could not reach the Veeam server at https://127\\.0\\.0\\.1:${zone.simulator.port} to list backup jobs \\(`));
  });

  it('a request slower than backup.plugin.veeam.request.timeout times out', async () => {
    zone.context.setConfig('backup.plugin.veeam.request.timeout', '1', zone.zone);
    zone.simulator.controls.injectFault({ operation: 'GetAllJobs', latencyMs: 3000, times: 1 });
    const error = await rejectionOf(zone.provider.listPolicies(zone.zone, callOptions()));
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      message: 'Veeam did not answer the request to list backup jobs within 1 seconds (backup.plugin.veeam.request.timeout)',
    });
  });

  it('"job already running" comes back with Veeam\'s words', async () => {
    zone.simulator.controls.injectFault({ operation: 'StartJob', jobAlreadyRunning: true, times: 1 });
    const error = await rejectionOf(backup());
    expect(error.message).toBe(
      `Veeam refused to start the backup job of VM ${vm.instanceName}: Failed to start the job: job '${vm.instanceName}-CSBKP-${vm.uuid}' is already running. (HTTP 400 UnexpectedContent)`,
    );
  });

  it('a failed session carries its message; a warning still counts as a backup', async () => {
    zone.simulator.controls.injectSessionFault({ sessionType: 'BackupJob', outcome: 'Failed', message: 'Datastore datastore1 is out of space.', times: 1 });
    const error = await rejectionOf(backup());
    expect(error).toMatchObject({
      code: 'OPERATION_FAILED',
      message: `Veeam failed during the backup of VM ${vm.instanceName}: Datastore datastore1 is out of space.`,
    });

    zone.simulator.controls.injectSessionFault({ sessionType: 'BackupJob', outcome: 'Warning', message: 'vCenter version is not tested.', times: 1 });
    const point = await backup();
    expect(point?.externalId).toEqual(expect.any(String));
    expect(zone.context.logger.entries).toContainEqual(
      expect.objectContaining({ level: 'warn', message: `Veeam finished the backup of VM ${vm.instanceName} with a warning` }),
    );
  });

  it('a restore session that never ends times out at backup.plugin.veeam.restore.timeout and is stopped', async () => {
    const [point] = await zone.provider.listRestorePoints({ zone: zone.zone, vm, ...callOptions() });
    zone.context.setConfig('backup.plugin.veeam.restore.timeout', '1', zone.zone);
    zone.simulator.controls.injectSessionFault({ sessionType: 'RestoreVm', outcome: 'Hang', times: 1 });
    const error = await rejectionOf(
      zone.provider.restoreVm({ zone: zone.zone, vm, backup: { externalId: point!.externalId, uuid: 'b-1' } as never, ...callOptions() }),
    );
    expect(error).toMatchObject({
      code: 'TIMEOUT',
      message: `Veeam did not finish the restore of VM ${vm.instanceName} within 1 seconds (backup.plugin.veeam.restore.timeout)`,
    });
    expect(lastSession('RestoreVm')).toMatchObject({ state: 'Stopped', isCanceled: true });
  });

  it('a backup that outlives the host deadline gives up first, with a timeout naming it', async () => {
    zone.simulator.controls.injectSessionFault({ sessionType: 'BackupJob', outcome: 'Hang', times: 1 });
    const error = await rejectionOf(
      zone.provider.takeBackup({ zone: zone.zone, vm, ...callOptions({ deadline: new Date(Date.now() + 2500) }) }),
    );
    expect(error).toMatchObject({ code: 'TIMEOUT', message: expect.stringMatching(new RegExp(`^Veeam had not finished the backup of VM ${vm.instanceName} after \\d+ seconds`)) });
    expect(lastSession('BackupJob')).toMatchObject({ state: 'Stopped', isCanceled: true });
  });

  it('an abort mid-poll ends the call with the host\'s reason and stops the Veeam session', async () => {
    zone.simulator.controls.injectSessionFault({ sessionType: 'BackupJob', outcome: 'Hang', times: 1 });
    const controller = new AbortController();
    const sessionsBefore = zone.simulator.controls.listSessions({ type: 'BackupJob' }).length;
    const taking = zone.provider.takeBackup({ zone: zone.zone, vm, ...callOptions({ signal: controller.signal }) });
    // Mid-poll: once Veeam's session runs, not after a fixed delay that a loaded machine may not reach.
    await waitFor(() => zone.simulator.controls.listSessions({ type: 'BackupJob' }).length > sessionsBefore);
    controller.abort(new Error('cancelled by the job'));
    expect(await rejectionOf(taking)).toMatchObject({ message: 'The backup operation was cancelled' });
    expect(lastSession('BackupJob')).toMatchObject({ state: 'Stopped', isCanceled: true });
  });

  it('a token that expires mid-poll is refreshed and the backup goes on', async () => {
    const before = counts(zone.simulator, 'CreateToken');
    zone.simulator.controls.setSessionTiming({ workingMs: 1500 });
    const sessionsBefore = zone.simulator.controls.listSessions({ type: 'BackupJob' }).length;
    const taking = backup();
    await waitFor(() => zone.simulator.controls.listSessions({ type: 'BackupJob' }).length > sessionsBefore);
    zone.simulator.controls.expireAccessTokens();
    expect((await taking)?.externalId).toEqual(expect.any(String));
    zone.simulator.controls.setSessionTiming({ workingMs: 200 });
    expect(counts(zone.simulator, 'CreateToken')).toBe(before + 1);
    expect(zone.simulator.controls.requestCounts()['GetSession']?.byStatus['401']).toBe(1);
  });

  it('no message or log line carries the password or a token', async () => {
    zone.simulator.controls.injectFault({ operation: '*', status: 500, times: 3 });
    await rejectionOf(zone.provider.listPolicies(zone.zone, callOptions()));
    const text = JSON.stringify(zone.context.logger.entries);
    expect(text).not.toContain(zone.simulator.users[0]!.password);
    expect(text).not.toMatch(/access_token|refresh_token|Bearer/);
  });
});

import { randomUUID } from 'node:crypto';

import { type ApiUser, type InventoryEnv, startInventoryEnv } from '../inventory/support/inventory-env';
import { CLOUDSTACK_DATE, UUID } from '../support/cloudstack-formats';

type EventItem = { type: string; state: string; level: string; description: string; id: string; parentid?: string };
const eventsOf = (body: { event?: EventItem[] }): EventItem[] => body.event ?? [];

describe('listEvents over signed HTTP', () => {
  let env: InventoryEnv;
  let zone: string;
  let alice: ApiUser;
  let bob: ApiUser;
  let aliceVm: string;

  beforeAll(async () => {
    env = await startInventoryEnv();
    zone = await env.createZone('events-zone');
    alice = await env.createUser({ name: 'alice' });
    bob = await env.createUser({ name: 'bob' });
    aliceVm = (await env.deployVm(alice.client, { zoneid: zone, name: 'alice-vm' })).id;
    await alice.client.jobResult('stopVirtualMachine', { id: aliceVm });
    // Alice tries to stop her VM while it is in Error: refused in the job, which is an ERROR event of hers.
    await env.query("UPDATE vm_instance SET state = 'Error' WHERE uuid = ?", [aliceVm]);
    await alice.client.runJob('stopVirtualMachine', { id: aliceVm });
    await env.query("UPDATE vm_instance SET state = 'Stopped' WHERE uuid = ?", [aliceVm]);
    // Alice tries to stop Bob's VM: refused before anything runs (an unknown id to her), so no event.
    const bobVm = (await env.deployVm(bob.client, { zoneid: zone, name: 'bob-vm' })).id;
    expect((await alice.client.call('stopVirtualMachine', { id: bobVm })).status).toBe(431);
  });

  afterAll(async () => {
    await env?.close();
  });

  it("records an async command's Started and Completed events, the second pointing at the first", async () => {
    const reply = await alice.client.call('listEvents', { type: 'VM.CREATE' });

    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(2);
    const [completed, started] = reply.body.event;
    expect(started).toEqual({
      id: expect.stringMatching(UUID),
      username: 'alice',
      type: 'VM.CREATE',
      level: 'INFO',
      description: 'Starting job for deploying Vm',
      account: 'alice',
      domainid: alice.domainId,
      domain: 'ROOT',
      created: expect.stringMatching(CLOUDSTACK_DATE),
      state: 'Started',
      resourcetype: 'VirtualMachine',
      resourceid: aliceVm,
    });
    expect(completed).toMatchObject({
      state: 'Completed',
      description: 'Successfully completed deploying Vm',
      parentid: started.id,
      resourcetype: 'VirtualMachine',
      resourceid: aliceVm,
    });
  });

  it('records a sync command with its Completed event only', async () => {
    const events = await env.admin.ok('listEvents', { type: 'ZONE.CREATE' });

    expect(eventsOf(events)).toEqual([
      expect.objectContaining({
        state: 'Completed',
        description: 'Successfully completed creating zone',
        username: 'admin',
        resourcetype: 'Zone',
        resourceid: zone,
      }),
    ]);
  });

  it('records a failed command as an ERROR event with the error text', async () => {
    const aliceErrors = await alice.client.ok('listEvents', { type: 'VM.STOP', level: 'error' });
    const started = await env.admin.jobResult('startVirtualMachine', { id: aliceVm });
    const failed = await env.admin.runJob('startVirtualMachine', { id: aliceVm });
    const adminErrors = await env.admin.ok('listEvents', { type: 'VM.START', level: 'ERROR' });

    expect(eventsOf(aliceErrors)).toEqual([
      expect.objectContaining({
        state: 'Completed',
        level: 'ERROR',
        description: `Error while stopping Vm: Unable to stop VM ${aliceVm} in state Error`,
      }),
    ]);
    expect(started.virtualmachine.state).toBe('Running');
    expect(failed.jobstatus).toBe(2);
    expect(eventsOf(adminErrors)).toEqual([
      expect.objectContaining({ description: `Error while starting Vm: The virtual machine ${aliceVm} (alice-vm) is already running` }),
    ]);
  });

  it("scopes events like any account resource: a user sees its own, an admin its own or everyone's with listall", async () => {
    const aliceSees = await alice.client.ok('listEvents', { listall: true });
    const adminOwn = await env.admin.ok('listEvents', {});
    const adminAll = await env.admin.ok('listEvents', { listall: true });
    const adminForBob = await env.admin.ok('listEvents', { account: 'bob', domainid: bob.domainId });

    const accounts = (body: { event?: { account: string }[] }): Set<string> => new Set((body.event ?? []).map((event) => event.account));
    expect(accounts(aliceSees)).toEqual(new Set(['alice']));
    expect(accounts(adminOwn)).toEqual(new Set(['admin']));
    expect(accounts(adminAll)).toEqual(new Set(['admin', 'alice', 'bob']));
    expect(accounts(adminForBob)).toEqual(new Set(['bob']));
  });

  it('lists newest first, pages with count as the total, and filters by keyword', async () => {
    const all = await env.admin.ok('listEvents', { listall: true, pagesize: -1 });
    const second = await env.admin.ok('listEvents', { listall: true, page: 2, pagesize: 3 });
    const keyword = await env.admin.ok('listEvents', { listall: true, keyword: 'stopping' });

    const ids = all.event.map((event: { id: string }) => event.id);
    expect(second.count).toBe(all.count);
    expect(second.event.map((event: { id: string }) => event.id)).toEqual(ids.slice(3, 6));
    const created = all.event.map((event: { created: string }) => event.created);
    expect([...created].sort().reverse()).toEqual(created);
    expect(eventsOf(keyword).length).toBeGreaterThan(0);
    expect(eventsOf(keyword).every((event) => event.type === 'VM.STOP')).toBe(true);
  });

  it('filters by date: an end date without a time covers that whole day', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);

    const untilToday = await env.admin.ok('listEvents', { listall: true, enddate: today });
    const fromTomorrow = await env.admin.call('listEvents', { listall: true, startdate: tomorrow });
    const all = await env.admin.ok('listEvents', { listall: true });
    const badDate = await env.admin.call('listEvents', { startdate: 'yesterday' });

    expect(untilToday.count).toBe(all.count);
    expect(fromTomorrow.body).toEqual({});
    expect(badDate.status).toBe(431);
  });

  it('shows the resource of an event by its uuid and type', async () => {
    const [vm] = await env.query<{ id: string; account_id: string; domain_id: string; user_id: string }>(
      'SELECT id, account_id, domain_id, user_id FROM vm_instance WHERE uuid = ?',
      [aliceVm],
    );
    const uuid = randomUUID();
    await env.query(
      "INSERT INTO event (uuid, type, state, description, user_id, account_id, domain_id, resource_id, resource_type, created, level, start_id) VALUES (?, 'BACKUP.CREATE', 'Completed', 'Backup created by the sync task', ?, ?, ?, ?, 'VirtualMachine', NOW(), 'INFO', 0)",
      [uuid, vm?.user_id, vm?.account_id, vm?.domain_id, vm?.id],
    );

    const events = await alice.client.ok('listEvents', { id: uuid });

    expect(events.event).toEqual([expect.objectContaining({ id: uuid, resourcetype: 'VirtualMachine', resourceid: aliceVm })]);
  });
});

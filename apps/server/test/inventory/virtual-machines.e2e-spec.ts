import { type Json } from '../support/json-body';
import { countStatements } from '../support/statement-counter';
import { CLOUDSTACK_DATE, UUID } from '../support/cloudstack-formats';
import { type ApiUser, type InventoryEnv, startInventoryEnv } from './support/inventory-env';
import { protectVm } from './support/protect-vm';

const GIB = 1024 ** 3;

const names = (list: { virtualmachine?: { name: string }[] }): string[] => (list.virtualmachine ?? []).map((vm) => vm.name);

describe('virtual machines over signed HTTP', () => {
  let env: InventoryEnv;
  let zone: string;
  let rootDomain: string;
  let alice: ApiUser;
  let bob: ApiUser;

  beforeAll(async () => {
    env = await startInventoryEnv();
    zone = await env.createZone('vm-zone');
    rootDomain = (await env.admin.ok('listDomains', {})).domain[0].id;
    alice = await env.createUser({ name: 'alice' });
    bob = await env.createUser({ name: 'bob' });
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('deployVirtualMachine', () => {
    it('answers {id, jobid} at once, then the Running VM as the job result', async () => {
      const submitted = await alice.client.call('deployVirtualMachine', {
        zoneid: zone,
        name: 'web-1',
        serviceofferingid: '11111111-2222-3333-4444-555555555555',
        templateid: '11111111-2222-3333-4444-666666666666',
      });

      expect(submitted.status).toBe(200);
      expect(submitted.body).toEqual({ id: expect.stringMatching(UUID), jobid: expect.stringMatching(UUID) });
      const job = await alice.client.waitForJob(submitted.body.jobid);
      expect(job).toMatchObject({
        jobstatus: 1,
        jobresultcode: 0,
        jobinstancetype: 'VirtualMachine',
        jobinstanceid: submitted.body.id,
        cmd: 'org.apache.cloudstack.api.command.user.vm.DeployVMCmd',
      });
      expect(job.jobresult).toEqual({
        virtualmachine: {
          id: submitted.body.id,
          name: 'web-1',
          displayname: 'web-1',
          account: 'alice',
          userid: alice.userId,
          username: 'alice',
          domainid: rootDomain,
          domain: 'ROOT',
          created: expect.stringMatching(CLOUDSTACK_DATE),
          state: 'Running',
          haenable: false,
          zoneid: zone,
          zonename: 'vm-zone',
          hypervisor: 'Simulator',
          rootdeviceid: 0,
          rootdevicetype: 'ROOT',
        },
      });
    });

    it('records vm_instance with CloudStack\u2019s instance name and a ROOT volume (+ a data disk) in one go', async () => {
      const vm = await env.deployVm(alice.client, { zoneid: zone, name: 'db-1', rootdisksize: 20, size: 50 });

      const [row] = await env.query<{ id: string; account_id: string; instance_name: string; hypervisor_type: string; type: string }>(
        'SELECT id, account_id, instance_name, hypervisor_type, type FROM vm_instance WHERE uuid = ?',
        [vm.id],
      );
      expect(row).toMatchObject({ instance_name: `i-${row?.account_id}-${row?.id}-VM`, hypervisor_type: 'Simulator', type: 'User' });
      const volumes = await alice.client.ok('listVolumes', { virtualmachineid: vm.id });
      expect(volumes.count).toBe(2);
      expect(volumes.volume).toEqual([
        expect.objectContaining({ name: `ROOT-${row?.id}`, type: 'ROOT', deviceid: 0, size: 20 * GIB, state: 'Ready', virtualmachineid: vm.id, vmname: 'db-1', vmstate: 'Running', account: 'alice', zoneid: zone }),
        expect.objectContaining({ name: `DATA-${row?.id}`, type: 'DATADISK', deviceid: 1, size: 50 * GIB }),
      ]);
    });

    it('leaves the VM Stopped with startvm=false, with an 8 GB ROOT disk by default, named VM-<uuid> without a name', async () => {
      const vm = await env.deployVm(alice.client, { zoneid: zone, startvm: false });

      expect(vm).toMatchObject({ state: 'Stopped', name: `VM-${vm.id}` });
      const volumes = await alice.client.ok('listVolumes', { virtualmachineid: vm.id });
      expect(volumes.volume).toEqual([expect.objectContaining({ type: 'ROOT', size: 8 * GIB })]);
    });

    it('shows the instance name to root admins only', async () => {
      const vm = await env.deployVm(alice.client, { zoneid: zone, name: 'named-instance' });

      const asAdmin = await env.admin.ok('listVirtualMachines', { id: vm.id });
      const asOwner = await alice.client.ok('listVirtualMachines', { id: vm.id });

      expect(asAdmin.virtualmachine[0].instancename).toMatch(/^i-\d+-\d+-VM$/);
      expect(asOwner.virtualmachine[0]).not.toHaveProperty('instancename');
    });

    it('refuses bad input synchronously, before any job exists', async () => {
      const badName = await alice.client.call('deployVirtualMachine', { zoneid: zone, name: '1-starts-with-digit' });
      const noZone = await alice.client.call('deployVirtualMachine', { name: 'nowhere' });
      const halfOwner = await env.admin.call('deployVirtualMachine', { zoneid: zone, account: 'alice' });

      expect(badName.status).toBe(431);
      expect(badName.body.errortext).toMatch(/^Invalid name\. Vm name can contain ASCII letters/);
      expect(noZone.body).toMatchObject({ errorcode: 431, errortext: 'Unable to execute API command deployvirtualmachine due to missing parameter zoneid' });
      expect(halfOwner.body).toMatchObject({ errorcode: 431, errortext: 'AccountName and domainId must be specified together' });
    });

    it('lets an admin deploy for another account with account + domainid, but not a user', async () => {
      const forAlice = await env.deployVm(env.admin, { zoneid: zone, name: 'admin-made', account: 'alice', domainid: rootDomain });
      const refused = await bob.client.call('deployVirtualMachine', { zoneid: zone, account: 'alice', domainid: rootDomain });

      expect(forAlice).toMatchObject({ account: 'alice', username: 'admin' });
      expect(refused.status).toBe(531);
    });

    it('refuses deployments into a disabled zone for non-admins', async () => {
      const disabled = await env.createZone('vm-zone-disabled', { allocationstate: 'Disabled' });

      const reply = await alice.client.call('deployVirtualMachine', { zoneid: disabled });

      expect(reply.body).toMatchObject({ errorcode: 531, errortext: `Cannot perform this operation, Zone is currently disabled: ${disabled}` });
    });
  });

  describe('start, stop, destroy', () => {
    it('moves a VM through Stopped, Running and Destroyed as jobs', async () => {
      const vm = await env.deployVm(alice.client, { zoneid: zone, name: 'cycle' });

      const stopped = await alice.client.jobResult('stopVirtualMachine', { id: vm.id });
      const started = await alice.client.jobResult('startVirtualMachine', { id: vm.id });
      const destroyed = await alice.client.jobResult('destroyVirtualMachine', { id: vm.id });

      expect(stopped.virtualmachine).toMatchObject({ id: vm.id, state: 'Stopped' });
      expect(started.virtualmachine).toMatchObject({ id: vm.id, state: 'Running' });
      expect(destroyed.virtualmachine).toMatchObject({ id: vm.id, state: 'Destroyed' });
    });

    it('fails a job that starts a running VM', async () => {
      const vm = await env.deployVm(alice.client, { zoneid: zone, name: 'already-running' });

      const job = await alice.client.runJob('startVirtualMachine', { id: vm.id });

      expect(job).toMatchObject({
        jobstatus: 2,
        jobresultcode: 431,
        jobresult: { errorcode: 431, errortext: `The virtual machine ${vm.id} (already-running) is already running` },
      });
    });

    it('hides destroyed VMs from their user but not from admins; expunge removes them', async () => {
      const vm = await env.deployVm(alice.client, { zoneid: zone, name: 'to-expunge' });
      await alice.client.jobResult('destroyVirtualMachine', { id: vm.id, expunge: true });

      const asUser = await alice.client.ok('listVirtualMachines', { name: 'to-expunge' });
      const asAdmin = await env.admin.ok('listVirtualMachines', { id: vm.id });
      expect(asUser).toEqual({});
      // expunge is for admins only: the user's flag was ignored and the VM is merely Destroyed.
      expect(asAdmin.virtualmachine[0]).toMatchObject({ state: 'Destroyed' });

      const expunged = await env.admin.jobResult('destroyVirtualMachine', { id: vm.id, expunge: true });
      expect(expunged.virtualmachine).toMatchObject({ state: 'Expunging' });
      expect(await env.admin.call('listVirtualMachines', { id: vm.id })).toMatchObject({ status: 431 });
      const [root] = await env.query<{ removed: Date | null }>(
        "SELECT v.removed FROM volumes v JOIN vm_instance vm ON vm.id = v.instance_id WHERE vm.uuid = ? AND v.volume_type = 'ROOT'",
        [vm.id],
      );
      expect(root?.removed).toEqual(expect.any(Date));
    });
  });

  describe('ownership and scoping', () => {
    let aliceVm: string;
    let bobVm: string;

    beforeAll(async () => {
      aliceVm = (await env.deployVm(alice.client, { zoneid: zone, name: 'alice-own' })).id;
      bobVm = (await env.deployVm(bob.client, { zoneid: zone, name: 'bob-own' })).id;
      await env.deployVm(env.admin, { zoneid: zone, name: 'admin-own' });
    });

    it('shows a user its own VMs only, even with listall', async () => {
      const mine = await alice.client.ok('listVirtualMachines', { listall: true });
      const byId = await alice.client.call('listVirtualMachines', { id: bobVm });

      expect(names(mine)).toContain('alice-own');
      expect(names(mine)).not.toContain('bob-own');
      expect(names(mine)).not.toContain('admin-own');
      // Another account's VM is an unknown id to her (README, "Security decisions").
      expect(byId).toMatchObject({ status: 431, body: { errorcode: 431, cserrorcode: 9999 } });
    });

    it("answers a user addressing another account's VM as an unknown id, and runs nothing", async () => {
      const reply = await alice.client.call('stopVirtualMachine', { id: bobVm });

      expect(reply).toMatchObject({
        status: 431,
        body: {
          errorcode: 431,
          errortext:
            `Unable to execute API command stopvirtualmachine due to invalid value. Invalid parameter id value=${bobVm} due to ` +
            'incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.',
        },
      });
      expect((await bob.client.ok('listVirtualMachines', { id: bobVm })).virtualmachine[0].state).toBe('Running');
    });

    it('shows an admin its own VMs without listall, everyone\u2019s with listall', async () => {
      const own = await env.admin.ok('listVirtualMachines', {});
      const all = await env.admin.ok('listVirtualMachines', { listall: true });
      const oneAccount = await env.admin.ok('listVirtualMachines', { account: 'bob', domainid: rootDomain });

      expect(names(own)).toContain('admin-own');
      expect(names(own)).not.toContain('alice-own');
      expect(names(all)).toEqual(expect.arrayContaining(['admin-own', 'alice-own', 'bob-own']));
      expect(names(oneAccount)).toEqual(['bob-own']);
      expect(all.count).toBe(all.virtualmachine.length);
    });

    it("shows a domain admin its domain tree's VMs, and refuses the rest", async () => {
      const { domain: branch } = await env.admin.ok('createDomain', { name: 'branch' });
      const { domain: office } = await env.admin.ok('createDomain', { name: 'office', parentdomainid: branch.id });
      const manager = await env.createUser({ name: 'branch-manager', accounttype: 2, domainid: branch.id });
      const clerk = await env.createUser({ name: 'office-clerk', domainid: office.id });
      await env.deployVm(clerk.client, { zoneid: zone, name: 'clerk-vm' });

      const tree = await manager.client.ok('listVirtualMachines', { listall: true });
      const outside = await manager.client.call('listVirtualMachines', { domainid: rootDomain });
      const stopOutside = await manager.client.call('stopVirtualMachine', { id: aliceVm });
      const stopInside = await manager.client.jobResult('stopVirtualMachine', { id: tree.virtualmachine[0].id });

      expect(names(tree)).toEqual(['clerk-vm']);
      expect(outside.status).toBe(531);
      expect(stopOutside).toMatchObject({ status: 431, body: { errorcode: 431, cserrorcode: 9999 } });
      expect(stopInside.virtualmachine.state).toBe('Stopped');
    });

    it('carries the backup policy of protected VMs under both vocabularies and filters by either', async () => {
      const protectedVm = await env.deployVm(alice.client, { zoneid: zone, name: 'protected' });
      const policy = await protectVm(env, protectedVm.id, 'gold');

      const listed = await alice.client.ok('listVirtualMachines', { id: protectedVm.id });
      const byPolicy = await env.admin.ok('listVirtualMachines', { backuppolicyid: policy, listall: true });
      const unprotected = await alice.client.ok('listVirtualMachines', { id: aliceVm });

      const byOffering = await env.admin.ok('listVirtualMachines', { backupofferingid: policy, listall: true });
      const otherPolicy = await protectVm(
        env,
        (await env.deployVm(alice.client, { zoneid: zone, name: 'protected-2' })).id,
        'offering-filter',
      );
      const both = await env.admin.ok('listVirtualMachines', {
        backuppolicyid: policy,
        backupofferingid: otherPolicy,
        listall: true,
      });

      expect(listed.virtualmachine[0]).toMatchObject({
        backuppolicyid: policy,
        backuppolicyname: 'gold',
        backupofferingid: policy,
        backupofferingname: 'gold',
      });
      expect(names(byPolicy)).toEqual(['protected']);
      expect(names(byOffering)).toEqual(['protected']);
      expect(names(both)).toEqual([]);
      expect(unprotected.virtualmachine[0]).not.toHaveProperty('backuppolicyid');
      expect(unprotected.virtualmachine[0]).not.toHaveProperty('backupofferingid');
    });

    it('lists a page of VMs in as many statements whatever the page size (no query per VM)', async () => {
      for (const name of ['bulk-1', 'bulk-2', 'bulk-3', 'bulk-4']) {
        const vm = await env.deployVm(alice.client, { zoneid: zone, name });
        await protectVm(env, vm.id, `policy-${name}`);
      }

      let largePage: Record<string, Json> = {};
      const small = await countStatements(env.dataSource, () => alice.client.ok('listVirtualMachines', { page: 1, pagesize: 1 }));
      const large = await countStatements(env.dataSource, async () => {
        largePage = await alice.client.ok('listVirtualMachines', { page: 1, pagesize: 50 });
      });

      expect(largePage.virtualmachine?.length).toBeGreaterThanOrEqual(5);
      expect(small).toBeGreaterThanOrEqual(2);
      expect(large).toBe(small);
    });

    it('pages VMs with count as the total', async () => {
      const first = await env.admin.ok('listVirtualMachines', { listall: true, page: 1, pagesize: 2 });
      const total = (await env.admin.ok('listVirtualMachines', { listall: true })).count;

      expect(first.virtualmachine).toHaveLength(2);
      expect(first.count).toBe(total);
    });
  });

  describe('volumes', () => {
    it('detaches and re-attaches a data disk, on the lowest free device', async () => {
      const vm = await env.deployVm(alice.client, { zoneid: zone, name: 'disks', size: 10 });
      const dataDisk = (await alice.client.ok('listVolumes', { virtualmachineid: vm.id, type: 'DATADISK' })).volume[0];

      const detached = await alice.client.runJob('detachVolume', { id: dataDisk.id });
      const attached = await alice.client.jobResult('attachVolume', { id: dataDisk.id, virtualmachineid: vm.id });

      expect(detached).toMatchObject({ jobstatus: 1, jobinstancetype: 'Volume', jobinstanceid: dataDisk.id });
      expect(detached.jobresult.volume).toMatchObject({ id: dataDisk.id, type: 'DATADISK' });
      expect(detached.jobresult.volume).not.toHaveProperty('virtualmachineid');
      expect(detached.jobresult.volume).not.toHaveProperty('deviceid');
      expect(attached.volume).toMatchObject({ id: dataDisk.id, virtualmachineid: vm.id, deviceid: 1, vmname: 'disks' });
    });

    it('refuses to attach to or detach from a VM that has a backup policy', async () => {
      const spare = await env.deployVm(alice.client, { zoneid: zone, name: 'spare', size: 5 });
      const disk = (await alice.client.ok('listVolumes', { virtualmachineid: spare.id, type: 'DATADISK' })).volume[0];
      await alice.client.jobResult('detachVolume', { id: disk.id });
      const target = await env.deployVm(alice.client, { zoneid: zone, name: 'guarded', size: 5 });
      const targetDisk = (await alice.client.ok('listVolumes', { virtualmachineid: target.id, type: 'DATADISK' })).volume[0];
      await protectVm(env, target.id, 'silver');

      const attach = await alice.client.runJob('attachVolume', { id: disk.id, virtualmachineid: target.id });
      const detach = await alice.client.runJob('detachVolume', { id: targetDisk.id });

      expect(attach).toMatchObject({
        jobstatus: 2,
        jobresult: { errorcode: 431, errortext: 'Unable to attach volume, please specify a VM that does not have any backups' },
      });
      expect(detach).toMatchObject({
        jobstatus: 2,
        jobresult: {
          errorcode: 431,
          errortext:
            'Unable to detach volume, cannot detach volume from a VM that has backups. First remove the VM from the backup policy',
        },
      });
    });

    it('refuses the ROOT volume and another account\u2019s volume', async () => {
      const vm = await env.deployVm(bob.client, { zoneid: zone, name: 'bob-disks', size: 5 });
      const [root, data] = (await bob.client.ok('listVolumes', { virtualmachineid: vm.id })).volume;

      const rootDetach = await bob.client.runJob('detachVolume', { id: root.id });
      const stolen = await alice.client.call('detachVolume', { id: data.id });
      const listedByAlice = await alice.client.call('listVolumes', { id: data.id });

      expect(rootDetach).toMatchObject({ jobstatus: 2, jobresult: { errorcode: 431, errortext: 'Root volume detach is not supported for hypervisor type Simulator' } });
      // Another account's volume is an unknown id to her (README, "Security decisions").
      expect(stolen).toMatchObject({ status: 431, body: { errorcode: 431, cserrorcode: 9999 } });
      expect(listedByAlice).toMatchObject({ status: 431, body: { errorcode: 431, cserrorcode: 9999 } });
    });

    it('detaches by device id and VM, and explains what detachVolume needs', async () => {
      const vm = await env.deployVm(alice.client, { zoneid: zone, name: 'by-device', size: 5 });

      const byDevice = await alice.client.jobResult('detachVolume', { virtualmachineid: vm.id, deviceid: 1 });
      const nothing = await alice.client.runJob('detachVolume', {});

      expect(byDevice.volume).toMatchObject({ type: 'DATADISK', state: 'Ready' });
      expect(nothing).toMatchObject({
        jobstatus: 2,
        jobresult: { errorcode: 431, errortext: 'Please provide either a volume id, or a tuple(device id, instance id)' },
      });
    });
  });
});

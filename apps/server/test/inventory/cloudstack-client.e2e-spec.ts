import { randomBytes } from 'node:crypto';

import { runCloudstack } from '../support/cloudstack-cli';
import { type InventoryEnv, startInventoryEnv } from './support/inventory-env';

/**
 * The setup of CloudStack's Marvin backup smoke test (protocol doc §11.1), driven with the real
 * exoscale `cloudstack` client: it signs with signatureVersion 3 and polls async jobs itself.
 */
describe('inventory commands through the real cloudstack client', () => {
  let env: InventoryEnv;
  let admin: { apiKey: string; secretKey: string };

  beforeAll(async () => {
    env = await startInventoryEnv();
    const [adminUser] = await env.query<{ uuid: string }>("SELECT uuid FROM user WHERE username = 'admin'");
    const { userkeys } = await env.admin.ok('getUserKeys', { id: adminUser?.uuid ?? '' });
    admin = { apiKey: userkeys.apikey, secretKey: userkeys.secretkey };
    await env.createZone('marvin-zone');
  });

  afterAll(async () => {
    await env?.close();
  });

  it('runs the smoke test setup: zone, domain, configuration, account, VM, then the cleanup', async () => {
    const run = (command: string, params: Readonly<Record<string, string | number | boolean>> = {}) =>
      runCloudstack(env.url, admin, command, params);

    const zones = await run('listZones', { name: 'marvin-zone' });
    const zone = zones.json.zone[0];
    const domains = await run('listDomains');
    const enabled = await run('listConfigurations', { name: 'backup.framework.enabled', zoneid: zone.id });
    const updated = await run('updateConfiguration', { name: 'backup.framework.enabled', value: 'true', zoneid: zone.id });
    const suffix = randomBytes(3).toString('hex');
    const account = await run('createAccount', {
      username: `test-${suffix}`,
      password: 'password',
      email: 'test@example.com',
      firstname: 'Test',
      lastname: 'User',
      accounttype: 0,
      domainid: domains.json.domain[0].id,
    });
    const deployed = await run('deployVirtualMachine', {
      zoneid: zone.id,
      templateid: '00000000-0000-4000-8000-000000000001',
      serviceofferingid: '00000000-0000-4000-8000-000000000002',
      account: account.json.account.name,
      domainid: account.json.account.domainid,
      size: 1,
    });
    const vms = await run('listVirtualMachines', { id: deployed.json.virtualmachine.id, listall: true });
    const volumes = await run('listVolumes', { virtualmachineid: deployed.json.virtualmachine.id, listall: true });
    const destroyed = await run('destroyVirtualMachine', { id: deployed.json.virtualmachine.id, expunge: true });
    const deleted = await run('deleteAccount', { id: account.json.account.id });

    expect(zones).toMatchObject({ exitCode: 0, json: { count: 1 } });
    expect(domains.json.domain[0]).toMatchObject({ name: 'ROOT' });
    expect(enabled.json.configuration[0]).toMatchObject({ value: 'false', scope: 'zone' });
    expect(updated.json.configuration).toMatchObject({ value: 'true' });
    expect(account.exitCode).toBe(0);
    expect(deployed).toMatchObject({ exitCode: 0, json: { virtualmachine: { state: 'Running', zoneid: zone.id, hypervisor: 'Simulator' } } });
    expect(vms.json).toMatchObject({ count: 1, virtualmachine: [{ account: `test-${suffix}` }] });
    expect(volumes.json.volume.map((volume: { type: string }) => volume.type)).toEqual(['ROOT', 'DATADISK']);
    expect(destroyed.json.virtualmachine).toMatchObject({ state: 'Expunging' });
    expect(deleted).toMatchObject({ exitCode: 0, json: { success: true } });
  });

  it('exits non-zero with the error envelope on a refused command', async () => {
    const run = await runCloudstack(env.url, admin, 'createZone', { name: 'marvin-zone', dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Basic' });

    expect(run.exitCode).not.toBe(0);
    expect(run.json).toMatchObject({
      createzoneresponse: { errorcode: 431, errortext: 'A zone with that name already exists. Please specify a unique zone name.' },
    });
  });
});

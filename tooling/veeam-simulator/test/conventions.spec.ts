import { startVeeamSimulator } from '../src';
import { useDemoSimulator } from './support/demo-simulator';
import { findVm, VCENTER } from './support/fixtures';
import { pagedOf, shapeErrors } from './support/shape';
import { PERSONALITIES, VbrClient } from './support/vbr-client';
import { backupFileShape, familyOf, inventoryObjectShape } from './support/vbr-shapes';

describe.each(PERSONALITIES)(
  'inventory and conventions, VBR $personality ($revision)',
  ({ personality, revision }) => {
    const env = useDemoSimulator(personality);
    const family = familyOf(revision);

    it('lists the vCenter VBR knows, by its FQDN', async () => {
      const response = await env.client.get('/api/v1/inventory/vmware/hosts');
      expect(
        shapeErrors(response.body, pagedOf(inventoryObjectShape(family, 'vCenterServer'))),
      ).toEqual([]);
      expect(response.body.data.map((vc: { name: string }) => vc.name)).toEqual([VCENTER]);
    });

    it('browses the vCenter with type, name, moref and hierarchy filters', async () => {
      const vms = await env.client.get(`/api/v1/inventory/vmware/hosts/${VCENTER}`, {
        query: { typeFilter: 'VirtualMachine', nameFilter: 'web-*', orderColumn: 'Name' },
      });
      expect(
        shapeErrors(vms.body, pagedOf(inventoryObjectShape(family, 'VirtualMachine'))),
      ).toEqual([]);
      expect(vms.body.data.map((vm: { name: string }) => vm.name)).toEqual(['web-01', 'web-02']);
      expect(vms.body.data[0].hostName).toBe(VCENTER);
      const byMoref = await env.client.get(`/api/v1/inventory/vmware/hosts/${VCENTER}`, {
        query: { objectIdFilter: vms.body.data[1].objectId },
      });
      expect(byMoref.body.data).toEqual([vms.body.data[1]]);
      const storage = await env.client.get(`/api/v1/inventory/vmware/hosts/${VCENTER}`, {
        query: { hierarchyTypeFilter: 'HostsAndDatastores', typeFilter: 'Datastore' },
      });
      expect(storage.body.data.map((ds: { name: string }) => ds.name)).toEqual([
        'datastore1',
        'datastore2',
      ]);
      const unknownType = await env.client.get(`/api/v1/inventory/vmware/hosts/${VCENTER}`, {
        query: { typeFilter: 'Spaceship' },
      });
      expect(unknownType.status).toBe(400);
      const unknownHost = await env.client.get('/api/v1/inventory/vmware/hosts/10.0.0.1');
      expect(unknownHost.status).toBe(404);
      expect(unknownHost.body.errorCode).toBe('NotFound');
    });

    it('sees VMs that appear and disappear in vCenter', async () => {
      const added = env.simulator.controls.addVm({ name: 'fresh-vm', diskSizesGb: [8] });
      expect((await findVm(env.client, 'fresh-vm'))['objectId']).toBe(added.objectId);
      env.simulator.controls.removeVm(added.objectId);
      const gone = await env.client.get(`/api/v1/inventory/vmware/hosts/${VCENTER}`, {
        query: { nameFilter: 'fresh-vm' },
      });
      expect(gone.body.pagination.total).toBe(0);
    });

    it('answers unknown paths, wrong methods and bad ids with Veeam error bodies', async () => {
      const unknown = await env.client.get('/api/v1/nothing-here');
      expect(unknown.status).toBe(404);
      expect(unknown.body.errorCode).toBe('InvalidURI');
      const method = await env.client.request('PATCH', '/api/v1/jobs');
      expect(method.status).toBe(405);
      expect(method.body.errorCode).toBe('MethodNotAllowed');
      const badId = await env.client.get('/api/v1/backups/42');
      expect(badId.status).toBe(400);
      expect(badId.body.errorCode).toBe('UnexpectedContent');
      expect(badId.contentType).toContain('application/json');
    });
  },
);

describe('VBR 13.0.1 (newest revision 1.3-rev1)', () => {
  it('reports its build, refuses 1.3-rev2, and renders files with objectId', async () => {
    const simulator = await startVeeamSimulator({
      personality: '13',
      newestRevision: '1.3-rev1',
      port: 0,
      seed: 'demo',
    });
    const client = new VbrClient(simulator, '1.3-rev1');
    try {
      await client.login();
      expect((await client.get('/api/v1/serverInfo')).body.buildVersion).toBe('13.0.1.180');
      expect((await client.get('/api/v1/serverInfo', { revision: '1.3-rev2' })).status).toBe(400);
      const backup = (await client.get('/api/v1/backups')).body.data[0];
      const files = await client.get(`/api/v1/backups/${backup.id}/backupFiles`);
      expect(shapeErrors(files.body, pagedOf(backupFileShape('v13')))).toEqual([]);
      const details = await client.post(`/api/v1/backups/${backup.id}/details`, { json: {} });
      expect(details.status).toBe(404);
    } finally {
      await client.close();
      await simulator.close();
    }
  });

  it('refuses impossible personalities', async () => {
    await expect(
      startVeeamSimulator({ personality: '12', newestRevision: '1.3-rev2', port: 0 }),
    ).rejects.toThrow(RangeError);
  });
});

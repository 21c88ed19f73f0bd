import { shapeErrors } from './support/shape';
import { findInfra, findVm } from './support/fixtures';
import { useDemoSimulator } from './support/demo-simulator';
import { PERSONALITIES, startWithClient, type Json } from './support/vbr-client';
import { familyOf, sessionShape } from './support/vbr-shapes';

describe.each(PERSONALITIES)(
  'entire-VM restore, VBR $personality ($revision)',
  ({ personality, revision }) => {
    const env = useDemoSimulator(personality);
    const family = familyOf(revision);

    async function latestPointOf(vmName: string): Promise<Json> {
      const points = await env.client.get('/api/v1/restorePoints', {
        query: { nameFilter: vmName, orderColumn: 'CreationTime', orderAsc: false, limit: 1 },
      });
      return points.body.data[0];
    }

    async function restore(body: Record<string, unknown>) {
      return env.client.post('/api/v1/restore/vmRestore/vSphere', { json: body });
    }

    const inPlace = personality === '12' ? {} : { overwrite: true };

    it('restores in place: a RestoreVm session, the same moref', async () => {
      const point = await latestPointOf('db-01');
      const vmBefore = env.simulator.controls.listVms({ name: 'db-01' })[0]!;
      const response = await restore({
        type: 'OriginalLocation',
        restorePointId: point.id,
        powerUp: false,
        ...inPlace,
      });
      expect(response.status).toBe(201);
      expect(shapeErrors(response.body, sessionShape(family))).toEqual([]);
      expect(response.body.sessionType).toBe('RestoreVm');
      const done = await env.client.waitForSession(response.body.id);
      expect(done.result.result).toBe('Success');
      const vmAfter = env.simulator.controls.getVm(vmBefore.objectId)!;
      expect(vmAfter).toMatchObject({
        name: 'db-01',
        restoredInPlace: 1,
        powerState: 'PoweredOff',
      });
      expect(env.simulator.controls.listVms({ name: 'db-01' })).toHaveLength(1);
    });

    it('registers a VM again, with a new moref, when the original is gone', async () => {
      const point = await latestPointOf('db-01');
      const original = env.simulator.controls.listVms({ name: 'db-01' })[0]!;
      env.simulator.controls.removeVm(original.objectId);
      const response = await restore({
        type: 'OriginalLocation',
        restorePointId: point.id,
        powerUp: true,
      });
      await env.client.waitForSession(response.body.id);
      const again = env.simulator.controls.listVms({ name: 'db-01' });
      expect(again).toHaveLength(1);
      expect(again[0]!.objectId).not.toBe(original.objectId);
      expect(again[0]!.powerState).toBe('PoweredOn');
      expect(again[0]!.disks.map((disk) => disk.capacityBytes)).toEqual(
        original.disks.map((disk) => disk.capacityBytes),
      );
    });

    if (personality === '13') {
      it('fails an in-place restore over an existing VM without overwrite (1.3-rev1+)', async () => {
        const point = await latestPointOf('db-01');
        const response = await restore({
          type: 'OriginalLocation',
          restorePointId: point.id,
          overwrite: false,
        });
        const done = await env.client.waitForSession(response.body.id);
        expect(done.result.result).toBe('Failed');
        expect(done.result.message).toContain('overwrite');
      });
    }

    it('ends a restore Failed with the message when a failure is injected, and changes no VM', async () => {
      const point = await latestPointOf('db-01');
      env.simulator.controls.injectSessionFault({
        sessionType: 'RestoreVm',
        outcome: 'Failed',
        message: 'Not enough space on datastore2',
        times: 1,
      });
      const vm = env.simulator.controls.listVms({ name: 'db-01' })[0]!;
      const response = await restore({
        type: 'OriginalLocation',
        restorePointId: point.id,
        ...inPlace,
      });
      const done = await env.client.waitForSession(response.body.id);
      expect(done.result).toMatchObject({
        result: 'Failed',
        message: 'Not enough space on datastore2',
      });
      expect(env.simulator.controls.getVm(vm.objectId)?.restoredInPlace).toBe(0);
    });

    it('restores to another host and datastore under a new name (Customized)', async () => {
      const point = await latestPointOf('db-01');
      const host = await findInfra(env.client, 'Host', 'esx02.sim.local');
      const datastore = await findInfra(env.client, 'Datastore', 'datastore2');
      const folder = await findInfra(env.client, 'Folder', 'VMs');
      const network = await findInfra(env.client, 'Network', 'VM Network');
      const response = await restore({
        type: 'Customized',
        restorePointId: point.id,
        powerUp: false,
        destinationHost: host,
        datastore:
          personality === '12'
            ? { configurationFileDatastore: datastore }
            : { defaultDatastore: datastore },
        folder: { vmName: 'CS-RSTR-1234', folder },
        network:
          personality === '12'
            ? { network, disconnected: false }
            : {
                networks: [{ sourceNetwork: network, targetNetwork: network }],
                disconnected: false,
              },
      });
      expect(response.status).toBe(201);
      const done = await env.client.waitForSession(response.body.id);
      expect(done.result.result).toBe('Success');
      const created = env.simulator.controls.listVms({ name: 'CS-RSTR-1234' });
      expect(created).toHaveLength(1);
      expect(created[0]).toMatchObject({
        hostName: 'esx02.sim.local',
        datastoreName: 'datastore2',
        powerState: 'PoweredOff',
      });
      const inInventory = await findVm(env.client, 'CS-RSTR-1234');
      expect(inInventory['objectId']).toBe(created[0]!.objectId);
      const logs = await env.client.get(`/api/v1/sessions/${response.body.id}/logs`);
      expect(
        logs.body.records.map((record: { title: string }) => record.title).join('\n'),
      ).toContain('CS-RSTR-1234');
    });

    it('validates the restore spec and changes nothing when it is wrong', async () => {
      const point = await latestPointOf('db-01');
      const host = await findInfra(env.client, 'Host', 'esx02.sim.local');
      const network = await findInfra(env.client, 'Network', 'VM Network');
      const vmsBefore = env.simulator.controls.listVms().length;
      const cases: [Record<string, unknown>, number][] = [
        [{ type: 'OriginalLocation', restorePointId: '0899c74d-53f0-413a-a731-e1e7297285ba' }, 404],
        [{ type: 'Elsewhere', restorePointId: point.id }, 400],
        [{ type: 'Customized', restorePointId: point.id }, 400],
        [
          {
            type: 'Customized',
            restorePointId: point.id,
            destinationHost: { ...host, objectId: 'host-999', name: 'nope' },
          },
          400,
        ],
        [
          {
            type: 'Customized',
            restorePointId: point.id,
            destinationHost: host,
            folder: { vmName: 'x' },
          },
          400,
        ],
        [
          {
            type: 'Customized',
            restorePointId: point.id,
            destinationHost: host,
            // The other revision's network shape.
            network:
              personality === '12'
                ? { networks: [{ sourceNetwork: network, targetNetwork: network }] }
                : { network },
          },
          400,
        ],
        [
          {
            type: 'Customized',
            restorePointId: point.id,
            destinationHost: { ...host, platform: personality === '12' ? 'VSphere' : 'VMware' },
          },
          400,
        ],
      ];
      for (const [body, status] of cases) {
        const response = await restore(body);
        expect({ body, status: response.status }).toEqual({ body, status });
        expect(response.body.errorCode).toBe(status === 404 ? 'NotFound' : 'UnexpectedContent');
      }
      expect(env.simulator.controls.listSessions({ type: 'RestoreVm' })).toHaveLength(0);
      expect(env.simulator.controls.listVms()).toHaveLength(vmsBefore);
    });

    it('needs Backup Administrator or Restore Operator', async () => {
      const other = await startWithClient({
        personality,
        users: [
          { username: 'administrator', password: 'Veeam123!', role: 'BackupAdministrator' },
          { username: 'operator', password: 'op', role: 'BackupOperator' },
        ],
      });
      try {
        const points = await other.client.get('/api/v1/restorePoints', {
          query: { nameFilter: 'db-01', limit: 1 },
        });
        await other.client.login('operator', 'op');
        const response = await other.client.post('/api/v1/restore/vmRestore/vSphere', {
          json: { type: 'OriginalLocation', restorePointId: points.body.data[0].id },
        });
        expect(response.status).toBe(403);
        expect(other.simulator.controls.listSessions()).toHaveLength(0);
      } finally {
        await other.stop();
      }
    });
  },
);

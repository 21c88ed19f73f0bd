import { pagedOf, shapeErrors } from './support/shape';
import { createJobFor, jobByName, runJob } from './support/fixtures';
import { useDemoSimulator } from './support/demo-simulator';
import { PERSONALITIES } from './support/vbr-client';
import {
  BACKUP_DETAILS,
  backupFileShape,
  backupObjectShape,
  backupShape,
  diskShape,
  familyOf,
  restorePointShape,
  sessionShape,
} from './support/vbr-shapes';

describe.each(PERSONALITIES)(
  'backups and restore points, VBR $personality ($revision)',
  ({ personality, revision }) => {
    const env = useDemoSimulator(personality);
    const family = familyOf(revision);

    async function backupOf(jobName: string) {
      const job = await jobByName(env.client, jobName);
      const response = await env.client.get('/api/v1/backups', { query: { jobIdFilter: job.id } });
      expect(response.status).toBe(200);
      expect(response.body.data).toHaveLength(1);
      return response.body.data[0];
    }

    it('finds the backup of a job, shaped per revision', async () => {
      const all = await env.client.get('/api/v1/backups', { query: { limit: 50 } });
      expect(shapeErrors(all.body, pagedOf(backupShape(family)))).toEqual([]);
      const backup = await backupOf('db-01-nightly');
      expect(backup.name).toBe('db-01-nightly');
      expect((await env.client.get(`/api/v1/backups/${backup.id}`)).body).toEqual(backup);
    });

    it('lists backup objects with the moref and restorePointsCount, globally and per backup', async () => {
      const backup = await backupOf('db-01-nightly');
      const objects = await env.client.get(`/api/v1/backups/${backup.id}/objects`);
      expect(shapeErrors(objects.body, pagedOf(backupObjectShape(family)))).toEqual([]);
      const vm = env.simulator.controls.listVms({ name: 'db-01' })[0]!;
      expect(objects.body.data).toEqual([
        expect.objectContaining({ name: 'db-01', objectId: vm.objectId, restorePointsCount: 3 }),
      ]);
      if (family === 'v13rev2') {
        expect(objects.body.data[0]).toMatchObject({
          backupId: backup.id,
          size: vm.provisionedBytes,
        });
      }
      const global = await env.client.get('/api/v1/backupObjects', {
        query: { nameFilter: 'db-*', limit: 10 },
      });
      expect(global.body.data).toEqual(objects.body.data);
      const one = await env.client.get(`/api/v1/backupObjects/${objects.body.data[0].id}`);
      expect(one.body).toEqual(objects.body.data[0]);
    });

    it('lists an object’s restore points (Full first) and their disks', async () => {
      const backup = await backupOf('db-01-nightly');
      const object = (await env.client.get(`/api/v1/backups/${backup.id}/objects`)).body.data[0];
      const points = await env.client.get(`/api/v1/backupObjects/${object.id}/restorePoints`);
      expect(shapeErrors(points.body, pagedOf(restorePointShape(family)))).toEqual([]);
      expect(points.body.data.map((point: { type: string }) => point.type)).toEqual([
        'Full',
        'Increment',
        'Increment',
      ]);
      expect(points.body.data[0].allowedOperations).toContain('StartEntireVmRestore');
      const disks = await env.client.get(`/api/v1/restorePoints/${points.body.data[0].id}/disks`);
      expect(shapeErrors(disks.body, pagedOf(diskShape(family)))).toEqual([]);
      expect(disks.body.data.map((disk: { capacity: number }) => disk.capacity)).toEqual([
        40 * 1024 ** 3,
        100 * 1024 ** 3,
      ]);
      const unknown = await env.client.get(
        '/api/v1/restorePoints/0899c74d-53f0-413a-a731-e1e7297285ba',
      );
      expect(unknown.status).toBe(404);
      expect(unknown.body.resourceId).toBe('0899c74d-53f0-413a-a731-e1e7297285ba');
    });

    it('gives one backup file per point with sizes, joined by backupFileId and restorePointIds', async () => {
      const backup = await backupOf('db-01-nightly');
      const files = await env.client.get(`/api/v1/backups/${backup.id}/backupFiles`, {
        query: { limit: 100 },
      });
      expect(shapeErrors(files.body, pagedOf(backupFileShape(family)))).toEqual([]);
      const points = await env.client.get('/api/v1/restorePoints', {
        query: { backupIdFilter: backup.id },
      });
      expect(files.body.data.map((file: { id: string }) => file.id)).toEqual(
        points.body.data.map((point: { backupFileId: string }) => point.backupFileId),
      );
      expect(
        files.body.data.map((file: { restorePointIds: string[] }) => file.restorePointIds[0]),
      ).toEqual(points.body.data.map((point: { id: string }) => point.id));
      const [full, increment] = files.body.data;
      expect(full.name).toMatch(/\.vbk$/);
      expect(increment.name).toMatch(/\.vib$/);
      expect(full.dataSize).toBeGreaterThan(increment.dataSize);
      for (const file of files.body.data) expect(file.backupSize).toBeLessThan(file.dataSize);
      // Sizes are stable between calls: a metrics cycle sees the same numbers.
      expect((await env.client.get(`/api/v1/backups/${backup.id}/backupFiles`)).body.data).toEqual(
        files.body.data,
      );
    });

    if (family === 'v13rev2') {
      it('sums sizes in POST /backups/{id}/details (1.3-rev2)', async () => {
        const backup = await backupOf('db-01-nightly');
        const files = await env.client.get(`/api/v1/backups/${backup.id}/backupFiles`);
        const details = await env.client.post(`/api/v1/backups/${backup.id}/details`, { json: {} });
        expect(details.status).toBe(200);
        expect(shapeErrors(details.body, BACKUP_DETAILS)).toEqual([]);
        const total = files.body.data.reduce(
          (sum: number, file: { backupSize: number }) => sum + file.backupSize,
          0,
        );
        expect(details.body).toMatchObject({ backupSize: total, restorePointsCount: 3 });
        const old = await env.client.post(`/api/v1/backups/${backup.id}/details`, {
          json: {},
          revision: '1.3-rev1',
        });
        expect(old.status).toBe(400);
      });
    }

    it(`deletes a whole backup asynchronously (${personality === '12' ? 200 : 201} DeleteBackup session)`, async () => {
      const backup = await backupOf('db-01-nightly');
      env.simulator.controls.setSessionTiming({ workingMs: 60_000 });
      const response = await env.client.delete(`/api/v1/backups/${backup.id}`, {
        query: { fromDB: false, includeGFS: true },
      });
      expect(response.status).toBe(personality === '12' ? 200 : 201);
      expect(shapeErrors(response.body, sessionShape(family))).toEqual([]);
      expect(response.body.sessionType).toBe('DeleteBackup');
      // Still there while the session works.
      expect((await env.client.get(`/api/v1/backups/${backup.id}`)).status).toBe(200);
      env.simulator.controls.finishSessions();
      const done = await env.client.get(`/api/v1/sessions/${response.body.id}`);
      expect(done.body).toMatchObject({ state: 'Stopped', result: { result: 'Success' } });
      expect((await env.client.get(`/api/v1/backups/${backup.id}`)).status).toBe(404);
      const points = await env.client.get('/api/v1/restorePoints', {
        query: { backupIdFilter: backup.id },
      });
      expect(points.body.pagination.total).toBe(0);
      expect(env.simulator.controls.getJob('db-01-nightly')).toBeDefined();
    });

    if (personality === '13') {
      it('deletes one VM’s chain inside a shared backup (1.3 object delete)', async () => {
        const job = await createJobFor(env.client, 'web-01', 'shared');
        const vm2 = (
          await env.client.get('/api/v1/inventory/vmware/hosts/vcenter.sim.local', {
            query: { typeFilter: 'VirtualMachine', nameFilter: 'web-02' },
          })
        ).body.data[0];
        const put = await env.client.put(`/api/v1/jobs/${job.id}`, {
          json: {
            ...job,
            virtualMachines: {
              ...job.virtualMachines,
              includes: [...job.virtualMachines.includes, vm2],
            },
          },
        });
        expect(put.status).toBe(200);
        await runJob(env.client, job.id);
        const backup = await backupOf('shared');
        const objects = (await env.client.get(`/api/v1/backups/${backup.id}/objects`)).body.data;
        expect(objects.map((object: { name: string }) => object.name)).toEqual([
          'web-01',
          'web-02',
        ]);
        const response = await env.client.delete(
          `/api/v1/backups/${backup.id}/objects/${objects[0].id}`,
        );
        expect(response.status).toBe(201);
        await env.client.waitForSession(response.body.id);
        const remaining = (await env.client.get(`/api/v1/backups/${backup.id}/objects`)).body.data;
        expect(remaining.map((object: { name: string }) => object.name)).toEqual(['web-02']);
        const points = await env.client.get('/api/v1/restorePoints', {
          query: { backupIdFilter: backup.id },
        });
        expect(points.body.data.map((point: { name: string }) => point.name)).toEqual(['web-02']);
      });
    } else {
      it('has no per-object delete on 1.2', async () => {
        const backup = await backupOf('db-01-nightly');
        const object = (await env.client.get(`/api/v1/backups/${backup.id}/objects`)).body.data[0];
        const response = await env.client.delete(
          `/api/v1/backups/${backup.id}/objects/${object.id}`,
        );
        expect(response.status).toBe(404);
        expect(response.body.errorCode).toBe('InvalidURI');
        expect(env.simulator.controls.summary().restorePoints).toBe(3);
      });
    }
  },
);

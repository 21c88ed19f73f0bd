import { startVeeamSimulator, type VeeamSimulator } from '../src';
import { pagedOf, shapeErrors } from './support/shape';
import { PERSONALITIES, VbrClient } from './support/vbr-client';
import { backupObjectShape, familyOf, restorePointShape } from './support/vbr-shapes';

describe.each(PERSONALITIES)(
  'paging, VBR $personality ($revision)',
  ({ personality, revision }) => {
    let simulator: VeeamSimulator;
    let client: VbrClient;

    beforeAll(async () => {
      simulator = await startVeeamSimulator({
        personality,
        port: 0,
        seed: { preset: 'empty', scale: { vms: 250, restorePointsPerVm: 3 } },
      });
      client = new VbrClient(simulator, revision);
      await client.login();
    });
    afterAll(async () => {
      await client.close();
      await simulator.close();
    });

    it('caps an unpaged list at 200 and reports the total, on 1.2 as seen in the field', async () => {
      const response = await client.get('/api/v1/restorePoints');
      expect(response.body.pagination).toEqual({ total: 750, count: 200, skip: 0, limit: 200 });
      const objects = await client.get('/api/v1/backupObjects');
      expect(objects.body.pagination).toMatchObject({ total: 250, count: 200 });
    });

    it('pages restore points in creation order until skip + count reaches total', async () => {
      const ids = new Set<string>();
      let previous = '';
      for (let skip = 0; ;) {
        const page = await client.get('/api/v1/restorePoints', {
          query: {
            platformNameFilter: 'VMware',
            orderColumn: 'CreationTime',
            orderAsc: true,
            skip,
            limit: 100,
          },
        });
        expect(shapeErrors(page.body, pagedOf(restorePointShape(familyOf(revision))))).toEqual([]);
        for (const point of page.body.data) {
          expect(point.creationTime >= previous).toBe(true);
          previous = point.creationTime;
          ids.add(point.id);
        }
        skip += page.body.pagination.count;
        if (skip >= page.body.pagination.total) break;
      }
      expect(ids.size).toBe(750);
    });

    it('filters by createdAfterFilter inclusively and by createdBeforeFilter', async () => {
      const all = (await client.get('/api/v1/restorePoints', { query: { limit: 1000 } })).body.data;
      const pivot = all[500];
      const after = await client.get('/api/v1/restorePoints', {
        query: { createdAfterFilter: pivot.creationTime, limit: 1000 },
      });
      expect(after.body.pagination.total).toBe(250);
      expect(after.body.data[0].id).toBe(pivot.id);
      const before = await client.get('/api/v1/restorePoints', {
        query: { createdBeforeFilter: pivot.creationTime, limit: 1000 },
      });
      expect(before.body.pagination.total).toBe(501);
      const descending = await client.get('/api/v1/restorePoints', {
        query: { orderColumn: 'CreationTime', orderAsc: false, limit: 1 },
      });
      expect(descending.body.data[0].id).toBe(all[749].id);
      const invalid = await client.get('/api/v1/restorePoints', {
        query: { createdAfterFilter: 'yesterday' },
      });
      expect(invalid.status).toBe(400);
    });

    it('filters points by backup and by backup object, and rejects the inventory platform name', async () => {
      const object = (
        await client.get('/api/v1/backupObjects', { query: { nameFilter: 'scale-vm-00042' } })
      ).body.data[0];
      expect(shapeErrors(object, backupObjectShape(familyOf(revision)))).toEqual([]);
      const byObject = await client.get('/api/v1/restorePoints', {
        query: { backupObjectIdFilter: object.id },
      });
      expect(byObject.body.data.map((point: { type: string }) => point.type)).toEqual([
        'Full',
        'Increment',
        'Increment',
      ]);
      const vSphere = await client.get('/api/v1/restorePoints', {
        query: { platformNameFilter: 'VSphere' },
      });
      expect(vSphere.status).toBe(400);
      const hyperV = await client.get('/api/v1/restorePoints', {
        query: { platformNameFilter: 'HyperV' },
      });
      expect(hyperV.body.pagination.total).toBe(0);
    });

    it(
      personality === '12'
        ? 'does not page an object’s restore points on 1.2-rev1'
        : 'pages an object’s restore points from 1.3-rev1 on',
      async () => {
        const object = (await client.get('/api/v1/backupObjects', { query: { limit: 1 } })).body
          .data[0];
        const response = await client.get(`/api/v1/backupObjects/${object.id}/restorePoints`, {
          query: { limit: 1 },
        });
        expect(response.body.pagination.total).toBe(3);
        expect(response.body.data).toHaveLength(personality === '12' ? 3 : 1);
      },
    );

    it('returns everything on 1.2 when the default cap is turned off', async () => {
      const uncapped = await startVeeamSimulator({
        personality: '12',
        port: 0,
        seed: { scale: { vms: 300, restorePointsPerVm: 1 } },
        v12DefaultLimit: null,
      });
      const other = new VbrClient(uncapped, '1.2-rev1');
      try {
        await other.login();
        const response = await other.get('/api/v1/restorePoints');
        expect(response.body.pagination).toEqual({ total: 300, count: 300, skip: 0 });
      } finally {
        await other.close();
        await uncapped.close();
      }
    });
  },
);

describe('scale mode: 10,000 VMs × 30 restore points', () => {
  let simulator: VeeamSimulator;
  let client: VbrClient;

  beforeAll(async () => {
    simulator = await startVeeamSimulator({ port: 0, seed: 'empty' });
    client = new VbrClient(simulator, '1.3-rev2');
    await client.login();
  });
  afterAll(async () => {
    await client.close();
    await simulator.close();
  });

  it('seeds one VM, job, backup and 30-point chain per VM', () => {
    const summary = simulator.controls.seed({ scale: { vms: 10_000, restorePointsPerVm: 30 } });
    expect(summary).toMatchObject({
      vms: 10_000,
      jobs: 10_000,
      backups: 10_000,
      restorePoints: 300_000,
    });
    const job = simulator.controls.getJob('scale-vm-10000-backup')!;
    expect(job.vmNames).toEqual(['scale-vm-10000']);
    expect(job.retention).toEqual({ type: 'RestorePoints', quantity: 30 });
  });

  it('serves the section 5 sync: the newest pages by createdAfterFilter, then only what is new', async () => {
    const newest = await client.get('/api/v1/restorePoints', {
      query: {
        platformNameFilter: 'VMware',
        orderColumn: 'CreationTime',
        orderAsc: false,
        limit: 1,
      },
    });
    const mark = newest.body.data[0].creationTime;
    const sinceMark = await client.get('/api/v1/restorePoints', {
      query: {
        platformNameFilter: 'VMware',
        orderColumn: 'CreationTime',
        orderAsc: true,
        createdAfterFilter: mark,
        limit: 1000,
      },
    });
    expect(sinceMark.body.pagination.total).toBe(1);
    const firstPage = await client.get('/api/v1/restorePoints', {
      query: {
        platformNameFilter: 'VMware',
        orderColumn: 'CreationTime',
        orderAsc: true,
        limit: 1000,
      },
    });
    expect(firstPage.body.pagination).toEqual({
      total: 300_000,
      count: 1000,
      skip: 0,
      limit: 1000,
    });
    expect(firstPage.body.data.every((point: { type: string }) => point.type === 'Full')).toBe(
      true,
    );
    const lastPage = await client.get('/api/v1/restorePoints', {
      query: { orderColumn: 'CreationTime', orderAsc: true, skip: 299_000, limit: 1000 },
    });
    expect(lastPage.body.data).toHaveLength(1000);
    expect(lastPage.body.data.at(-1).id).toBe(newest.body.data[0].id);
  });

  it('a new backup adds one point and retention removes the oldest: visible to both sync passes', async () => {
    simulator.controls.setSessionTiming({ startingMs: 1, workingMs: 5, postprocessingMs: 1 });
    const job = simulator.controls.getJob('scale-vm-00007-backup')!;
    const object = (
      await client.get('/api/v1/backupObjects', { query: { nameFilter: 'scale-vm-00007' } })
    ).body.data[0];
    expect(object.restorePointsCount).toBe(30);
    const before = await client.get('/api/v1/restorePoints', {
      query: { backupObjectIdFilter: object.id, limit: 1 },
    });
    const started = await client.post(`/api/v1/jobs/${job.id}/start`, {
      json: { performActiveFull: false },
    });
    await client.waitForSession(started.body.id);
    const after = await client.get('/api/v1/restorePoints', {
      query: { backupObjectIdFilter: object.id, limit: 50 },
    });
    expect(after.body.pagination.total).toBe(30);
    expect(after.body.data.map((point: { id: string }) => point.id)).not.toContain(
      before.body.data[0].id,
    );
    expect(after.body.data[0].type).toBe('Full');
    const fresh = await client.get('/api/v1/restorePoints', {
      query: {
        createdAfterFilter: new Date(Date.parse(started.body.creationTime)).toISOString(),
        limit: 10,
      },
    });
    expect(fresh.body.data.map((point: { name: string }) => point.name)).toEqual([
      'scale-vm-00007',
    ]);
    expect(simulator.controls.summary().restorePoints).toBe(300_000);
  });

  it('sweeps the backup objects (counts per VM) in pages of 1,000', async () => {
    let total = 0;
    for (let skip = 0; ; skip += 1000) {
      const page = await client.get('/api/v1/backupObjects', { query: { skip, limit: 1000 } });
      total += page.body.data.reduce(
        (sum: number, object: { restorePointsCount: number }) => sum + object.restorePointsCount,
        0,
      );
      if (skip + page.body.pagination.count >= page.body.pagination.total) break;
    }
    expect(total).toBe(300_000);
  });

  it('sweeps all 300,000 points in pages of 1,000 with no duplicate', async () => {
    const ids = new Set<string>();
    for (let skip = 0; ; skip += 1000) {
      const page = await client.get('/api/v1/restorePoints', {
        query: { orderColumn: 'CreationTime', orderAsc: true, skip, limit: 1000 },
      });
      for (const point of page.body.data) ids.add(point.id);
      if (skip + page.body.pagination.count >= page.body.pagination.total) break;
    }
    expect(ids.size).toBe(300_000);
  }, 60_000);
});

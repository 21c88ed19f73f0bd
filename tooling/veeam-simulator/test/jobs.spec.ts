import { pagedOf, shapeErrors } from './support/shape';
import { createJobFor, findVm, jobByName, runJob } from './support/fixtures';
import { useDemoSimulator } from './support/demo-simulator';
import { PERSONALITIES } from './support/vbr-client';
import { familyOf, jobShape, type Family } from './support/vbr-shapes';

describe.each(PERSONALITIES)('jobs, VBR $personality ($revision)', ({ personality, revision }) => {
  const env = useDemoSimulator(personality);
  const family: Family = familyOf(revision);
  const vSphereType = personality === '12' ? 'Backup' : 'VSphereBackup';
  const otherType = personality === '12' ? 'VSphereBackup' : 'Backup';

  it('lists the jobs as full models in the data/pagination envelope', async () => {
    const response = await env.client.get('/api/v1/jobs', { query: { limit: 100 } });
    expect(response.status).toBe(200);
    expect(shapeErrors(response.body, pagedOf(jobShape(family)))).toEqual([]);
    expect(response.body.data.map((job: { name: string }) => job.name)).toEqual([
      'Gold',
      'Silver',
      'db-01-nightly',
    ]);
    expect(response.body.pagination).toEqual({ total: 3, count: 3, skip: 0, limit: 100 });
  });

  it(`filters by the revision's type name (${vSphereType}) and rejects the other spelling`, async () => {
    const own = await env.client.get('/api/v1/jobs', { query: { typeFilter: vSphereType } });
    expect(own.body.pagination.total).toBe(3);
    const other = await env.client.get('/api/v1/jobs', { query: { typeFilter: otherType } });
    expect(other.status).toBe(400);
    expect(other.body.errorCode).toBe('UnexpectedContent');
    const replicas = await env.client.get('/api/v1/jobs', {
      query: { typeFilter: 'VSphereReplica' },
    });
    expect(replicas.body.pagination.total).toBe(0);
  });

  it('filters by name with wildcards, sorts, and pages with skip and limit', async () => {
    const wild = await env.client.get('/api/v1/jobs', { query: { nameFilter: '*l*' } });
    expect(wild.body.data.map((job: { name: string }) => job.name).sort()).toEqual([
      'Gold',
      'Silver',
      'db-01-nightly',
    ]);
    const page = await env.client.get('/api/v1/jobs', {
      query: { orderColumn: 'Name', orderAsc: false, skip: 1, limit: 1 },
    });
    expect(page.body.data.map((job: { name: string }) => job.name)).toEqual(['Gold']);
    expect(page.body.pagination).toEqual({ total: 3, count: 1, skip: 1, limit: 1 });
    const bad = await env.client.get('/api/v1/jobs', { query: { limit: -1 } });
    expect(bad.status).toBe(400);
  });

  it('gets one job, and 404 NotFound with the resourceId for an unknown one', async () => {
    const gold = await jobByName(env.client, 'Gold');
    const response = await env.client.get(`/api/v1/jobs/${gold.id}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual(gold);
    const missing = await env.client.get('/api/v1/jobs/3d1682bc-c171-4cf2-b63a-3fde54625c9d');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      errorCode: 'NotFound',
      message: 'Job does not exist',
      resourceId: '3d1682bc-c171-4cf2-b63a-3fde54625c9d',
    });
  });

  it('creates a job from a JobSpec (201), with the VM found in the inventory', async () => {
    const job = await createJobFor(env.client, 'web-01');
    expect(shapeErrors(job, jobShape(family))).toEqual([]);
    expect(job.isDisabled).toBe(false);
    expect(job.virtualMachines.includes[0]).toMatchObject({
      platform: personality === '12' ? 'VMware' : 'VSphere',
      objectId: (await findVm(env.client, 'web-01'))['objectId'],
    });
    expect(env.simulator.controls.getJob('web-01-job')?.vmNames).toEqual(['web-01']);
  });

  it('validates a JobSpec: type, platform spelling, unique name, known VM', async () => {
    const silver = await jobByName(env.client, 'Silver');
    const vm = await findVm(env.client, 'web-02');
    const spec = {
      type: vSphereType,
      name: 'x',
      description: '',
      virtualMachines: { includes: [vm] },
    };
    const wrongType = await env.client.post('/api/v1/jobs', { json: { ...spec, type: otherType } });
    expect(wrongType.status).toBe(400);
    const wrongPlatform = await env.client.post('/api/v1/jobs', {
      json: {
        ...spec,
        virtualMachines: {
          includes: [{ ...vm, platform: personality === '12' ? 'VSphere' : 'VMware' }],
        },
      },
    });
    expect(wrongPlatform.status).toBe(400);
    expect(wrongPlatform.body.message).toContain('platform');
    const duplicate = await env.client.post('/api/v1/jobs', {
      json: { ...spec, name: silver.name },
    });
    expect(duplicate.status).toBe(400);
    const unknownVm = await env.client.post('/api/v1/jobs', {
      json: { ...spec, virtualMachines: { includes: [{ ...vm, objectId: 'vm-999999' }] } },
    });
    expect(unknownVm.status).toBe(400);
    const badJson = await env.client.post('/api/v1/jobs', {
      headers: { 'content-type': 'application/json' },
      raw: '{"type": "Backup", "name": ',
    });
    expect(badJson.status).toBe(400);
    expect(badJson.body.errorCode).toBe('UnexpectedContent');
    expect(env.simulator.controls.listJobs()).toHaveLength(3);
  });

  it(
    personality === '12'
      ? 'requires at least one VM in 1.2-rev1'
      : 'allows a job with no VM in 1.3-rev2',
    async () => {
      const response = await env.client.post('/api/v1/jobs', {
        json: {
          type: vSphereType,
          name: 'empty',
          description: '',
          virtualMachines: { includes: [] },
        },
      });
      expect(response.status).toBe(personality === '12' ? 400 : 201);
    },
  );

  it('replaces the whole model on PUT and refuses a partial one', async () => {
    const job = await createJobFor(env.client, 'app-01');
    const vm = await findVm(env.client, 'app-02');
    const changed = {
      ...job,
      name: 'app-02-job',
      virtualMachines: { ...job.virtualMachines, includes: [vm] },
      schedule: { ...job.schedule, runAutomatically: true },
      storage: { ...job.storage, retentionPolicy: { type: 'RestorePoints', quantity: 3 } },
    };
    const put = await env.client.put(`/api/v1/jobs/${job.id}`, { json: changed });
    expect(put.status).toBe(200);
    expect(put.body.name).toBe('app-02-job');
    expect((await env.client.get(`/api/v1/jobs/${job.id}`)).body).toEqual(put.body);
    expect(env.simulator.controls.getJob(job.id)).toMatchObject({
      vmNames: ['app-02'],
      runAutomatically: true,
      retention: { type: 'RestorePoints', quantity: 3 },
    });
    const { storage: _storage, ...partial } = put.body;
    const rejected = await env.client.put(`/api/v1/jobs/${job.id}`, { json: partial });
    expect(rejected.status).toBe(400);
    expect(rejected.body.message).toContain('storage');
    expect(env.simulator.controls.getJob(job.id)?.name).toBe('app-02-job');
  });

  if (personality === '13') {
    it('clones a job: 201, "<name>_clone<k>", same VMs and settings', async () => {
      const template = await jobByName(env.client, 'Silver');
      const first = await env.client.post(`/api/v1/jobs/${template.id}/clone`);
      expect(first.status).toBe(201);
      expect(first.body.name).toBe('Silver_clone1');
      expect(first.body.id).not.toBe(template.id);
      expect({ ...first.body, id: template.id, name: template.name }).toEqual(template);
      const second = await env.client.post(`/api/v1/jobs/${template.id}/clone`);
      expect(second.body.name).toBe('Silver_clone2');
    });

    it('refuses clone to a client speaking 1.2-rev1 to VBR 13', async () => {
      const template = await jobByName(env.client, 'Silver');
      const response = await env.client.post(`/api/v1/jobs/${template.id}/clone`, {
        revision: '1.2-rev1',
      });
      expect(response.status).toBe(400);
      expect(response.body.errorCode).toBe('NotImplemented');
    });
  } else {
    it('has no clone endpoint', async () => {
      const template = await jobByName(env.client, 'Silver');
      const response = await env.client.post(`/api/v1/jobs/${template.id}/clone`);
      expect(response.status).toBe(404);
      expect(env.simulator.controls.listJobs()).toHaveLength(3);
    });
  }

  it(`enables and disables (${personality === '12' ? '200 {}' : '204'})`, async () => {
    const gold = await jobByName(env.client, 'Gold');
    const enable = await env.client.post(`/api/v1/jobs/${gold.id}/enable`);
    expect(enable.status).toBe(personality === '12' ? 200 : 204);
    expect(enable.text).toBe(personality === '12' ? '{}' : '');
    expect((await env.client.get(`/api/v1/jobs/${gold.id}`)).body.isDisabled).toBe(false);
    const disable = await env.client.post(`/api/v1/jobs/${gold.id}/disable`);
    expect(disable.status).toBe(personality === '12' ? 200 : 204);
    expect((await env.client.get(`/api/v1/jobs/${gold.id}`)).body.isDisabled).toBe(true);
  });

  it('deletes a job (204) and leaves its backup behind, orphaned', async () => {
    const job = await jobByName(env.client, 'db-01-nightly');
    const backupsBefore = await env.client.get('/api/v1/backups', {
      query: { jobIdFilter: job.id },
    });
    expect(backupsBefore.body.data).toHaveLength(1);
    const response = await env.client.delete(`/api/v1/jobs/${job.id}`);
    expect(response.status).toBe(204);
    expect((await env.client.get(`/api/v1/jobs/${job.id}`)).status).toBe(404);
    const backupsAfter = await env.client.get('/api/v1/backups', {
      query: { jobIdFilter: job.id },
    });
    expect(backupsAfter.body.data).toEqual(backupsBefore.body.data);
  });

  it('reports job states with the revision’s enum spelling', async () => {
    const job = await jobByName(env.client, 'db-01-nightly');
    await runJob(env.client, job.id);
    const states = await env.client.get('/api/v1/jobs/states', { query: { idFilter: job.id } });
    expect(states.status).toBe(200);
    expect(states.body.data[0]).toMatchObject({
      id: job.id,
      type: vSphereType,
      status: personality === '12' ? 'inactive' : 'Inactive',
      workload: personality === '12' ? 'vm' : 'Vm',
      lastResult: 'Success',
      objectsCount: 1,
    });
  });
});

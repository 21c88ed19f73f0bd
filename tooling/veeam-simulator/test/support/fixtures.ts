import { type Json, type VbrClient } from './vbr-client';

export const VCENTER = 'vcenter.sim.local';

/** A VM's inventory object as §4.2 finds it, to be used verbatim in a job or restore. */
export async function findVm(client: VbrClient, name: string): Promise<Record<string, unknown>> {
  const response = await client.get(`/api/v1/inventory/vmware/hosts/${VCENTER}`, {
    query: { typeFilter: 'VirtualMachine', nameFilter: name, limit: 10 },
  });
  if (response.status !== 200 || response.body.data.length !== 1) {
    throw new Error(`VM ${name}: ${response.status} ${response.text}`);
  }
  return response.body.data[0];
}

export async function findInfra(
  client: VbrClient,
  type: string,
  name: string,
): Promise<Record<string, unknown>> {
  const response = await client.get(`/api/v1/inventory/vmware/hosts/${VCENTER}`, {
    query: { typeFilter: type, nameFilter: name },
  });
  if (response.status !== 200 || response.body.data.length !== 1) {
    throw new Error(`${type} ${name}: ${response.status} ${response.text}`);
  }
  return response.body.data[0];
}

export async function jobByName(client: VbrClient, name: string): Promise<Json> {
  const response = await client.get('/api/v1/jobs', { query: { nameFilter: name, limit: 5 } });
  const job = response.body.data.find((candidate: { name: string }) => candidate.name === name);
  if (!job) throw new Error(`job ${name} not found`);
  return job;
}

/** Creates a per-VM job from the Silver template's model (the 1.2 "rebuild from template" path). */
export async function createJobFor(
  client: VbrClient,
  vmName: string,
  jobName = `${vmName}-job`,
): Promise<Json> {
  const template = await jobByName(client, 'Silver');
  const vm = await findVm(client, vmName);
  const response = await client.post('/api/v1/jobs', {
    json: {
      type: template.type,
      name: jobName,
      description: `backup of ${vmName}`,
      isHighPriority: false,
      virtualMachines: { includes: [vm], excludes: template.virtualMachines.excludes },
      storage: template.storage,
      guestProcessing: template.guestProcessing,
      schedule: template.schedule,
    },
  });
  if (response.status !== 201) throw new Error(`create job: ${response.status} ${response.text}`);
  return response.body;
}

/** Starts a job and waits for its session to stop. */
export async function runJob(
  client: VbrClient,
  jobId: string,
  body: unknown = { performActiveFull: false },
): Promise<Json> {
  const started = await client.post(`/api/v1/jobs/${jobId}/start`, { json: body });
  if (started.status !== 201) throw new Error(`start job: ${started.status} ${started.text}`);
  return client.waitForSession(started.body.id);
}

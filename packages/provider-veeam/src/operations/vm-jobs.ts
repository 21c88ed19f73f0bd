import {
  type AssignVmRequest,
  BackupError,
  type BackupPolicy,
  isBackupError,
  type ProviderLogger,
  type VirtualMachine,
  type VmRequest,
} from '@csbr/framework';

import { type VeeamApi } from '../client/veeam-api';
import { readJob, readPage, type VeeamJob } from '../client/veeam-models';
import { asReference, findVm } from './inventory';
import { idPath, vmJobName } from './job-names';
import { findJob } from './policies';
import { deleteJobBackups, type OperationDeps } from './backups';

type Json = Record<string, unknown>;

/** The fields of a job model a new job is built from on VBR 12 (an allow-list: §4.3). */
const SPEC_FIELDS = ['description', 'isHighPriority', 'storage', 'guestProcessing', 'schedule'] as const;

/**
 * Creates the VM's own job from the policy's template job (CloudStack's one job per VM): a clone
 * on VBR 13, a new job rebuilt from the template's model on VBR 12. The job backs up the VM (found
 * in the vCenter inventory), has its schedule enabled and is itself enabled. Returns its id. When
 * a step fails after the job exists, the job is deleted again, so nothing is left half-assigned.
 */
export async function createVmJob(api: VeeamApi, request: AssignVmRequest, logger: ProviderLogger): Promise<string> {
  const { vm, policy } = request;
  const template = await findJob(api, policy.externalId);
  if (template === undefined) throw missingTemplate(policy);
  const vmObject = asReference(api, await findVm(api, vm));
  const name = vmJobName(vm);
  const existing = await findJobByName(api, name);
  let job: VeeamJob;
  if (existing !== undefined) {
    // Left by an assignment that failed after creating it: take it over.
    job = existing;
  } else if (api.profile.cloneJobs) {
    const operation = `clone the template job ${template.name}`;
    job = readJob(await api.post(operation, `/api/v1/jobs/${idPath(template.id)}/clone`), operation);
  } else {
    const operation = `create the backup job of VM ${vm.instanceName}`;
    job = readJob(await api.post(operation, '/api/v1/jobs', rebuiltSpec(api, template, name, vm, vmObject, policy)), operation);
  }
  try {
    const operation = `configure the backup job of VM ${vm.instanceName}`;
    const configured = readJob(
      await api.put(operation, `/api/v1/jobs/${idPath(job.id)}`, configuredModel(job, name, vm, vmObject, policy)),
      operation,
    );
    if (configured.isDisabled || job.isDisabled) {
      await api.post(`enable the backup job of VM ${vm.instanceName}`, `/api/v1/jobs/${idPath(job.id)}/enable`);
    }
    return job.id;
  } catch (error) {
    await deleteJobQuietly(api, job, logger);
    throw error;
  }
}

/**
 * Removes the VM's job and its backups (CloudStack: `willDeleteBackupsOnPolicyRemoval` is true):
 * the backups first, as a live report advises, then the job. A job already gone is fine.
 */
export async function deleteVmJob(api: VeeamApi, request: VmRequest, deps: OperationDeps): Promise<void> {
  const jobId = request.vm.backupExternalId ?? (await findJobByName(api, vmJobName(request.vm)))?.id;
  if (jobId === undefined) return;
  await deleteJobBackups(api, jobId, request.vm, deps);
  try {
    await api.delete(`delete the backup job of VM ${request.vm.instanceName}`, `/api/v1/jobs/${idPath(jobId)}`);
  } catch (error) {
    if (isBackupError(error) && error.code === 'NOT_FOUND') return;
    throw error;
  }
}

export async function findJobByName(api: VeeamApi, name: string): Promise<VeeamJob | undefined> {
  const operation = 'find a backup job by name';
  const page = readPage(
    await api.get(operation, '/api/v1/jobs', { nameFilter: name, typeFilter: api.profile.jobType, limit: 100 }),
    operation,
  );
  return page.data.map((item) => readJob(item, operation)).find((job) => job.name === name);
}

/** VBR 12: a JobSpec from the template's model (allow-listed fields), for this VM. */
function rebuiltSpec(api: VeeamApi, template: VeeamJob, name: string, vm: VirtualMachine, vmObject: Json, policy: BackupPolicy): Json {
  const spec: Json = { type: api.profile.jobType, name };
  for (const field of SPEC_FIELDS) {
    if (template.model[field] !== undefined) spec[field] = template.model[field];
  }
  const machines = (template.model['virtualMachines'] ?? {}) as Json;
  spec['virtualMachines'] = { ...machines, includes: [vmObject] };
  spec['description'] = jobDescription(vm, policy);
  spec['schedule'] = scheduleEnabled(template.model['schedule']);
  return spec;
}

/** PUT replaces the whole job (§6): the model Veeam gave, with our name, VM and schedule. */
function configuredModel(job: VeeamJob, name: string, vm: VirtualMachine, vmObject: Json, policy: BackupPolicy): Json {
  const machines = (job.model['virtualMachines'] ?? {}) as Json;
  return {
    ...job.model,
    name,
    description: jobDescription(vm, policy),
    virtualMachines: { ...machines, includes: [vmObject] },
    schedule: scheduleEnabled(job.model['schedule']),
  };
}

function scheduleEnabled(schedule: unknown): Json {
  const base = typeof schedule === 'object' && schedule !== null ? (schedule as Json) : {};
  return { ...base, runAutomatically: true };
}

function jobDescription(vm: VirtualMachine, policy: BackupPolicy): string {
  return `csbr: backups of VM ${vm.name} (${vm.uuid}) under policy ${policy.name}`;
}

async function deleteJobQuietly(api: VeeamApi, job: VeeamJob, logger: ProviderLogger): Promise<void> {
  try {
    await api.withoutSignal().delete('delete a half-configured backup job', `/api/v1/jobs/${idPath(job.id)}`);
  } catch (error) {
    logger.warn('Could not delete the half-configured Veeam job', {
      job: job.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

function missingTemplate(policy: BackupPolicy): BackupError {
  return new BackupError(
    'NOT_FOUND',
    `The Veeam backup job ${policy.externalId} behind policy ${policy.name} no longer exists`,
  );
}

import { type ProviderPolicy, isBackupError } from '@csbr/framework';

import { type VeeamApi } from '../client/veeam-api';
import { readJob, type VeeamJob } from '../client/veeam-models';
import { idPath, isVeeamId, isVmJobName } from './job-names';

const DEFAULT_DESCRIPTION = 'Veeam Backup Offering (Job)';

/** The backup jobs used as templates: every vSphere backup job but csbr's own per-VM jobs. */
export async function listTemplateJobs(api: VeeamApi): Promise<ProviderPolicy[]> {
  const operation = 'list backup jobs';
  const jobs = await api.listAll(operation, '/api/v1/jobs', { typeFilter: api.profile.jobType });
  return jobs
    .map((item) => readJob(item, operation))
    .filter((job) => !isVmJobName(job.name))
    .map((job) => ({
      externalId: job.id,
      name: job.name,
      description: job.description === '' ? DEFAULT_DESCRIPTION : job.description,
    }));
}

/** The job, or undefined when Veeam has none by that id. */
export async function findJob(api: VeeamApi, id: string): Promise<VeeamJob | undefined> {
  if (!isVeeamId(id)) return undefined;
  const operation = 'read a backup job';
  try {
    return readJob(await api.get(operation, `/api/v1/jobs/${idPath(id)}`), operation);
  } catch (error) {
    if (isBackupError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

export async function isTemplateJob(api: VeeamApi, id: string): Promise<boolean> {
  const job = await findJob(api, id);
  return job !== undefined && !isVmJobName(job.name) && job.model['type'] === api.profile.jobType;
}

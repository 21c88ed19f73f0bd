import { type Caller } from '@csbr/framework/host';
import { defineCommand, type AnyCommandDefinition } from '../command-definition';
import { unknownEntityError } from '../errors/parameter-errors';
import { type AsyncJobRecord, type AsyncJobService } from '../ports/async-job-service';
import { ASYNC_JOB_RESPONSE_FIELDS, asyncJobResponse } from './async-job-response';

/**
 * `queryAsyncJobResult` (sync, every role): the job's fields flat under the response name. An unknown
 * job is 431 like any unknown uuid, and so is another account's job unless the caller administers it
 * (CloudStack answers 531, which tells that the job exists; README, "Security decisions").
 */
export function queryAsyncJobResultCommand(jobs: AsyncJobService): AnyCommandDefinition {
  return defineCommand({
    name: 'queryAsyncJobResult',
    description: 'Retrieves the current status of asynchronous job.',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    className: 'org.apache.cloudstack.api.command.user.job.QueryAsyncJobResultCmd',
    params: [{ name: 'jobid', type: 'uuid', required: true, description: 'the ID of the asynchronous job' }],
    response: { fields: ASYNC_JOB_RESPONSE_FIELDS },
    handler: async ({ caller, params, command }) => {
      const job = await jobs.get(params.jobid.toLowerCase());
      if (job === undefined || !maySeeJob(caller, job)) {
        throw unknownEntityError(command, 'jobid', params.jobid);
      }
      return { kind: 'flat', fields: asyncJobResponse(job) };
    },
  });
}

function maySeeJob(caller: Caller, job: AsyncJobRecord): boolean {
  switch (caller.roleType) {
    case 'Admin':
      return true;
    case 'DomainAdmin':
      return job.domainPath.startsWith(caller.domainPath);
    case 'User':
      return job.accountId === caller.accountId;
  }
}

import { type ResponseFieldDefinition } from '../command-definition';
import { type AsyncJobRecord } from '../ports/async-job-service';

/**
 * A job's fields in CloudStack's order (`AsyncJobResponse`, protocol doc §6.2). `jobresulttype`
 * and `jobresult` appear once the job is finished; `jobid` and `jobstatus` come last, as Gson writes
 * `BaseResponse`'s fields after the subclass's.
 */
export function asyncJobResponse(job: AsyncJobRecord): Record<string, unknown> {
  const finished = job.status !== 0;
  return {
    accountid: job.accountUuid,
    account: job.accountName,
    domainid: job.domainUuid,
    domainpath: job.domainPath,
    userid: job.userUuid,
    cmd: job.cmd,
    jobprocstatus: job.processStatus,
    jobresultcode: job.resultCode,
    jobresulttype: finished ? 'object' : undefined,
    jobresult: finished ? job.result : undefined,
    jobinstancetype: job.instanceType,
    jobinstanceid: job.instanceUuid,
    created: job.created,
    completed: finished ? job.completed : undefined,
    jobid: job.uuid,
    jobstatus: job.status,
  };
}

/** The fields of {@link asyncJobResponse}, for listApis. */
export const ASYNC_JOB_RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'accountid', type: 'string', description: 'the account ID that executed the async command' },
  { name: 'account', type: 'string', description: 'the account that executed the async command' },
  { name: 'domainid', type: 'string', description: 'the domain id that executed the async command' },
  { name: 'domainpath', type: 'string', description: 'the domain that executed the async command' },
  { name: 'userid', type: 'string', description: 'the user that executed the async command' },
  { name: 'cmd', type: 'string', description: 'the async command executed' },
  { name: 'jobprocstatus', type: 'integer', description: 'the progress information of the PENDING job' },
  { name: 'jobresultcode', type: 'integer', description: 'the result code for the job' },
  { name: 'jobresulttype', type: 'string', description: 'the result type' },
  { name: 'jobresult', type: 'responseobject', description: 'the result reason' },
  { name: 'jobinstancetype', type: 'string', description: 'the instance/entity object related to the job' },
  { name: 'jobinstanceid', type: 'string', description: 'the unique ID of the instance/entity object related to the job' },
  { name: 'created', type: 'date', description: '  the created date of the job' },
  { name: 'completed', type: 'date', description: '  the completed date of the job' },
  { name: 'jobid', type: 'string', description: 'the UUID of the latest async job acting on this object' },
  { name: 'jobstatus', type: 'integer', description: 'the current status of the latest async job acting on this object' },
];

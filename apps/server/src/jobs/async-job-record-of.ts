import { type AsyncJobRecord, type AsyncJobStatus } from '../api/ports/async-job-service';
import { type AsyncJobEntity } from '../database/entities';
import { type EntityRow, rawOptionalText, rawText } from '../persistence/query-rows';
import { instanceUuidOf } from './job-cmd-info';
import { parseJobResult } from './job-results';

/** `job_status` as the API knows it; NULL (never written by this server) reads as pending. */
function statusOf(stored: number | null): AsyncJobStatus {
  return stored === 1 || stored === 2 || stored === 3 ? stored : 0;
}

/**
 * One job row, with the owner columns {@link selectAsyncJobs} joins, as `queryAsyncJobResult`
 * shows it. `completed` is the last update of a finished job; the result only exists once finished.
 */
export function asyncJobRecordOf({ entity, raw }: EntityRow<AsyncJobEntity>): AsyncJobRecord {
  const status = statusOf(entity.jobStatus);
  const finished = status !== 0;
  const result = finished ? parseJobResult(entity.jobResult) : undefined;
  const accountName = rawOptionalText(raw, 'accountName');
  const instanceUuid = instanceUuidOf(entity.jobCmdInfo);
  return {
    uuid: entity.uuid ?? '',
    accountId: entity.accountId,
    domainId: rawText(raw, 'domainId'),
    domainPath: rawText(raw, 'domainPath'),
    accountUuid: rawText(raw, 'accountUuid'),
    ...(accountName === undefined ? {} : { accountName }),
    domainUuid: rawText(raw, 'domainUuid'),
    userUuid: rawText(raw, 'userUuid'),
    cmd: entity.jobCmd,
    status,
    processStatus: entity.jobProcessStatus ?? 0,
    resultCode: entity.jobResultCode ?? 0,
    ...(result === undefined ? {} : { result }),
    ...(entity.instanceType === null || entity.instanceType === '' ? {} : { instanceType: entity.instanceType }),
    ...(instanceUuid === undefined ? {} : { instanceUuid }),
    created: entity.created ?? new Date(0),
    ...(finished && entity.lastUpdated !== null ? { completed: entity.lastUpdated } : {}),
  };
}

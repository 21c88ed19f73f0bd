import { type ApiReply, type JobReply } from '../../support/signed-client';
import { type JsonBody } from '../../support/json-body';

/** The reply is CloudStack's error envelope with this code, cserrorcode and text. */
export function expectApiError(reply: ApiReply, errorCode: number, errorText: string, csErrorCode?: number): void {
  expect({ status: reply.status, errorcode: reply.body.errorcode, errortext: reply.body.errortext }).toEqual({
    status: errorCode,
    errorcode: errorCode,
    errortext: errorText,
  });
  if (csErrorCode !== undefined) expect(reply.body.cserrorcode).toBe(csErrorCode);
}

/** The job failed (jobstatus 2) with this result code and text. */
export function expectJobFailure(job: JobReply, errorCode: number, errorText: string): void {
  expect({ jobstatus: job.jobstatus, jobresultcode: job.jobresultcode, jobresult: job.jobresult }).toEqual({
    jobstatus: 2,
    jobresultcode: errorCode,
    jobresult: { errorcode: errorCode, errortext: errorText },
  });
}

/** The job succeeded (jobstatus 1, result code 0); returns its result. */
export function expectJobSuccess(job: JobReply): JsonBody {
  expect({ jobstatus: job.jobstatus, jobresultcode: job.jobresultcode }).toEqual({ jobstatus: 1, jobresultcode: 0 });
  return job.jobresult;
}

/** CloudStack's role-checker refusal of an admin command for a user (API layer, 401). */
export function notAvailableText(command: string): string {
  return `The given command '${command}' either does not exist, is not available for user.`;
}

/** The binder's text for a uuid that names nothing (431). */
export function unknownUuidText(command: string, parameter: string, value: string): string {
  return (
    `Unable to execute API command ${command.toLowerCase()} due to invalid value. Invalid parameter ${parameter} ` +
    `value=${value} due to incorrect long value format, or entity does not exist or due to incorrect parameter ` +
    'annotation for the field in api cmd class.'
  );
}

/** The text every backup command answers in a zone where the backup framework is not enabled. */
export const ZONE_DISABLED = 'Backup and Recovery feature is disabled for the zone';

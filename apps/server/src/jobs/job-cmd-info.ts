import { type AsyncJobSubmission } from '../api/ports/async-job-service';
import { SENSITIVE_FIELD } from '../logging/redact';

/**
 * Prefix of the keys this server adds to `job_cmd_info` (CloudStack adds `ctxUserId`,
 * `ctxAccountId`, …). Request parameters never start with it, and any that do are dropped so a
 * client cannot pose as one of them.
 */
const CONTEXT_PREFIX = 'ctx';
const INSTANCE_UUID_KEY = 'ctxInstanceUuid';

/**
 * Whether a request parameter stays out of `job_cmd_info`. The API layer already leaves out
 * `signature`, `password` and `sessionkey`; this drops them again, and anything else named like a
 * credential, in case a caller forgets.
 */
function isSecretParam(name: string): boolean {
  return SENSITIVE_FIELD.test(name) || name.toLowerCase() === 'signature';
}

/**
 * `async_job.job_cmd_info`: the request's parameters as JSON, without secrets, plus who submitted
 * the job and its instance uuid. `async_job.instance_id` is an internal id (and stays null for
 * instances it cannot resolve), so the uuid `jobinstanceid` shows is kept here.
 */
export function jobCmdInfoOf(submission: AsyncJobSubmission): string {
  const entries: [string, string][] = Object.entries(submission.params).filter(
    ([name]) => !isSecretParam(name) && !name.toLowerCase().startsWith(CONTEXT_PREFIX),
  );
  entries.push(
    ['ctxCommand', submission.command],
    ['ctxUserId', submission.caller.userId],
    ['ctxAccountId', submission.caller.accountId],
  );
  if (submission.instanceUuid !== undefined) entries.push([INSTANCE_UUID_KEY, submission.instanceUuid]);
  // fromEntries defines own properties: a parameter named `__proto__` stays a plain key.
  return JSON.stringify(Object.fromEntries(entries));
}

/** The instance uuid {@link jobCmdInfoOf} recorded, if any. */
export function instanceUuidOf(jobCmdInfo: string | null): string | undefined {
  if (jobCmdInfo === null) return undefined;
  let info: unknown;
  try {
    info = JSON.parse(jobCmdInfo);
  } catch {
    // Rows written by hand or by another tool may hold anything.
    return undefined;
  }
  if (typeof info !== 'object' || info === null) return undefined;
  const value = (info as Record<string, unknown>)[INSTANCE_UUID_KEY];
  return typeof value === 'string' ? value : undefined;
}

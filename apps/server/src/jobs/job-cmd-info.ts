import { type AsyncJobSubmission } from '../api/ports/async-job-service';
import { SENSITIVE_FIELD } from '../logging/redact';

/**
 * Prefix of the keys this server adds to `job_cmd_info` (CloudStack adds `ctxUserId`,
 * `ctxAccountId`, …). Request parameters never start with it, and any that do are dropped so a
 * client cannot pose as one of them.
 */
const CONTEXT_PREFIX = 'ctx';

/** The keys this server adds to `job_cmd_info`. */
export const CONTEXT_KEYS = {
  command: 'ctxCommand',
  userId: 'ctxUserId',
  accountId: 'ctxAccountId',
  instanceUuid: 'ctxInstanceUuid',
  createdUuid: 'ctxCreatedUuid',
  createdId: 'ctxCreatedId',
} as const;

/** Whether a `job_cmd_info` key is one this server added rather than a request parameter. */
export function isContextKey(name: string): boolean {
  return name.toLowerCase().startsWith(CONTEXT_PREFIX);
}

/**
 * Whether a request parameter stays out of `job_cmd_info`. The API layer already leaves out
 * `signature`, `password` and `sessionkey`; this drops them again, and anything else named like a
 * credential, in case a caller forgets.
 */
function isSecretParam(name: string): boolean {
  return SENSITIVE_FIELD.test(name) || name.toLowerCase() === 'signature';
}

/**
 * `async_job.job_cmd_info`: the request's parameters as JSON, without secrets, plus what running
 * the job needs: the command, who submitted it, its instance uuid and what a create-style
 * command's `create()` made. A job is this row and nothing else, so any instance can run it.
 */
export function jobCmdInfoOf(submission: AsyncJobSubmission): string {
  const entries: [string, string][] = Object.entries(submission.params).filter(
    ([name]) => !isSecretParam(name) && !isContextKey(name),
  );
  entries.push(
    [CONTEXT_KEYS.command, submission.command],
    [CONTEXT_KEYS.userId, submission.caller.userId],
    [CONTEXT_KEYS.accountId, submission.caller.accountId],
  );
  if (submission.instanceUuid !== undefined) entries.push([CONTEXT_KEYS.instanceUuid, submission.instanceUuid]);
  if (submission.created !== undefined) {
    entries.push([CONTEXT_KEYS.createdUuid, submission.created.id]);
    if (submission.created.internalId !== undefined) {
      entries.push([CONTEXT_KEYS.createdId, submission.created.internalId]);
    }
  }
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
  const value = (info as Record<string, unknown>)[CONTEXT_KEYS.instanceUuid];
  return typeof value === 'string' ? value : undefined;
}

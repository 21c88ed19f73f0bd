import { type RecordedJob } from '../api/ports/async-job-service';
import { type AsyncJobEntity } from '../database/entities';
import { CONTEXT_KEYS, isContextKey } from './job-cmd-info';

/**
 * The job as its row recorded it: the command and parameters from `job_cmd_info`, the submitting
 * user from `user_id`. Undefined when the row was not written by this server (no command).
 */
export function recordedJobOf(entity: Pick<AsyncJobEntity, 'uuid' | 'userId' | 'jobCmdInfo'>): RecordedJob | undefined {
  const info = parseInfo(entity.jobCmdInfo);
  const command = info[CONTEXT_KEYS.command];
  if (entity.uuid === null || command === undefined) return undefined;
  const params = Object.fromEntries(Object.entries(info).filter(([name]) => !isContextKey(name)));
  const createdId = info[CONTEXT_KEYS.createdUuid];
  const createdInternalId = info[CONTEXT_KEYS.createdId];
  return {
    jobId: entity.uuid,
    command,
    params,
    userId: entity.userId,
    ...(createdId === undefined
      ? {}
      : { created: { id: createdId, ...(createdInternalId === undefined ? {} : { internalId: createdInternalId }) } }),
  };
}

function parseInfo(stored: string | null): Readonly<Record<string, string>> {
  if (stored === null) return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(stored);
  } catch {
    return {};
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  return Object.fromEntries(
    Object.entries(parsed as Record<string, unknown>).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  );
}

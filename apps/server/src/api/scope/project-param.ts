import { type CommandContext } from '../command-definition';
import { unknownEntityError } from '../errors/parameter-errors';

/**
 * `projectid` of CloudStack's `BaseListProjectAndAccountResourcesCmd`. csbr has no projects, so the
 * parameter is accepted for the clients that send it and answered as CloudStack answers for a
 * server without projects: `-1` ("every project") matches nothing, and any other id names a project
 * that does not exist (431, the binding's unknown-entity text).
 */
export function projectIdParam() {
  return {
    name: 'projectid',
    type: 'uuid',
    description: 'list objects by project; use projectid=-1 for every project (csbr has no projects)',
  } as const;
}

/**
 * Whether the request asks for project resources only (`projectid=-1`), which csbr never has.
 * @throws ApiError 431 for any other `projectid`.
 */
export function asksForProjectResources(context: CommandContext): boolean {
  const projectId = (context.params as Readonly<Record<string, unknown>>).projectid;
  if (typeof projectId !== 'string') return false;
  if (projectId === '-1') return true;
  throw unknownEntityError(context.command, 'projectid', projectId);
}

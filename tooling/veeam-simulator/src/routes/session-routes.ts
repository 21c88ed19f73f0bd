import { isoTime } from '../model/clock';
import { type SessionRecord } from '../model/sessions';
import { type ApiRequest, type ApiResponse, type RouteDef, ok } from '../http/route';
import {
  dateParam,
  enumListParam,
  enumParam,
  pageOf,
  readPaging,
  sortBy,
  stringParam,
  uuidParam,
  wildcardMatcher,
} from '../http/query';
import { renderSession, renderTaskSession } from '../http/render';
import { badRequest } from '../http/vbr-error';
import { defaultLimit, orderAsc } from './limits';
import { findByPathId } from './path-ids';

/** Session types a filter may name: those the simulator makes and their common neighbours. */
const FILTERABLE_TYPES = [
  'Infrastructure',
  'BackupJob',
  'ConfigurationBackup',
  'InfrastructureItemDeletion',
  'RestoreVm',
  'InstantRecovery',
  'FirstClassDiskInstantRestore',
  'QuickMigration',
  'FileLevelRestore',
  'FirstClassDiskQuickMigration',
  'DeleteBackup',
] as const;

const STATES = [
  'Stopped',
  'Starting',
  'Stopping',
  'Working',
  'Pausing',
  'Resuming',
  'WaitingTape',
  'Idle',
  'Postprocessing',
  'WaitingRepository',
  'WaitingSlot',
  'ActionRequired',
] as const;
const RESULTS = ['None', 'Success', 'Warning', 'Failed'] as const;
const ORDER_COLUMNS = [
  'Name',
  'SessionType',
  'CreationTime',
  'EndTime',
  'State',
  'Result',
  'InitiatedBy',
] as const;

function findSession(request: ApiRequest): SessionRecord {
  return findByPathId(request, 'Session', (id) => request.state.sessions.get(id));
}

function listSessions(request: ApiRequest): ApiResponse {
  const { query } = request;
  const nameFilter = stringParam(query, 'nameFilter');
  const nameMatches = nameFilter ? wildcardMatcher(nameFilter) : undefined;
  const types = enumListParam(query, 'typeFilter', FILTERABLE_TYPES) as string[] | undefined;
  const states = enumListParam(query, 'stateFilter', STATES) as string[] | undefined;
  const results = enumListParam(query, 'resultFilter', RESULTS) as string[] | undefined;
  const jobId = uuidParam(query, 'jobIdFilter');
  const createdAfter = dateParam(query, 'createdAfterFilter');
  const createdBefore = dateParam(query, 'createdBeforeFilter');
  const endedAfter = dateParam(query, 'endedAfterFilter');
  const endedBefore = dateParam(query, 'endedBeforeFilter');
  const sessions = request.state.sessions
    .all()
    .filter(
      (session) =>
        (nameMatches === undefined || nameMatches(session.name)) &&
        (types === undefined || types.includes(session.type)) &&
        (states === undefined || states.includes(session.state)) &&
        (results === undefined || results.includes(session.result)) &&
        (jobId === undefined || session.jobId === jobId) &&
        (createdAfter === undefined || session.createdAt >= createdAfter) &&
        (createdBefore === undefined || session.createdAt <= createdBefore) &&
        (endedAfter === undefined ||
          (session.endTime !== undefined && session.endTime >= endedAfter)) &&
        (endedBefore === undefined ||
          (session.endTime !== undefined && session.endTime <= endedBefore)),
    );
  const column = enumParam(query, 'orderColumn', ORDER_COLUMNS);
  const keys: Record<(typeof ORDER_COLUMNS)[number], (session: SessionRecord) => string | number> =
    {
      Name: (session) => session.name.toLowerCase(),
      SessionType: (session) => session.type,
      CreationTime: (session) => session.createdAt,
      EndTime: (session) => session.endTime ?? Number.MAX_SAFE_INTEGER,
      State: (session) => session.state,
      Result: (session) => session.result,
      InitiatedBy: (session) => session.initiatedBy,
    };
  const sorted = sortBy(sessions, column ? keys[column] : undefined, orderAsc(request));
  const paging = readPaging(query, defaultLimit(request));
  return ok(pageOf(sorted, paging, (session) => renderSession(session, request.codec)));
}

function sessionLogs(request: ApiRequest): ApiResponse {
  const session = findSession(request);
  // Newest first, as VBR lists them.
  const records = [...session.logs].reverse().map((record) => ({
    id: record.id,
    status: record.status,
    startTime: isoTime(record.startTime),
    updateTime: isoTime(record.updateTime),
    title: record.title,
    description: '',
  }));
  return ok({ totalRecords: records.length, records });
}

function taskSessions(request: ApiRequest): ApiResponse {
  const session = findSession(request);
  const paging = request.codec.v13
    ? readPaging(request.query, defaultLimit(request))
    : { skip: 0, limit: undefined };
  return ok(pageOf(session.tasks, paging, (task) => renderTaskSession(session, task)));
}

function stopSession(request: ApiRequest): ApiResponse {
  const session = findSession(request);
  if (session.state === 'Stopped') throw badRequest(`Session ${session.id} has already stopped.`);
  request.state.sessions.stop(session);
  return ok({});
}

export const sessionRoutes: readonly RouteDef[] = [
  {
    method: 'GET',
    path: '/api/v1/sessions',
    operation: 'GetAllSessions',
    auth: 'any',
    handler: listSessions,
  },
  {
    method: 'GET',
    path: '/api/v1/sessions/{id}',
    operation: 'GetSession',
    auth: 'any',
    handler: (request) => ok(renderSession(findSession(request), request.codec)),
  },
  {
    method: 'GET',
    path: '/api/v1/sessions/{id}/logs',
    operation: 'GetSessionLogs',
    auth: 'any',
    handler: sessionLogs,
  },
  {
    method: 'GET',
    path: '/api/v1/sessions/{id}/taskSessions',
    operation: 'GetSessionTaskSessions',
    auth: 'any',
    handler: taskSessions,
  },
  {
    method: 'POST',
    path: '/api/v1/sessions/{id}/stop',
    operation: 'StopSession',
    auth: ['BackupAdministrator', 'BackupOperator'],
    handler: stopSession,
  },
];

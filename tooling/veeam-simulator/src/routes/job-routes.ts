import { startJob, jobAlreadyRunning } from '../model/job-runs';
import { type JobRecord } from '../model/jobs';
import { type SessionResult } from '../model/jobs';
import { jobTypes } from '../http/codec';
import { parseJobWrite } from '../http/job-body';
import {
  jsonBody,
  optionalJsonBody,
  type ApiRequest,
  type ApiResponse,
  type RouteDef,
  ok,
} from '../http/route';
import {
  enumParam,
  pageOf,
  readPaging,
  sortBy,
  stringParam,
  uuidParam,
  wildcardMatcher,
} from '../http/query';
import { renderJob, renderJobState, renderSession } from '../http/render';
import { badRequest } from '../http/vbr-error';
import { defaultLimit, orderAsc } from './limits';
import { findByPathId } from './path-ids';

const ADMIN = ['BackupAdministrator'] as const;
const STARTERS = ['BackupAdministrator', 'BackupOperator'] as const;

function findJob(request: ApiRequest): JobRecord {
  return findByPathId(request, 'Job', (id) => request.state.jobs.get(id));
}

/** Stores a new job (create or clone) and answers 201 with its model. */
function addJob(
  request: ApiRequest,
  fields: Omit<JobRecord, 'id' | 'createdAt' | 'lastResult'>,
): ApiResponse {
  const job = request.state.jobs.add({
    ...fields,
    id: request.state.ids.create('job'),
    createdAt: request.context.clock.now(),
    lastResult: 'None',
  });
  return { status: 201, body: renderJob(job, request.codec) };
}

function nameMatcher(request: ApiRequest): (job: JobRecord) => boolean {
  const filter = stringParam(request.query, 'nameFilter');
  if (filter === undefined) return () => true;
  const matches = wildcardMatcher(filter);
  return (job) => matches(job.name) || matches(job.description);
}

/** Only vSphere backup jobs exist, so any other valid type filters everything out. */
function typeMatcher(request: ApiRequest): (job: JobRecord) => boolean {
  const type = enumParam(request.query, 'typeFilter', jobTypes(request.codec));
  return () => type === undefined || type === request.codec.vSphereJobType;
}

function listJobs(request: ApiRequest): ApiResponse {
  const byName = nameMatcher(request);
  const byType = typeMatcher(request);
  const jobs = request.state.jobs.all().filter((job) => byName(job) && byType(job));
  const column = enumParam(request.query, 'orderColumn', ['Name', 'Type', 'Description'] as const);
  const key =
    column === 'Name'
      ? (job: JobRecord) => job.name.toLowerCase()
      : column === 'Description'
        ? (job: JobRecord) => job.description.toLowerCase()
        : undefined;
  const sorted = sortBy(jobs, key, orderAsc(request));
  const paging = readPaging(request.query, defaultLimit(request));
  return ok(pageOf(sorted, paging, (job) => renderJob(job, request.codec)));
}

function listJobStates(request: ApiRequest): ApiResponse {
  const { query, codec } = request;
  const byName = nameMatcher(request);
  const byType = typeMatcher(request);
  const id = uuidParam(query, 'idFilter');
  const lastResult = enumParam(query, 'lastResultFilter', [
    'None',
    'Success',
    'Warning',
    'Failed',
  ] as SessionResult[]);
  const jobs = request.state.jobs
    .all()
    .filter((job) => byName(job) && byType(job) && (id === undefined || job.id === id))
    .filter((job) => lastResult === undefined || job.lastResult === lastResult);
  const column = enumParam(query, 'orderColumn', [
    'Name',
    'Type',
    'Status',
    'LastRun',
    'LastResult',
    'NextRun',
    'Description',
    'RepositoryId',
    'ObjectsCount',
  ] as const);
  const key =
    column === 'Name'
      ? (job: JobRecord) => job.name.toLowerCase()
      : column === 'LastRun'
        ? (job: JobRecord) => job.lastRunAt ?? 0
        : undefined;
  const sorted = sortBy(jobs, key, orderAsc(request));
  const paging = readPaging(query, defaultLimit(request));
  return ok(pageOf(sorted, paging, (job) => renderJobState(request.state, job, codec)));
}

function createJob(request: ApiRequest): ApiResponse {
  const write = parseJobWrite(jsonBody(request), request.codec, request.state, 'create');
  if (request.state.jobs.nameTaken(write.name))
    throw badRequest(`Job with the name '${write.name}' already exists.`);
  return addJob(request, { ...write, isDisabled: false });
}

/** PUT replaces the whole model; `isDisabled` is left to enable/disable. */
function updateJob(request: ApiRequest): ApiResponse {
  const job = findJob(request);
  const body = jsonBody(request);
  const bodyId = body['id'];
  if (bodyId !== undefined && (typeof bodyId !== 'string' || bodyId.toLowerCase() !== job.id)) {
    throw badRequest(
      `The id in the body (${JSON.stringify(bodyId)}) does not match the job in the path (${job.id}).`,
    );
  }
  const write = parseJobWrite(body, request.codec, request.state, 'update');
  if (request.state.jobs.nameTaken(write.name, job.id)) {
    throw badRequest(`Job with the name '${write.name}' already exists.`);
  }
  Object.assign(job, write);
  return ok(renderJob(job, request.codec));
}

function deleteJob(request: ApiRequest): ApiResponse {
  const job = findJob(request);
  if (job.runningSessionId !== undefined) {
    throw badRequest(`Job '${job.name}' is running; stop it before deleting it.`);
  }
  // Its backup stays, orphaned, as in VBR.
  request.state.jobs.delete(job.id);
  return { status: 204 };
}

function cloneJob(request: ApiRequest): ApiResponse {
  const { id: _id, name, createdAt: _created, lastResult: _result, ...rest } = findJob(request);
  const settings = {
    description: rest.description,
    isDisabled: rest.isDisabled,
    isHighPriority: rest.isHighPriority,
    includes: rest.includes,
    excludes: rest.excludes,
    storage: rest.storage,
    guestProcessing: rest.guestProcessing,
    schedule: rest.schedule,
  };
  // Deep copies: a later PUT on either job must not change the other.
  return addJob(request, {
    ...structuredClone(settings),
    name: request.state.jobs.cloneName(name),
  });
}

function startJobRoute(request: ApiRequest): ApiResponse {
  const job = findJob(request);
  const body = optionalJsonBody(request);
  const activeFull = body['performActiveFull'];
  if (activeFull !== undefined && typeof activeFull !== 'boolean') {
    throw badRequest('performActiveFull must be a boolean.');
  }
  if (request.forceJobAlreadyRunning) throw jobAlreadyRunning(job);
  const session = startJob(request.state, job, {
    activeFull: activeFull === true,
    initiatedBy: request.grant?.username ?? 'unknown',
  });
  if (session === undefined) {
    if (request.codec.v13) return { status: 204 };
    throw badRequest(`Job '${job.name}' has no objects to process.`);
  }
  return { status: 201, body: renderSession(session, request.codec) };
}

function setDisabled(disabled: boolean) {
  return (request: ApiRequest): ApiResponse => {
    const job = findJob(request);
    job.isDisabled = disabled;
    const status = request.codec.enableDisableStatus;
    return status === 204 ? { status } : { status, body: {} };
  };
}

export const jobRoutes: readonly RouteDef[] = [
  { method: 'GET', path: '/api/v1/jobs', operation: 'GetAllJobs', auth: 'any', handler: listJobs },
  { method: 'POST', path: '/api/v1/jobs', operation: 'CreateJob', auth: ADMIN, handler: createJob },
  {
    method: 'GET',
    path: '/api/v1/jobs/states',
    operation: 'GetAllJobsStates',
    auth: 'any',
    handler: listJobStates,
  },
  {
    method: 'GET',
    path: '/api/v1/jobs/{id}',
    operation: 'GetJob',
    auth: 'any',
    handler: (request) => ok(renderJob(findJob(request), request.codec)),
  },
  {
    method: 'PUT',
    path: '/api/v1/jobs/{id}',
    operation: 'UpdateJob',
    auth: ADMIN,
    handler: updateJob,
  },
  {
    method: 'DELETE',
    path: '/api/v1/jobs/{id}',
    operation: 'DeleteJob',
    auth: ADMIN,
    handler: deleteJob,
  },
  {
    method: 'POST',
    path: '/api/v1/jobs/{id}/start',
    operation: 'StartJob',
    auth: STARTERS,
    handler: startJobRoute,
  },
  {
    method: 'POST',
    path: '/api/v1/jobs/{id}/enable',
    operation: 'EnableJob',
    auth: ADMIN,
    handler: setDisabled(false),
  },
  {
    method: 'POST',
    path: '/api/v1/jobs/{id}/disable',
    operation: 'DisableJob',
    auth: ADMIN,
    handler: setDisabled(true),
  },
  {
    method: 'POST',
    path: '/api/v1/jobs/{id}/clone',
    operation: 'CloneJob',
    auth: ADMIN,
    minRevision: '1.3-rev0',
    handler: cloneJob,
  },
];

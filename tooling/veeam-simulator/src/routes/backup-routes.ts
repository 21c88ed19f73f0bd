import { type BackupRecord, type ChainRecord, type RestorePointRecord } from '../model/backups';
import { deleteBackup, deleteBackupObject } from '../model/backup-deletion';
import { jobTypes } from '../http/codec';
import {
  optionalJsonBody,
  type ApiRequest,
  type ApiResponse,
  type RouteDef,
  ok,
} from '../http/route';
import {
  booleanParam,
  dateParam,
  enumParam,
  pageOf,
  readPaging,
  sortBy,
  stringParam,
  uuidParam,
  wildcardMatcher,
  type Paging,
} from '../http/query';
import {
  chainProvisionedBytes,
  renderBackup,
  renderBackupFile,
  renderBackupObject,
  renderDisks,
  renderRestorePoint,
  renderSession,
} from '../http/render';
import { badRequest, notFound } from '../http/vbr-error';
import { defaultLimit, orderAsc } from './limits';
import { findByPathId, pathId } from './path-ids';
import { listRestorePoints, PLATFORM_NAMES } from './restore-point-query';

const ADMIN = ['BackupAdministrator'] as const;

function findBackup(request: ApiRequest): BackupRecord {
  return findByPathId(request, 'Backup', (id) => request.state.backups.backup(id));
}

function findChain(request: ApiRequest, param = 'id'): ChainRecord {
  return findByPathId(request, 'Backup object', (id) => request.state.backups.chain(id), param);
}

function findPoint(request: ApiRequest): RestorePointRecord {
  return findByPathId(request, 'Restore point', (id) => request.state.backups.point(id));
}

/** Lists that 1.2-rev1 does not page: everything, with `total` = `count`. */
function objectListPaging(request: ApiRequest): Paging {
  return request.codec.pagedObjectLists
    ? readPaging(request.query, defaultLimit(request))
    : { skip: 0, limit: undefined };
}

function listBackups(request: ApiRequest): ApiResponse {
  const { query, codec, state } = request;
  const nameFilter = stringParam(query, 'nameFilter');
  const nameMatches = nameFilter ? wildcardMatcher(nameFilter) : undefined;
  const jobId = uuidParam(query, 'jobIdFilter');
  const after = dateParam(query, 'createdAfterFilter');
  const before = dateParam(query, 'createdBeforeFilter');
  const jobType = codec.v13 ? enumParam(query, 'jobTypeFilter', jobTypes(codec)) : undefined;
  const backups = state.backups
    .allBackups()
    .filter(
      (backup) =>
        (nameMatches === undefined || nameMatches(backup.name)) &&
        (jobId === undefined || backup.jobId === jobId) &&
        (after === undefined || backup.createdAt >= after) &&
        (before === undefined || backup.createdAt <= before) &&
        (jobType === undefined || jobType === codec.vSphereJobType),
    );
  const column = enumParam(query, 'orderColumn', [
    'Name',
    'CreationTime',
    'PlatformId',
    'JobId',
    'PolicyTag',
  ] as const);
  const keys = {
    Name: (backup: BackupRecord) => backup.name.toLowerCase(),
    CreationTime: (backup: BackupRecord) => backup.createdAt,
    JobId: (backup: BackupRecord) => backup.jobId,
  };
  const key =
    column === 'Name' || column === 'CreationTime' || column === 'JobId' ? keys[column] : undefined;
  const sorted = sortBy(backups, key, orderAsc(request));
  return ok(
    pageOf(sorted, readPaging(query, defaultLimit(request)), (backup) =>
      renderBackup(state, backup, codec),
    ),
  );
}

function removeBackup(request: ApiRequest): ApiResponse {
  const backup = findBackup(request);
  const fromDb = booleanParam(request.query, 'fromDB') ?? false;
  booleanParam(request.query, 'includeGFS');
  booleanParam(request.query, 'fromDBIfSPUnavailable');
  const session = deleteBackup(request.state, backup, {
    fromDb,
    initiatedBy: request.grant?.username ?? 'unknown',
  });
  return { status: request.codec.deleteBackupStatus, body: renderSession(session, request.codec) };
}

function removeBackupObject(request: ApiRequest): ApiResponse {
  const backup = findBackup(request);
  const chain = findChain(request, 'objectId');
  if (chain.backup !== backup) throw notFound(chain.id, 'Backup object');
  booleanParam(request.query, 'includeGFS');
  const session = deleteBackupObject(request.state, chain, {
    initiatedBy: request.grant?.username ?? 'unknown',
  });
  return { status: 201, body: renderSession(session, request.codec) };
}

function listBackupFiles(request: ApiRequest): ApiResponse {
  const { query, codec, state } = request;
  const backup = findBackup(request);
  const nameFilter = stringParam(query, 'nameFilter');
  const after = dateParam(query, 'createdAfterFilter');
  const before = dateParam(query, 'createdBeforeFilter');
  let points = backup.chains
    .flatMap((chain) => chain.points)
    .sort((a, b) => a.time - b.time || a.seq - b.seq);
  points = points.filter(
    (point) =>
      (after === undefined || point.time >= after) &&
      (before === undefined || point.time <= before),
  );
  if (nameFilter !== undefined) {
    const matches = wildcardMatcher(nameFilter);
    points = points.filter((point) =>
      matches(String(renderBackupFile(state, point, codec)['name'])),
    );
  }
  const column = enumParam(query, 'orderColumn', [
    'Name',
    'DataSize',
    'BackupSize',
    'DedupRatio',
    'CompressRatio',
    'CreationTime',
    'GFSPeriod',
  ] as const);
  const key =
    column === 'DataSize'
      ? (point: RestorePointRecord) => state.backups.fileSizes(point).dataSize
      : column === 'BackupSize'
        ? (point: RestorePointRecord) => state.backups.fileSizes(point).backupSize
        : undefined;
  const sorted = sortBy(points, key, orderAsc(request));
  return ok(
    pageOf(sorted, readPaging(query, defaultLimit(request)), (point) =>
      renderBackupFile(state, point, codec),
    ),
  );
}

function backupFile(request: ApiRequest): ApiResponse {
  const backup = findBackup(request);
  const fileId = pathId(request, 'backupFileId');
  const point = request.state.backups.pointOfFile(fileId);
  if (point === undefined || point.chain.backup !== backup) throw notFound(fileId, 'Backup file');
  return ok(renderBackupFile(request.state, point, request.codec));
}

/** 1.3-rev2 `POST /backups/{id}/details`: sizes of the whole backup or of one object in it. */
function backupDetails(request: ApiRequest): ApiResponse {
  const backup = findBackup(request);
  const body = optionalJsonBody(request);
  let chains = backup.chains;
  if (body['objectId'] !== undefined) {
    if (typeof body['objectId'] !== 'string') throw badRequest('objectId must be a UUID string.');
    const objectId = body['objectId'].toLowerCase();
    const chain = backup.chains.find((candidate) => candidate.id === objectId);
    if (chain === undefined) throw notFound(objectId, 'Backup object');
    chains = [chain];
  }
  const points = chains.flatMap((chain) => chain.points);
  const backupSize = points.reduce(
    (sum, point) => sum + request.state.backups.fileSizes(point).backupSize,
    0,
  );
  return ok({
    objectOriginalSize: chains.reduce((sum, chain) => sum + chainProvisionedBytes(chain), 0),
    backupSize,
    actualSize: backupSize,
    restorePointsCount: points.length,
  });
}

function listBackupObjects(request: ApiRequest): ApiResponse {
  const { query, codec, state } = request;
  const nameFilter = stringParam(query, 'nameFilter');
  const nameMatches = nameFilter ? wildcardMatcher(nameFilter) : undefined;
  const platform = enumParam(query, 'platformNameFilter', PLATFORM_NAMES);
  const type = stringParam(query, 'typeFilter');
  const viType = stringParam(query, 'viTypeFilter');
  const chains = state.backups
    .allChains()
    .filter(
      (chain) =>
        (nameMatches === undefined || nameMatches(chain.vmName)) &&
        (platform === undefined || platform === 'VMware') &&
        (type === undefined || type === 'VM') &&
        (viType === undefined || viType === 'VirtualMachine'),
    );
  const column = enumParam(query, 'orderColumn', [
    'Name',
    'ObjectId',
    'PlatformId',
    'Type',
  ] as const);
  const key =
    column === 'Name'
      ? (chain: ChainRecord) => chain.vmName.toLowerCase()
      : column === 'ObjectId'
        ? (chain: ChainRecord) => chain.vmObjectId
        : undefined;
  const sorted = sortBy(chains, key, orderAsc(request));
  return ok(
    pageOf(sorted, readPaging(query, defaultLimit(request)), (chain) =>
      renderBackupObject(chain, codec),
    ),
  );
}

function restorePointDisks(request: ApiRequest): ApiResponse {
  const point = findPoint(request);
  const disks = renderDisks(point, request.codec);
  return ok(pageOf(disks, objectListPaging(request), (disk) => disk));
}

export const backupRoutes: readonly RouteDef[] = [
  {
    method: 'GET',
    path: '/api/v1/backups',
    operation: 'GetAllBackups',
    auth: 'any',
    handler: listBackups,
  },
  {
    method: 'GET',
    path: '/api/v1/backups/{id}',
    operation: 'GetBackup',
    auth: 'any',
    handler: (request) => ok(renderBackup(request.state, findBackup(request), request.codec)),
  },
  {
    method: 'DELETE',
    path: '/api/v1/backups/{id}',
    operation: 'DeleteBackup',
    auth: ADMIN,
    handler: removeBackup,
  },
  {
    method: 'GET',
    path: '/api/v1/backups/{id}/backupFiles',
    operation: 'GetAllBackupFiles',
    auth: 'any',
    handler: listBackupFiles,
  },
  {
    method: 'GET',
    path: '/api/v1/backups/{id}/backupFiles/{backupFileId}',
    operation: 'GetBackupFile',
    auth: 'any',
    handler: backupFile,
  },
  {
    method: 'GET',
    path: '/api/v1/backups/{id}/objects',
    operation: 'GetBackupObjects',
    auth: 'any',
    handler: (request) => {
      const backup = findBackup(request);
      const paging = objectListPaging(request);
      return ok(pageOf(backup.chains, paging, (chain) => renderBackupObject(chain, request.codec)));
    },
  },
  {
    method: 'DELETE',
    path: '/api/v1/backups/{id}/objects/{objectId}',
    operation: 'DeleteBackupObject',
    auth: ADMIN,
    minRevision: '1.3-rev0',
    handler: removeBackupObject,
  },
  {
    method: 'POST',
    path: '/api/v1/backups/{id}/details',
    operation: 'GetBackupDetails',
    auth: 'any',
    minRevision: '1.3-rev2',
    handler: backupDetails,
  },
  {
    method: 'GET',
    path: '/api/v1/backupObjects',
    operation: 'GetAllBackupObjects',
    auth: 'any',
    handler: listBackupObjects,
  },
  {
    method: 'GET',
    path: '/api/v1/backupObjects/{id}',
    operation: 'GetBackupObject',
    auth: 'any',
    handler: (request) => ok(renderBackupObject(findChain(request), request.codec)),
  },
  {
    method: 'GET',
    path: '/api/v1/backupObjects/{id}/restorePoints',
    operation: 'GetBackupObjectRestorePoints',
    auth: 'any',
    handler: (request) => ok(listRestorePoints(request, findChain(request))),
  },
  {
    method: 'GET',
    path: '/api/v1/restorePoints',
    operation: 'GetAllObjectRestorePoints',
    auth: 'any',
    handler: (request) => ok(listRestorePoints(request)),
  },
  {
    method: 'GET',
    path: '/api/v1/restorePoints/{id}',
    operation: 'GetObjectRestorePoint',
    auth: 'any',
    handler: (request) => ok(renderRestorePoint(request.state, findPoint(request), request.codec)),
  },
  {
    method: 'GET',
    path: '/api/v1/restorePoints/{id}/disks',
    operation: 'GetObjectRestorePointDisks',
    auth: 'any',
    handler: restorePointDisks,
  },
];

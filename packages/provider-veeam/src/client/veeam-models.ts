import { malformedAnswer } from '../http/veeam-errors';

/**
 * The parts of Veeam's models csbr reads, checked as they arrive: a document without them is a
 * clear "unexpected document" error rather than an `undefined` deep inside an operation.
 */
type Json = Record<string, unknown>;

/** A Veeam list page: `{ data, pagination: { total, count, skip, limit } }`. */
export interface VeeamPage {
  readonly data: readonly Json[];
  readonly total: number;
}

export interface VeeamJob {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly isDisabled: boolean;
  /** The whole model as Veeam sent it: PUT replaces the job, so it goes back whole. */
  readonly model: Json;
}

export interface VeeamSession {
  readonly id: string;
  readonly state: string;
  readonly progressPercent: number;
  readonly result: string;
  readonly message: string;
  readonly isCanceled: boolean;
  readonly creationTime: Date;
}

export interface VeeamRestorePoint {
  readonly id: string;
  readonly name: string;
  readonly backupId: string;
  readonly creationTime: Date;
  readonly type: string;
  readonly sessionId?: string;
}

export interface VeeamBackup {
  readonly id: string;
  readonly jobId: string;
  readonly name: string;
}

export interface VeeamBackupObject {
  readonly id: string;
  readonly name: string;
  readonly objectId: string;
  readonly restorePointsCount: number;
  readonly backupId?: string;
}

export interface VeeamBackupFile {
  readonly backupSize: number;
  readonly dataSize: number;
}

/** A vCenter inventory object, kept whole: jobs and restores take it back verbatim (§4.8). */
export interface VeeamInventoryObject {
  readonly type: string;
  readonly name: string;
  readonly objectId: string;
  readonly hostName: string;
  readonly model: Json;
}

function object(value: unknown, operation: string): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw malformedAnswer(operation, 'an unexpected document');
  }
  return value as Json;
}

function text(json: Json, field: string, operation: string): string {
  const value = json[field];
  if (typeof value !== 'string') throw malformedAnswer(operation, `a document without ${field}`);
  return value;
}

function optionalText(json: Json, field: string): string | undefined {
  const value = json[field];
  return typeof value === 'string' ? value : undefined;
}

function number(json: Json, field: string, operation: string): number {
  const value = json[field];
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw malformedAnswer(operation, `a document without ${field}`);
  }
  return value;
}

function date(json: Json, field: string, operation: string): Date {
  const value = new Date(text(json, field, operation));
  if (Number.isNaN(value.getTime())) throw malformedAnswer(operation, `an invalid ${field}`);
  return value;
}

export function readPage(body: unknown, operation: string): VeeamPage {
  const page = object(body, operation);
  const { data } = page;
  if (!Array.isArray(data)) throw malformedAnswer(operation, 'a list without data');
  const pagination = page['pagination'];
  const total =
    typeof pagination === 'object' && pagination !== null && typeof (pagination as Json)['total'] === 'number'
      ? ((pagination as Json)['total'] as number)
      : data.length;
  return { data: data.map((item) => object(item, operation)), total };
}

export function readJob(body: unknown, operation: string): VeeamJob {
  const job = object(body, operation);
  return {
    id: text(job, 'id', operation),
    name: text(job, 'name', operation),
    description: optionalText(job, 'description') ?? '',
    isDisabled: job['isDisabled'] === true,
    model: job,
  };
}

export function readSession(body: unknown, operation: string): VeeamSession {
  const session = object(body, operation);
  const result = typeof session['result'] === 'object' && session['result'] !== null ? (session['result'] as Json) : {};
  const progress = session['progressPercent'];
  return {
    id: text(session, 'id', operation),
    state: text(session, 'state', operation),
    progressPercent: typeof progress === 'number' ? progress : 0,
    result: optionalText(result, 'result') ?? 'None',
    message: optionalText(result, 'message') ?? '',
    isCanceled: result['isCanceled'] === true,
    creationTime: date(session, 'creationTime', operation),
  };
}

export function readRestorePoint(body: unknown, operation: string): VeeamRestorePoint {
  const point = object(body, operation);
  const sessionId = optionalText(point, 'sessionId');
  return {
    id: text(point, 'id', operation),
    name: optionalText(point, 'name') ?? '',
    backupId: text(point, 'backupId', operation),
    creationTime: date(point, 'creationTime', operation),
    type: optionalText(point, 'type') ?? 'Full',
    ...(sessionId === undefined ? {} : { sessionId }),
  };
}

export function readBackup(body: unknown, operation: string): VeeamBackup {
  const backup = object(body, operation);
  return {
    id: text(backup, 'id', operation),
    jobId: optionalText(backup, 'jobId') ?? '',
    name: text(backup, 'name', operation),
  };
}

export function readBackupObject(body: unknown, operation: string): VeeamBackupObject {
  const item = object(body, operation);
  const backupId = optionalText(item, 'backupId');
  return {
    id: text(item, 'id', operation),
    name: text(item, 'name', operation),
    objectId: optionalText(item, 'objectId') ?? '',
    restorePointsCount: number(item, 'restorePointsCount', operation),
    ...(backupId === undefined ? {} : { backupId }),
  };
}

export function readBackupFile(body: unknown, operation: string): VeeamBackupFile {
  const file = object(body, operation);
  return { backupSize: number(file, 'backupSize', operation), dataSize: number(file, 'dataSize', operation) };
}

export function readInventoryObject(body: unknown, operation: string): VeeamInventoryObject {
  const item = object(body, operation);
  return {
    type: text(item, 'type', operation),
    name: text(item, 'name', operation),
    objectId: text(item, 'objectId', operation),
    hostName: optionalText(item, 'hostName') ?? '',
    model: item,
  };
}

/** A session answered by a POST or DELETE (201/200), or undefined for 204. */
export function readOptionalSession(body: unknown, operation: string): VeeamSession | undefined {
  return body === undefined ? undefined : readSession(body, operation);
}

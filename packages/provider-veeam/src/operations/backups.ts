import {
  type BackupDeletionRequest,
  BackupError,
  isBackupError,
  type ProviderLogger,
  type RestorePoint,
  type TakeBackupRequest,
  type VirtualMachine,
} from '@csbr/framework';

import { type VeeamApi } from '../client/veeam-api';
import {
  readBackup,
  readBackupObject,
  readOptionalSession,
  readRestorePoint,
  readSession,
  type VeeamBackup,
  type VeeamRestorePoint,
  type VeeamSession,
} from '../client/veeam-models';
import { followSession } from './follow-session';
import { idPath } from './job-names';

/** How far before its session a restore point may be dated and still be the backup's. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface OperationDeps {
  readonly logger: ProviderLogger;
  readonly now: () => Date;
}

/**
 * Starts the VM's job and follows its session to the end (`Warning` counts as success). Returns
 * the restore point the session made, or undefined when Veeam does not show it yet (the sync
 * records it then).
 */
export async function takeBackup(api: VeeamApi, request: TakeBackupRequest, deps: OperationDeps): Promise<RestorePoint | undefined> {
  const { vm } = request;
  const jobId = requireJobId(vm);
  const operation = `start the backup job of VM ${vm.instanceName}`;
  const started = readOptionalSession(
    await api.post(operation, `/api/v1/jobs/${idPath(jobId)}/start`, { performActiveFull: false }),
    operation,
  );
  if (started === undefined) {
    throw new BackupError('OPERATION_FAILED', `The Veeam job of VM ${vm.instanceName} has no VM to back up; assign the VM again`);
  }
  const session = await followSession(api, started, {
    what: `the backup of VM ${vm.instanceName}`,
    stopOnGiveUp: true,
    ...deps,
  });
  const point = await pointOfSession(api, jobId, session);
  return point === undefined ? undefined : toRestorePoint(point);
}

/** The restore points of the VM's job, oldest first (one call per page of its backup). */
export async function listVmRestorePoints(api: VeeamApi, vm: VirtualMachine): Promise<RestorePoint[]> {
  if (vm.backupExternalId === undefined) return [];
  const points: RestorePoint[] = [];
  for (const backup of await backupsOfJob(api, vm.backupExternalId)) {
    for (const point of await pointsOfBackup(api, backup.id)) points.push(toRestorePoint(point));
  }
  return points;
}

/**
 * Deletes the backup's chain: Veeam cannot delete one restore point (§4.9), so the whole backup on
 * VBR 12 and the VM's chain inside it on VBR 13.
 */
export async function deleteBackupChain(api: VeeamApi, request: BackupDeletionRequest, deps: OperationDeps): Promise<void> {
  const { vm, backup } = request;
  const backupIds = await backupIdsOfPoint(api, backup.externalId, vm);
  for (const backupId of backupIds) {
    if (api.profile.deleteVmChain) await deleteVmObject(api, backupId, vm, deps);
    else await deleteWholeBackup(api, backupId, vm, deps);
  }
}

/** Deletes every backup of the job (removing a VM from its policy deletes its backups). */
export async function deleteJobBackups(api: VeeamApi, jobId: string, vm: VirtualMachine, deps: OperationDeps): Promise<void> {
  for (const backup of await backupsOfJob(api, jobId)) await deleteWholeBackup(api, backup.id, vm, deps);
}

export async function backupsOfJob(api: VeeamApi, jobId: string): Promise<VeeamBackup[]> {
  const operation = 'list the backups of a job';
  return (await api.listAll(operation, '/api/v1/backups', { jobIdFilter: jobId })).map((item) => readBackup(item, operation));
}

export function toRestorePoint(point: VeeamRestorePoint): RestorePoint {
  return { externalId: point.id, created: point.creationTime, type: point.type };
}

async function pointsOfBackup(api: VeeamApi, backupId: string): Promise<VeeamRestorePoint[]> {
  const operation = 'list the restore points of a backup';
  const items = await api.listAll(operation, '/api/v1/restorePoints', {
    backupIdFilter: backupId,
    orderColumn: 'CreationTime',
    orderAsc: true,
  });
  return items.map((item) => readRestorePoint(item, operation));
}

/** The point the session made: the one carrying its id, else the newest since it started. */
async function pointOfSession(api: VeeamApi, jobId: string, session: VeeamSession): Promise<VeeamRestorePoint | undefined> {
  const since = session.creationTime.getTime() - CLOCK_SKEW_MS;
  const operation = 'find the restore point of a backup';
  for (const backup of await backupsOfJob(api, jobId)) {
    const newest = (
      await api.get(operation, '/api/v1/restorePoints', {
        backupIdFilter: backup.id,
        orderColumn: 'CreationTime',
        orderAsc: false,
        skip: 0,
        limit: 20,
      })
    ) as { data?: unknown[] };
    const points = (Array.isArray(newest.data) ? newest.data : []).map((item) => readRestorePoint(item, operation));
    const found =
      points.find((point) => point.sessionId === session.id) ??
      points.find((point) => point.sessionId === undefined && point.creationTime.getTime() >= since);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The backups a point belongs to; when the point is gone, the VM job's backups (maybe none). */
async function backupIdsOfPoint(api: VeeamApi, pointId: string, vm: VirtualMachine): Promise<string[]> {
  const operation = 'read a restore point';
  try {
    return [readRestorePoint(await api.get(operation, `/api/v1/restorePoints/${idPath(pointId)}`), operation).backupId];
  } catch (error) {
    if (!(isBackupError(error) && (error.code === 'NOT_FOUND' || error.code === 'UPSTREAM_REJECTED'))) throw error;
  }
  if (vm.backupExternalId === undefined) return [];
  return (await backupsOfJob(api, vm.backupExternalId)).map((backup) => backup.id);
}

async function deleteWholeBackup(api: VeeamApi, backupId: string, vm: VirtualMachine, deps: OperationDeps): Promise<void> {
  const operation = `delete the backup of VM ${vm.instanceName}`;
  const answer = await deleteOrGone(api, operation, `/api/v1/backups/${idPath(backupId)}`, { fromDB: false, includeGFS: true });
  if (answer === undefined) return;
  await followSession(api, readSession(answer, operation), { what: `the deletion of the backup of VM ${vm.instanceName}`, stopOnGiveUp: false, ...deps });
}

async function deleteVmObject(api: VeeamApi, backupId: string, vm: VirtualMachine, deps: OperationDeps): Promise<void> {
  const listing = 'list the objects of a backup';
  const objects = (await api.listAll(listing, `/api/v1/backups/${idPath(backupId)}/objects`)).map((item) =>
    readBackupObject(item, listing),
  );
  const object = objects.find((candidate) => candidate.name === vm.instanceName) ?? (objects.length === 1 ? objects[0] : undefined);
  if (object === undefined) return;
  const operation = `delete the restore points of VM ${vm.instanceName}`;
  const answer = await deleteOrGone(api, operation, `/api/v1/backups/${idPath(backupId)}/objects/${idPath(object.id)}`, { includeGFS: true });
  if (answer === undefined) return;
  await followSession(api, readSession(answer, operation), { what: `the deletion of the restore points of VM ${vm.instanceName}`, stopOnGiveUp: false, ...deps });
}

/** The deletion's session, or undefined when Veeam no longer has what we delete. */
async function deleteOrGone(api: VeeamApi, operation: string, path: string, query: Record<string, boolean>): Promise<unknown> {
  try {
    return await api.delete(operation, path, query);
  } catch (error) {
    if (isBackupError(error) && error.code === 'NOT_FOUND') return undefined;
    throw error;
  }
}

function requireJobId(vm: VirtualMachine): string {
  if (vm.backupExternalId === undefined || vm.backupExternalId === '') {
    throw new BackupError('INVALID_STATE', `VM ${vm.instanceName} has no Veeam backup job; assign it to a backup policy again`);
  }
  return vm.backupExternalId;
}

import { type BackupRecord, type RestorePointRecord } from '../model/backups';
import { isoTime } from '../model/clock';
import { provisionedBytes, type VmRecord } from '../model/inventory';
import {
  retentionOf,
  type JobRecord,
  type RetentionPolicy,
  type SessionResult,
} from '../model/jobs';
import { type SessionRecord, type SessionState, type SessionType } from '../model/sessions';
import { type SimulatorState } from '../model/simulator-state';

/** Plain, JSON-ready views of the simulator's state, the same in code and over HTTP. */

export interface VmView {
  objectId: string;
  name: string;
  vcenter: string;
  hostObjectId: string;
  hostName: string | undefined;
  datastoreObjectId: string;
  datastoreName: string | undefined;
  folderObjectId: string;
  powerState: string;
  provisionedBytes: number;
  disks: { name: string; capacityBytes: number }[];
  /** How many original-location restores replaced this VM in place. */
  restoredInPlace: number;
}

export interface JobView {
  id: string;
  name: string;
  description: string;
  isDisabled: boolean;
  vmObjectIds: string[];
  vmNames: string[];
  retention: RetentionPolicy;
  runAutomatically: boolean;
  lastResult: SessionResult;
  lastRun: string | undefined;
  runningSessionId: string | undefined;
  backupId: string | undefined;
}

export interface SessionView {
  id: string;
  name: string;
  type: SessionType;
  jobId: string;
  state: SessionState;
  progressPercent: number;
  result: SessionResult;
  message: string;
  isCanceled: boolean;
  creationTime: string;
  endTime: string | undefined;
  logs: string[];
}

export interface BackupView {
  id: string;
  jobId: string;
  name: string;
  creationTime: string;
  objects: { id: string; vmObjectId: string; vmName: string; restorePoints: number }[];
}

export interface RestorePointView {
  id: string;
  backupId: string;
  backupObjectId: string;
  vmObjectId: string;
  vmName: string;
  creationTime: string;
  type: 'Full' | 'Increment';
  sessionId: string | undefined;
  backupFileId: string;
  dataSize: number;
  backupSize: number;
}

export function vmView(state: SimulatorState, vm: VmRecord): VmView {
  return {
    objectId: vm.objectId,
    name: vm.name,
    vcenter: vm.vcenter,
    hostObjectId: vm.hostObjectId,
    hostName: state.inventory.findInfra(vm.hostObjectId)?.name,
    datastoreObjectId: vm.datastoreObjectId,
    datastoreName: state.inventory.findInfra(vm.datastoreObjectId)?.name,
    folderObjectId: vm.folderObjectId,
    powerState: vm.powerState,
    provisionedBytes: provisionedBytes(vm),
    disks: vm.disks.map((disk) => ({ ...disk })),
    restoredInPlace: vm.restoredInPlace,
  };
}

export function jobView(state: SimulatorState, job: JobRecord): JobView {
  return {
    id: job.id,
    name: job.name,
    description: job.description,
    isDisabled: job.isDisabled,
    vmObjectIds: job.includes.map((include) => include.objectId),
    vmNames: job.includes.map((include) => include.name),
    retention: retentionOf(job),
    runAutomatically: job.schedule['runAutomatically'] === true,
    lastResult: job.lastResult,
    lastRun: job.lastRunAt === undefined ? undefined : isoTime(job.lastRunAt),
    runningSessionId: job.runningSessionId,
    backupId: state.backups.backupOfJob(job.id)?.id,
  };
}

export function sessionView(session: SessionRecord): SessionView {
  return {
    id: session.id,
    name: session.name,
    type: session.type,
    jobId: session.jobId,
    state: session.state,
    progressPercent: session.progressPercent,
    result: session.result,
    message: session.message,
    isCanceled: session.isCanceled,
    creationTime: isoTime(session.createdAt),
    endTime: session.endTime === undefined ? undefined : isoTime(session.endTime),
    logs: session.logs.map((record) => `${record.status}: ${record.title}`),
  };
}

export function backupView(backup: BackupRecord): BackupView {
  return {
    id: backup.id,
    jobId: backup.jobId,
    name: backup.name,
    creationTime: isoTime(backup.createdAt),
    objects: backup.chains.map((chain) => ({
      id: chain.id,
      vmObjectId: chain.vmObjectId,
      vmName: chain.vmName,
      restorePoints: chain.points.length,
    })),
  };
}

export function restorePointView(
  state: SimulatorState,
  point: RestorePointRecord,
): RestorePointView {
  const sizes = state.backups.fileSizes(point);
  return {
    id: state.backups.pointId(point),
    backupId: point.chain.backup.id,
    backupObjectId: point.chain.id,
    vmObjectId: point.chain.vmObjectId,
    vmName: point.chain.vmName,
    creationTime: isoTime(point.time),
    type: point.full ? 'Full' : 'Increment',
    sessionId: point.sessionId,
    backupFileId: state.backups.fileId(point),
    dataSize: sizes.dataSize,
    backupSize: sizes.backupSize,
  };
}

import { type BackupRecord, type ChainRecord, type RestorePointRecord } from '../model/backups';
import { isoTime } from '../model/clock';
import { NIL_GUID } from '../model/ids';
import {
  humanSize,
  provisionedBytes,
  type InfraObject,
  type VCenter,
  type VmRecord,
} from '../model/inventory';
import { type JobRecord, type VmInclude } from '../model/jobs';
import { type SessionRecord, type TaskRecord } from '../model/sessions';
import { type SimulatorState } from '../model/simulator-state';
import { type Codec } from './codec';

/** Veeam's JSON models, rendered per revision. Field names follow the VBR OpenAPI documents. */

export function renderInclude(include: VmInclude, codec: Codec): Record<string, unknown> {
  const body: Record<string, unknown> = {
    platform: codec.inventoryPlatform,
    type: include.type,
    hostName: include.hostName,
    name: include.name,
    objectId: include.objectId,
  };
  if (include.urn !== undefined) body['urn'] = include.urn;
  if (include.size !== undefined) body['size'] = include.size;
  return body;
}

export function renderJob(job: JobRecord, codec: Codec): Record<string, unknown> {
  return {
    id: job.id,
    name: job.name,
    type: codec.vSphereJobType,
    isDisabled: job.isDisabled,
    description: job.description,
    isHighPriority: job.isHighPriority,
    virtualMachines: {
      includes: job.includes.map((include) => renderInclude(include, codec)),
      excludes: job.excludes,
    },
    storage: job.storage,
    guestProcessing: job.guestProcessing,
    schedule: job.schedule,
  };
}

function jobStatus(job: JobRecord, codec: Codec): string {
  const status =
    job.runningSessionId !== undefined ? 'Running' : job.isDisabled ? 'Disabled' : 'Inactive';
  return codec.jobStateCase === 'lower' ? status.toLowerCase() : status;
}

export function renderJobState(
  state: SimulatorState,
  job: JobRecord,
  codec: Codec,
): Record<string, unknown> {
  const running = job.runningSessionId ? state.sessions.get(job.runningSessionId) : undefined;
  const body: Record<string, unknown> = {
    id: job.id,
    name: job.name,
    type: codec.vSphereJobType,
    description: job.description,
    status: jobStatus(job, codec),
    lastResult: job.lastResult,
    workload: codec.jobStateCase === 'lower' ? 'vm' : 'Vm',
    repositoryId: job.storage['backupRepositoryId'],
    repositoryName: state.repository.name,
    objectsCount: job.includes.length,
  };
  if (job.lastRunAt !== undefined) body['lastRun'] = isoTime(job.lastRunAt);
  const sessionId = job.runningSessionId ?? job.lastSessionId;
  if (sessionId !== undefined) body['sessionId'] = sessionId;
  if (codec.v13) {
    body['highPriority'] = job.isHighPriority;
    body['progressPercent'] = running?.progressPercent ?? (job.lastResult === 'None' ? 0 : 100);
  }
  return body;
}

export function renderSession(session: SessionRecord, codec: Codec): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: session.id,
    name: session.name,
    jobId: session.jobId,
    sessionType: session.type,
    creationTime: isoTime(session.createdAt),
    state: session.state,
    progressPercent: session.progressPercent,
    result: { result: session.result, message: session.message, isCanceled: session.isCanceled },
    usn: session.usn,
    platformName: 'VMware',
    platformId: NIL_GUID,
  };
  if (session.endTime !== undefined) body['endTime'] = isoTime(session.endTime);
  if (session.resourceId !== undefined) body['resourceId'] = session.resourceId;
  if (session.resourceReference !== undefined)
    body['resourceReference'] = session.resourceReference;
  if (codec.v13) body['initiatedBy'] = session.initiatedBy;
  return body;
}

export function renderTaskSession(
  session: SessionRecord,
  task: TaskRecord,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: task.id,
    type: task.type,
    sessionId: session.id,
    sessionType: session.type,
    creationTime: isoTime(session.createdAt),
    name: task.name,
    state: session.state,
    result: { result: session.result, message: session.message, isCanceled: session.isCanceled },
    usn: session.usn,
  };
  if (session.endTime !== undefined) body['endTime'] = isoTime(session.endTime);
  if (task.restorePointId !== undefined) {
    body['restorePointId'] = task.restorePointId;
    body['restorePointReference'] = `/api/v1/restorePoints/${task.restorePointId}`;
  }
  return body;
}

export function renderBackup(
  state: SimulatorState,
  backup: BackupRecord,
  codec: Codec,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: backup.id,
    jobId: backup.jobId,
    policyUniqueId: '',
    name: backup.name,
    platformName: 'VMware',
    platformId: NIL_GUID,
    creationTime: isoTime(backup.createdAt),
    repositoryId: backup.repositoryId,
  };
  if (codec.v13) {
    body['repositoryName'] = state.repository.name;
    body['jobType'] = codec.vSphereJobType;
  }
  return body;
}

export function chainProvisionedBytes(chain: ChainRecord): number {
  return provisionedBytes(chain);
}

export function renderBackupObject(chain: ChainRecord, codec: Codec): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: chain.id,
    name: chain.vmName,
    type: 'VM',
    platformName: 'VMware',
    platformId: NIL_GUID,
    restorePointsCount: chain.points.length,
    objectId: chain.vmObjectId,
    viType: 'VirtualMachine',
    path: `${chain.vcenter}\\${chain.vmName}`,
  };
  if (codec.v13) body['lastRunFailed'] = chain.lastRunFailed;
  if (codec.rev2Fields) {
    body['backupId'] = chain.backup.id;
    body['size'] = chainProvisionedBytes(chain);
  }
  return body;
}

const VMWARE_POINT_OPERATIONS = [
  'StartViVMInstantRecovery',
  'StartEntireVmRestore',
  'StartFCDInstantRecovery',
  'StartFlrRestore',
];

export function renderRestorePoint(
  state: SimulatorState,
  point: RestorePointRecord,
  codec: Codec,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: state.backups.pointId(point),
    name: point.chain.vmName,
    platformName: 'VMware',
    platformId: NIL_GUID,
    creationTime: isoTime(point.time),
    backupId: point.chain.backup.id,
    type: point.full ? 'Full' : 'Increment',
    allowedOperations: VMWARE_POINT_OPERATIONS,
    malwareStatus: 'Clean',
    backupFileId: state.backups.fileId(point),
  };
  if (point.sessionId !== undefined) body['sessionId'] = point.sessionId;
  if (codec.v13) {
    body['guestOsFamily'] = 'Linux';
    body['originalSize'] = provisionedBytes(point.chain);
  }
  if (codec.rev2Fields) body['gfsPeriods'] = [];
  return body;
}

export function renderBackupFile(
  state: SimulatorState,
  point: RestorePointRecord,
  codec: Codec,
): Record<string, unknown> {
  const { chain } = point;
  const sizes = state.backups.fileSizes(point);
  const stamp = isoTime(point.time).replace(/[-:]/g, '').slice(0, 15);
  const body: Record<string, unknown> = {
    id: state.backups.fileId(point),
    name: `/var/lib/veeam/backups/${chain.backup.name}/${chain.vmName}.${stamp}.${point.full ? 'vbk' : 'vib'}`,
    backupId: chain.backup.id,
  };
  if (codec.rev2Fields) body['objectIds'] = [chain.id];
  else body['objectId'] = chain.id;
  Object.assign(body, {
    restorePointIds: [state.backups.pointId(point)],
    dataSize: sizes.dataSize,
    backupSize: sizes.backupSize,
    dedupRatio: sizes.dedupRatio,
    compressRatio: sizes.compressRatio,
    creationTime: isoTime(point.time),
    gfsPeriods: ['None'],
  });
  return body;
}

export function renderDisks(point: RestorePointRecord, codec: Codec): Record<string, unknown>[] {
  return point.chain.disks.map((disk, index) => {
    const body: Record<string, unknown> = {
      uid: `${point.chain.vmObjectId}:${2000 + index}`,
      type: 'Vi',
      name: disk.name,
      capacity: disk.capacityBytes,
      state: 'Processed',
    };
    if (codec.v13) body['platform'] = 'VMware';
    return body;
  });
}

export function renderVCenter(vcenter: VCenter, codec: Codec): Record<string, unknown> {
  return {
    platform: codec.inventoryPlatform,
    type: 'vCenterServer',
    hostName: vcenter.name,
    name: vcenter.name,
    objectId: vcenter.id,
    urn: `vc:${vcenter.name}`,
    size: 'N/A',
  };
}

export function renderInfra(object: InfraObject, codec: Codec): Record<string, unknown> {
  const urnType: Record<InfraObject['type'], string> = {
    Datacenter: 'Datacenter',
    Cluster: 'ClusterComputeResource',
    Host: 'HostSystem',
    Datastore: 'Datastore',
    ResourcePool: 'ResourcePool',
    Folder: 'Folder',
    Network: 'Network',
  };
  return {
    platform: codec.inventoryPlatform,
    type: object.type,
    hostName: object.vcenter,
    name: object.name,
    objectId: object.objectId,
    urn: `${urnType[object.type]}:${object.objectId}`,
    size: 'N/A',
  };
}

export function renderVm(vm: VmRecord, codec: Codec): Record<string, unknown> {
  const body: Record<string, unknown> = {
    platform: codec.inventoryPlatform,
    type: 'VirtualMachine',
    hostName: vm.vcenter,
    name: vm.name,
    objectId: vm.objectId,
    urn: `VirtualMachine:${vm.objectId}`,
    size: humanSize(provisionedBytes(vm)),
  };
  if (codec.v13) {
    body['powerState'] = vm.powerState;
    body['metadata'] = [{ field: 'instanceUuid', data: vm.instanceUuid }];
  }
  return body;
}

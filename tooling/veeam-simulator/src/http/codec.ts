import { atLeast, isV13, type Revision } from '../personality';

/**
 * What changes on the wire with the `x-api-version` a request carries (the doc's section 6).
 * Handlers read these instead of comparing revisions, so every difference is listed here.
 */
export interface Codec {
  readonly revision: Revision;
  readonly v13: boolean;
  /** `type` of a vSphere backup job: `Backup` (1.2) or `VSphereBackup` (1.3). */
  readonly vSphereJobType: 'Backup' | 'VSphereBackup';
  /** `platform` of inventory objects: `VMware` (1.2) or `VSphere` (1.3). Backups keep `VMware`. */
  readonly inventoryPlatform: 'VMware' | 'VSphere';
  /** Restore network spec: one `network` object (1.2) or `networks[]` mappings (1.3). */
  readonly restoreNetworkField: 'network' | 'networks';
  /** Entire-VM restore understands `overwrite` (1.3-rev1+). */
  readonly restoreOverwrite: boolean;
  /** `POST /jobs/{id}/clone`, `DELETE /backups/{id}/objects/{objectId}`, 204 on an empty start. */
  readonly cloneAndObjectDelete: boolean;
  /** `GET /backups/{id}/objects` and `/backupObjects/{id}/restorePoints` are paged (1.3-rev1+). */
  readonly pagedObjectLists: boolean;
  /** Backup objects carry `size` and `backupId`; files carry `objectIds[]`; details exist (1.3-rev2). */
  readonly rev2Fields: boolean;
  /** Jobs may be saved with no VM (1.3-rev2 relaxed the 1.2 rule). */
  readonly emptyJobsAllowed: boolean;
  /** Status of `DELETE /backups/{id}`: 200 (1.2) or 201 (1.3). */
  readonly deleteBackupStatus: 200 | 201;
  /** Status of enable/disable: 200 with `{}` (1.2) or 204 (1.3). */
  readonly enableDisableStatus: 200 | 204;
  /** Job state enums: lower case in 1.2 (`running`, `vm`), capitalised in 1.3 (`Running`, `Vm`). */
  readonly jobStateCase: 'lower' | 'capitalised';
}

export function codecFor(revision: Revision): Codec {
  const v13 = isV13(revision);
  return {
    revision,
    v13,
    vSphereJobType: v13 ? 'VSphereBackup' : 'Backup',
    inventoryPlatform: v13 ? 'VSphere' : 'VMware',
    restoreNetworkField: v13 ? 'networks' : 'network',
    restoreOverwrite: atLeast(revision, '1.3-rev1'),
    cloneAndObjectDelete: v13,
    pagedObjectLists: atLeast(revision, '1.3-rev1'),
    rev2Fields: atLeast(revision, '1.3-rev2'),
    emptyJobsAllowed: atLeast(revision, '1.3-rev2'),
    deleteBackupStatus: v13 ? 201 : 200,
    enableDisableStatus: v13 ? 204 : 200,
    jobStateCase: v13 ? 'capitalised' : 'lower',
  };
}

/** `EJobType` values each revision family accepts in `typeFilter` (only vSphere backups exist here). */
export const JOB_TYPES_V12 = [
  'Backup',
  'VSphereReplica',
  'CloudDirectorBackup',
  'EntraIDTenantBackup',
  'EntraIDAuditLogBackup',
  'FileBackupCopy',
] as const;

export const JOB_TYPES_V13 = [
  'Unknown',
  'VSphereBackup',
  'HyperVBackup',
  'VSphereReplica',
  'CloudDirectorBackup',
  'EntraIDTenantBackup',
  'EntraIDAuditLogBackup',
  'FileBackupCopy',
  'LegacyBackupCopy',
  'BackupCopy',
  'WindowsAgentBackup',
  'LinuxAgentBackup',
  'FileBackup',
  'ObjectStorageBackup',
  'EntraIDTenantBackupCopy',
] as const;

export function jobTypes(codec: Codec): readonly string[] {
  return codec.v13 ? JOB_TYPES_V13 : JOB_TYPES_V12;
}

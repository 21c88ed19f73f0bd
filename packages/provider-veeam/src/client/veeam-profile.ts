/**
 * A codec profile: what differs between the REST revisions csbr speaks (the doc's §6), pinned for
 * a connection when it logs in.
 */
export interface VeeamProfile {
  /** `v12`: VBR 12.3.1 on 1.2-rev1. `v13`: VBR 13.x on 1.3-rev0 or newer. */
  readonly name: 'v12' | 'v13';
  /** The `x-api-version` sent on every request. */
  readonly revision: string;
  /** The vSphere backup job type: `Backup` (1.2) or `VSphereBackup` (1.3). */
  readonly jobType: 'Backup' | 'VSphereBackup';
  /** `platform` of inventory objects: `VMware` (1.2) or `VSphere` (1.3). */
  readonly inventoryPlatform: 'VMware' | 'VSphere';
  /** `POST /jobs/{id}/clone` (1.3): assign clones the template instead of rebuilding it. */
  readonly cloneJobs: boolean;
  /** `DELETE /backups/{id}/objects/{objectId}` (1.3): one VM's chain instead of the whole backup. */
  readonly deleteVmChain: boolean;
  /** `overwrite` on original-location restores (1.3-rev1). */
  readonly restoreOverwrite: boolean;
  /** `backupObjects` carry `backupId` (1.3-rev2). */
  readonly backupIdOnObjects: boolean;
}

/** Newest first: the client logs in with the first one the server accepts. */
export const SUPPORTED_REVISIONS = ['1.3-rev2', '1.3-rev1', '1.3-rev0', '1.2-rev1'] as const;
export type SupportedRevision = (typeof SUPPORTED_REVISIONS)[number];

export function isSupportedRevision(value: unknown): value is SupportedRevision {
  return (SUPPORTED_REVISIONS as readonly unknown[]).includes(value);
}

export function profileOf(revision: SupportedRevision): VeeamProfile {
  const v13 = revision !== '1.2-rev1';
  return {
    name: v13 ? 'v13' : 'v12',
    revision,
    jobType: v13 ? 'VSphereBackup' : 'Backup',
    inventoryPlatform: v13 ? 'VSphere' : 'VMware',
    cloneJobs: v13,
    deleteVmChain: v13,
    restoreOverwrite: revision === '1.3-rev1' || revision === '1.3-rev2',
    backupIdOnObjects: revision === '1.3-rev2',
  };
}

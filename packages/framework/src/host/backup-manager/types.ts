/** Arguments of {@link BackupManager.importPolicy}. @public */
export interface ImportPolicyRequest {
  readonly zoneId: string;
  /** The provider-side id, from {@link BackupManager.listExternalPolicies}. */
  readonly externalId: string;
  readonly name: string;
  readonly description: string;
}

/** Arguments of {@link BackupManager.assignPolicy}. @public */
export interface AssignPolicyRequest {
  readonly vmId: string;
  readonly policyId: string;
}

/** Arguments of {@link BackupManager.removeVmFromPolicy}. @public */
export interface RemoveVmFromPolicyRequest {
  readonly vmId: string;
  /** Required (true) when the provider deletes the VM's backups on removal. Defaults to false. */
  readonly forced?: boolean;
}

/** Arguments of {@link BackupManager.restoreBackupVolume}. @public */
export interface RestoreBackupVolumeRequest {
  readonly backupId: string;
  /** Uuid of a volume recorded in the backup. */
  readonly volumeUuid: string;
  /** The VM the restored volume is attached to. */
  readonly vmId: string;
}

/** Arguments of {@link BackupManager.deleteBackup}. @public */
export interface DeleteBackupRequest {
  readonly backupId: string;
  /** Lets the provider remove a whole chain when it must. Defaults to false. */
  readonly forced?: boolean;
}

/** Filters of {@link BackupManager.listMappings}. @public */
export interface MappingListQuery {
  readonly vmId?: string;
  readonly policyId?: string;
  readonly zoneId?: string;
}

/** What `listBackupProviders` shows of a registered provider. @public */
export interface ProviderSummary {
  readonly name: string;
  readonly description: string;
}

/** What one sync run did. @public */
export interface SyncReport {
  /** Zones that were enabled, had a provider and were synced. */
  readonly zones: number;
  /** Protected VMs visited. */
  readonly vms: number;
  /** Backup rows created for new restore points. */
  readonly created: number;
  /** Backup rows removed because their restore point vanished. */
  readonly removed: number;
  /** VMs whose sync failed (logged). */
  readonly failed: number;
  /** VMs skipped because another backup operation held them; the next run picks them up. */
  readonly skipped: number;
}

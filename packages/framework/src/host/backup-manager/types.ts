import { type Backup } from '../../domain/types';
import { type BackupError } from '../../errors/backup-error';
import { type BackupOperation } from '../ports';

/** Arguments of {@link BackupManager.importPolicy}. @public */
export interface ImportPolicyRequest {
  readonly zoneId: string;
  /** The provider-side id, from {@link BackupManager.listExternalPolicies}. */
  readonly externalId: string;
  readonly name: string;
  readonly description: string;
  /** Whether users may take ad-hoc backups under it; defaults to true. @since 1.1.0 */
  readonly allowUserDrivenBackups?: boolean;
}

/** Arguments of {@link BackupManager.updatePolicy}: absent fields stay. @public @since 1.1.0 */
export interface UpdatePolicyRequest {
  readonly policyId: string;
  readonly name?: string;
  readonly description?: string;
  readonly allowUserDrivenBackups?: boolean;
}

/** Arguments of {@link BackupManager.createBackup}. @public @since 1.1.0 */
export interface CreateBackupRequest {
  readonly vmId: string;
  /** The backup's name (CloudStack 4.21); passed to the provider. */
  readonly name?: string;
  readonly description?: string;
  /** Ask for an application-consistent backup, where the provider supports it. */
  readonly quiesce?: boolean;
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

/**
 * Arguments of {@link BackupManager.createVmFromBackup} (`createVMFromBackup`). The new VM belongs to
 * the caller's account.
 * @public
 * @since 1.1.0
 */
export interface VmFromBackupRequest {
  readonly backupId: string;
  /** The zone to create the VM in; it must be the backup's (no cross-zone creation). */
  readonly zoneId: string;
  /** Host name of the new VM; the host picks one when left out. */
  readonly name?: string;
  readonly displayName?: string;
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

/**
 * A backup operation that a dead instance (or this instance's previous run) left in flight, and how
 * recovery ended it. `value` is what the operation returns (e.g. the recorded `Backup` of a
 * `CreateBackup`).
 * @public
 * @since 1.1.0
 */
export type RecoveredOperation =
  | { readonly operation: BackupOperation; readonly status: 'succeeded'; readonly value: unknown }
  | { readonly operation: BackupOperation; readonly status: 'failed'; readonly error: BackupError };

/**
 * Controls of a sync run, for the host that runs it on one instance at a time.
 * @public
 * @since 1.1.0
 */
export interface SyncOptions {
  /** Stops the run between VMs (server shutting down). */
  readonly signal?: AbortSignal;
  /**
   * Asked between batches of VMs; the run stops when it answers false (e.g. this instance lost
   * the lease that makes it the one running the sync).
   */
  readonly shouldContinue?: () => Promise<boolean>;
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

/** Arguments of {@link BackupManager.configureSchedule}. @public @since 1.1.0 */
export interface ConfigureScheduleRequest {
  readonly vmId: string;
  /** `HOURLY`, `DAILY`, `WEEKLY` or `MONTHLY`, any case. */
  readonly intervalType: string;
  /** `MM`, `MM:HH` or `MM:HH:DD`. */
  readonly schedule: string;
  /** An IANA time zone; unknown ones run in GMT, as in CloudStack. */
  readonly timeZone: string;
  /** Good backups to keep (0, the default, keeps all). */
  readonly maxBackups?: number;
  readonly quiesceVm?: boolean;
}

/** Arguments of {@link BackupManager.deleteSchedule}: `uuid`, or `vmId` for all of the VM's. @public @since 1.1.0 */
export interface DeleteScheduleRequest {
  /** The schedule's uuid (the API's `id`). */
  readonly uuid?: string;
  readonly vmId?: string;
}

/** What one scheduled run did. @public @since 1.1.0 */
export interface ScheduledRunResult {
  /** The backup taken, when the provider returned it at once. */
  readonly backup?: Backup;
  /** Ids of the old backups retention deleted. */
  readonly pruned: readonly string[];
}

/**
 * Domain types shared by the framework, the host and providers. Ids are CloudStack's internal
 * numeric ids carried as strings (MySQL bigint); `uuid` is what the API shows.
 */

/** A CloudStack zone (`data_center`). @public */
export interface Zone {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
}

/** VM states as CloudStack names them (`vm_instance.state`). @public */
export type VmState =
  | 'Starting'
  | 'Running'
  | 'Stopping'
  | 'Stopped'
  | 'Shutdown'
  | 'Destroyed'
  | 'Expunging'
  | 'Migrating'
  | 'Error';

/** Volume types as CloudStack names them. @public */
export type VolumeType = 'ROOT' | 'DATADISK';

/**
 * A volume as recorded in a backup (CloudStack's `Backup.VolumeInfo`, serialized in field order
 * uuid, type, size, path).
 * @public
 */
export interface VolumeInfo {
  readonly uuid: string;
  readonly type: VolumeType;
  /** Bytes. */
  readonly size: number;
  readonly path?: string;
  readonly deviceId?: number;
}

/** A live volume of a VM (`volumes`). @public */
export interface Volume extends VolumeInfo {
  readonly id: string;
  readonly name: string;
  readonly vmId?: string;
  readonly zoneId: string;
  readonly accountId: string;
  readonly domainId: string;
  /** Primary storage uuid the volume lives on, when known. */
  readonly poolUuid?: string;
}

/** A user VM (`vm_instance`) with its backup fields. @public */
export interface VirtualMachine {
  readonly id: string;
  readonly uuid: string;
  /** Host name (`vm_instance.name`). */
  readonly name: string;
  /** Hypervisor-side name, e.g. `i-2-3-VM`. */
  readonly instanceName: string;
  readonly state: VmState;
  readonly zoneId: string;
  readonly accountId: string;
  readonly domainId: string;
  readonly hypervisorType: string;
  /** Host IP of the VM's current host, when it has one. */
  readonly hostIp?: string;
  /** Imported policy the VM is assigned to (`backup_policy_vm_map`). */
  readonly backupPolicyId?: string;
  /** Provider-side id of the VM's backup job or container (`vm_instance.backup_external_id`). */
  readonly backupExternalId?: string;
  /** Volumes captured when the VM was assigned (`vm_instance.backup_volumes`). */
  readonly backupVolumes?: readonly VolumeInfo[];
  readonly removed?: Date;
}

/** An entry of a provider's own catalogue, before import. @public */
export interface ProviderPolicy {
  readonly externalId: string;
  readonly name: string;
  readonly description: string;
}

/** An imported backup policy (`backup_policy`). @public */
export interface BackupPolicy {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly description: string;
  readonly externalId: string;
  readonly zoneId: string;
  readonly created: Date;
  readonly removed?: Date;
  /**
   * CloudStack's `user_driven_backup` (offering era): when false, ad-hoc backups of the policy's VMs
   * are refused. Absent means allowed, as in the policy era, which had no such switch.
   * @since 1.1.0
   */
  readonly allowUserDrivenBackups?: boolean;
}

/** CloudStack's `Backup.Status`. @public */
export type BackupStatus =
  | 'Allocated'
  | 'Queued'
  | 'BackingUp'
  | 'BackedUp'
  | 'Error'
  | 'Failed'
  | 'Restoring'
  | 'Removed'
  | 'Expunged';

/**
 * How a backup was taken (CloudStack's `Backup.Type`): `MANUAL` by `createBackup`, else the interval
 * type of the schedule that took it.
 * @public
 * @since 1.1.0
 */
export type BackupIntervalType = 'MANUAL' | 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY';

/** A backup of a VM (`backups`): one provider restore point. @public */
export interface Backup {
  readonly id: string;
  readonly uuid: string;
  readonly vmId: string;
  readonly externalId: string;
  /** e.g. `FULL`, `Full`, `Increment`. */
  readonly type: string;
  readonly date: Date;
  /** Bytes used on backup storage. */
  readonly size: number;
  /** Protected (virtual) bytes. */
  readonly protectedSize: number;
  readonly status: BackupStatus;
  readonly policyId: string;
  readonly accountId: string;
  readonly domainId: string;
  readonly zoneId: string;
  /** Volumes the backup holds. */
  readonly volumes: readonly VolumeInfo[];
  readonly removed?: Date;
  /**
   * CloudStack 4.21's backup name: the one `createBackup` was given, else
   * `<VM host name>-<yyyy-MM-dd'T'HH:mmX>` of when it was taken (UTC). Optional so that code built
   * against 1.0 that makes `Backup` values (provider tests) still compiles; the host always sets it.
   * @since 1.1.0
   */
  readonly name?: string;
  /** What `createBackup` was given as `description` (CloudStack 4.21). @since 1.1.0 */
  readonly description?: string;
  /**
   * How the backup was taken (CloudStack 4.21's `backups.backup_interval_type`); absent for backups
   * the sync task recorded from the provider's list, which nobody asked for here.
   * @since 1.1.0
   */
  readonly intervalType?: BackupIntervalType;
  /** The schedule that took the backup (`backups.backup_schedule_id`). @since 1.1.0 */
  readonly scheduleId?: string;
}

/**
 * A restore point as the provider reports it. The manager reconciles restore points with
 * `backups` rows by `externalId`.
 * @public
 */
export interface RestorePoint {
  readonly externalId: string;
  readonly created: Date;
  readonly type: string;
  /** Bytes on backup storage, when the provider knows it per restore point. */
  readonly size?: number;
  /** Protected bytes, when the provider knows it per restore point. */
  readonly protectedSize?: number;
}

/** Backup sizes of one VM as the provider knows them (CloudStack's `Backup.Metric`). @public */
export interface Metric {
  /** Bytes used on backup storage. */
  readonly backupSize: number;
  /** Protected / virtual bytes. */
  readonly dataSize: number;
}

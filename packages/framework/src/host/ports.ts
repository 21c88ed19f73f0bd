import {
  type Backup,
  type BackupPolicy,
  type BackupStatus,
  type VirtualMachine,
  type Volume,
  type VolumeInfo,
  type Zone,
} from '../domain/types';

/**
 * Ports: what the BackupManager needs from its host. The server implements them over TypeORM on
 * CloudStack's tables; `@csbr/framework/testing` implements them in memory. Ids are internal ids
 * (strings); the API layer resolves uuids before calling the manager, as CloudStack does.
 */

/** CloudStack role types. @public */
export type RoleType = 'Admin' | 'DomainAdmin' | 'User';

/** Who is calling. @public */
export interface Caller {
  readonly userId: string;
  readonly accountId: string;
  readonly accountName: string;
  readonly domainId: string;
  /** CloudStack domain path, e.g. `/` for ROOT, `/sales/` for a child. */
  readonly domainPath: string;
  readonly roleType: RoleType;
}

/** Owner of a resource, for access checks. @public */
export interface ResourceOwner {
  readonly accountId: string;
  readonly domainId: string;
}

/**
 * Which accounts a list may show, computed by the API layer from the caller and the
 * `account`/`domainid`/`isrecursive`/`listall` parameters (CloudStack's list scoping).
 * @public
 */
export type AccountScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'account'; readonly accountId: string }
  | { readonly kind: 'domain'; readonly domainId: string; readonly domainPath: string; readonly recursive: boolean };

/** Paging in SQL terms. `limit` undefined means unlimited (`pagesize=-1`). @public */
export interface PageRequest {
  readonly offset: number;
  readonly limit?: number;
}

/** One page and the total number of matching rows (CloudStack's `count`). @public */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}

/** Names that list responses show next to ids. @public */
export interface ZoneRef {
  readonly zoneUuid: string;
  readonly zoneName: string;
}

/** @public */
export interface OwnerRef {
  readonly accountUuid: string;
  readonly accountName: string;
  readonly domainUuid: string;
  readonly domainName: string;
}

/** A policy with what its response needs. @public */
export interface BackupPolicyView extends BackupPolicy, ZoneRef {}

/** A backup with what its response needs, joined in one query. @public */
export interface BackupView extends Backup, ZoneRef, OwnerRef {
  readonly vmUuid: string;
  readonly vmName: string;
  readonly policyUuid?: string;
  readonly policyName?: string;
  /**
   * True when the VM no longer has the backup's policy: it was removed from it, or moved to another
   * (CloudStack 4.21's `vmbackupofferingremoved`).
   * @since 1.1.0
   */
  readonly vmPolicyRemoved?: boolean;
  /** True when the backup's VM was expunged (CloudStack 4.22's `isbackupvmexpunged`). @since 1.1.0 */
  readonly vmExpunged?: boolean;
}

/** A row of `backup_policy_vm_map`. @public */
export interface PolicyVmMapping {
  readonly id: string;
  readonly policyId: string;
  readonly vmId: string;
  readonly zoneId: string;
  readonly created: Date;
}

/** A mapping with uuids and names for its response. @public */
export interface PolicyVmMappingView extends PolicyVmMapping, ZoneRef {
  readonly policyUuid: string;
  readonly policyName: string;
  readonly vmUuid: string;
  readonly vmName: string;
}

/** Zone → global → declared default. @public */
export interface ConfigurationStore {
  getValue(name: string, zoneId?: string): Promise<string | undefined>;
}

/** @public */
export interface ZoneRepository {
  findById(id: string): Promise<Zone | undefined>;
  /** Zones that are not removed, for the sync task. */
  listActive(): Promise<readonly Zone[]>;
}

/** @public */
export interface VmRepository {
  /**
   * The VM with its policy (`backupPolicyId`, from its `backup_policy_vm_map` row) when it has one:
   * the manager tells from it whether the VM is assigned, without reading the mapping.
   */
  findById(id: string, options?: { includeRemoved?: boolean }): Promise<VirtualMachine | undefined>;
  /** Non-removed volumes of the VM, ROOT first then by device id. */
  listVolumes(vmId: string): Promise<readonly Volume[]>;
  /** Sets or clears (null) `backup_external_id` and `backup_volumes`. */
  updateBackupFields(
    vmId: string,
    fields: { readonly externalId: string | null; readonly volumes: readonly VolumeInfo[] | null },
  ): Promise<void>;
  /** Non-removed VMs of the zone that have a policy, ordered by id, after `afterId` (keyset paging). */
  listProtected(zoneId: string, afterId: string | undefined, limit: number): Promise<readonly VirtualMachine[]>;
  /** Records a restored volume as a new DATADISK attached to the VM; returns it. */
  attachRestoredVolume(vm: VirtualMachine, volume: NewRestoredVolume): Promise<Volume>;
  /**
   * The non-removed VMs of the zone that have a policy, among `uuids`, in one query: the sync maps a
   * page of a provider's zone feed to its VMs with it.
   * @since 1.1.0
   */
  listProtectedByUuids(zoneId: string, uuids: readonly string[]): Promise<readonly VirtualMachine[]>;
  /**
   * Records a new Stopped VM with the given volumes (`createVMFromBackup`, step 1); returns it.
   * @since 1.1.0
   */
  recordVmFromBackup(vm: NewVmFromBackup): Promise<VirtualMachine>;
  /**
   * Removes a VM that `recordVmFromBackup` recorded and whose restore failed: the VM (state
   * `Expunging`) and its volumes are marked removed, so no half-made VM is listed as healthy.
   * @since 1.1.0
   */
  discardVmFromBackup(vmId: string, at: Date): Promise<void>;
}

/**
 * A VM to record for `createVMFromBackup`, shaped like the backup: one volume per recorded volume,
 * same type and size, the ROOT volume first. Recorded `Stopped`.
 * @public
 * @since 1.1.0
 */
export interface NewVmFromBackup {
  /** Host name; the host picks one (CloudStack: `VM-<uuid>`) when left out. */
  readonly name?: string;
  readonly displayName?: string;
  readonly zoneId: string;
  readonly accountId: string;
  readonly domainId: string;
  /** The user who asked for it. */
  readonly userId: string;
  /** The backed-up VM's hypervisor. */
  readonly hypervisorType: string;
  readonly volumes: readonly VolumeInfo[];
  readonly created: Date;
}

/** @public */
export interface NewRestoredVolume {
  readonly name: string;
  readonly size: number;
  readonly path?: string;
  readonly poolUuid?: string;
}

/** @public */
export interface NewBackupPolicy {
  readonly name: string;
  readonly description: string;
  readonly externalId: string;
  readonly zoneId: string;
  readonly created: Date;
  /** Defaults to true (allowed). @since 1.1.0 */
  readonly allowUserDrivenBackups?: boolean;
}

/** The fields `updateBackupOffering` may change; absent ones stay. @public @since 1.1.0 */
export interface BackupPolicyChanges {
  readonly name?: string;
  readonly description?: string;
  readonly allowUserDrivenBackups?: boolean;
}

/** @public */
export interface BackupPolicyQuery {
  readonly id?: string;
  readonly zoneId?: string;
  /** Name contains. */
  readonly keyword?: string;
}

/** @public */
export interface BackupPolicyRepository {
  findById(id: string, options?: { includeRemoved?: boolean }): Promise<BackupPolicy | undefined>;
  findActiveByExternalId(zoneId: string, externalId: string): Promise<BackupPolicy | undefined>;
  findActiveByName(zoneId: string, name: string): Promise<BackupPolicy | undefined>;
  /**
   * The active policy, locked until the transaction ends (`SELECT … FOR UPDATE`), or undefined when
   * it is missing or removed. Deleting a policy and starting an assignment to it both take this
   * lock, so one of them always sees the other.
   */
  lockActive(id: string): Promise<BackupPolicy | undefined>;
  /** Throws `BackupError('ALREADY_EXISTS')` when the database's uniqueness constraint refuses it. */
  insert(policy: NewBackupPolicy): Promise<BackupPolicy>;
  /** Marks an active policy removed; false when it was already removed (another call won). */
  softDelete(id: string, at: Date): Promise<boolean>;
  /**
   * Changes an active policy; false when it is missing or removed. Throws
   * `BackupError('ALREADY_EXISTS')` when the new name is taken in the zone (DB constraint).
   * @since 1.1.0
   */
  update(id: string, changes: BackupPolicyChanges): Promise<boolean>;
  /** Active policies, ordered by id. */
  list(query: BackupPolicyQuery, page: PageRequest): Promise<Page<BackupPolicyView>>;
}

/** @public */
export interface PolicyVmMappingQuery {
  readonly vmId?: string;
  readonly policyId?: string;
  readonly zoneId?: string;
  readonly scope: AccountScope;
}

/** @public */
export interface PolicyVmMappingRepository {
  findByVm(vmId: string): Promise<PolicyVmMapping | undefined>;
  /** Throws `BackupError('ALREADY_EXISTS')` when the VM already has a mapping (DB constraint). */
  insert(mapping: Omit<PolicyVmMapping, 'id'>): Promise<PolicyVmMapping>;
  deleteByVm(vmId: string): Promise<void>;
  /** Mappings of non-removed VMs to the policy. */
  countByPolicy(policyId: string): Promise<number>;
  list(query: PolicyVmMappingQuery, page: PageRequest): Promise<Page<PolicyVmMappingView>>;
}

/**
 * A backup row to insert: everything but the ids the repository assigns, and always a name
 * (`backups.name` is NOT NULL, CloudStack 4.21). @public
 */
export type NewBackup = Omit<Backup, 'id' | 'uuid' | 'removed' | 'name'> & { readonly name: string };

/** What a finished backup writes into its in-progress row. @public */
export type CompletedBackupFields = Pick<
  Backup,
  'externalId' | 'type' | 'date' | 'size' | 'protectedSize'
>;

/** @public */
export interface BackupQuery {
  readonly id?: string;
  readonly vmId?: string;
  readonly zoneId?: string;
  /** Backups taken under this policy (`listBackups backupofferingid=`). @since 1.1.0 */
  readonly policyId?: string;
  /** Backups with exactly this name (`listBackups name=`, CloudStack 4.21). @since 1.1.0 */
  readonly name?: string;
  /** The backup's name or its VM's name contains (CloudStack 4.21; the VM name only before). */
  readonly keyword?: string;
  readonly scope: AccountScope;
}

/** @public */
export interface BackupRepository {
  findById(id: string, options?: { includeRemoved?: boolean }): Promise<Backup | undefined>;
  insert(backup: NewBackup): Promise<Backup>;
  /** Soft-deletes (`removed = at`, status `Removed`). */
  markRemoved(ids: readonly string[], at: Date): Promise<void>;
  /** Changes the status of an active backup (e.g. `Restoring` and back). */
  setStatus(id: string, status: BackupStatus): Promise<void>;
  /** Fills an in-progress (`BackingUp`) row with the restore point and marks it `BackedUp`. */
  complete(id: string, fields: CompletedBackupFields): Promise<void>;
  /** Deletes a row for good: an in-progress row whose backup never happened. */
  discard(id: string): Promise<void>;
  /** The active backup of the VM with this provider id, if any. */
  findActiveByExternalId(vmId: string, externalId: string): Promise<Backup | undefined>;
  /** Non-removed backups of the VM, ordered by id. */
  listActiveByVm(vmId: string): Promise<readonly Backup[]>;
  updateSizes(id: string, size: number, protectedSize: number): Promise<void>;
  /** Non-removed backups, ordered by id, joined with VM, owner, zone and policy names. */
  list(query: BackupQuery, page: PageRequest): Promise<Page<BackupView>>;
  /**
   * Inserts rows in a few multi-row statements (the sync records thousands of restore points at
   * once) and returns their uuids, in order. Throws `BackupError('ALREADY_EXISTS')` when one of
   * them is already recorded (the rows of that statement are then not inserted).
   * @since 1.1.0
   */
  insertMany(backups: readonly NewBackup[]): Promise<readonly string[]>;
  /**
   * The external ids of the active rows of `vmIds` that are among `externalIds`, per VM id, in one
   * query.
   * @since 1.1.0
   */
  listActiveExternalIds(
    vmIds: readonly string[],
    externalIds: readonly string[],
  ): Promise<ReadonlyMap<string, ReadonlySet<string>>>;
  /** How many active rows each of `vmIds` has, in one query; VMs without rows are left out. @since 1.1.0 */
  countActiveByVms(vmIds: readonly string[]): Promise<ReadonlyMap<string, number>>;
}

/** CloudStack action event (`event` table). @public */
export interface ActionEvent {
  readonly type: string;
  readonly state: 'Created' | 'Scheduled' | 'Started' | 'Completed';
  readonly level?: 'INFO' | 'ERROR';
  readonly description: string;
  readonly userId: string;
  readonly accountId: string;
  readonly domainId: string;
  readonly resourceType?: string;
  readonly resourceId?: string;
}

/** CloudStack usage event (`usage_event` table). @public */
export interface UsageEvent {
  readonly type: 'BACKUP.OFFERING.ASSIGN' | 'BACKUP.OFFERING.REMOVE' | 'BACKUP.USAGE.METRIC';
  readonly accountId: string;
  readonly zoneId: string;
  readonly resourceId: string;
  readonly resourceName: string;
  readonly offeringId?: string;
  readonly size?: number;
  readonly virtualSize?: number;
  readonly resourceType: 'Backup';
}

/** @public */
export interface EventPublisher {
  action(event: ActionEvent): Promise<void>;
  usage(event: UsageEvent): Promise<void>;
  /** Several usage events in a few statements. @since 1.1.0 */
  usages(events: readonly UsageEvent[]): Promise<void>;
}

/**
 * The backup operations that hold their VMs: one such operation per VM at a time.
 * @public
 * @since 1.1.0
 */
export type BackupOperationKind =
  | 'AssignPolicy'
  | 'RemovePolicy'
  | 'CreateBackup'
  | 'DeleteBackup'
  | 'RestoreBackup'
  | 'RestoreVolume'
  | 'CreateVmFromBackup';

/**
 * A backup operation in flight, recorded before its provider call and removed when its outcome is
 * recorded. It is the guard "one backup operation per VM at a time", kept as data rather than a held
 * lock, and what crash recovery reads.
 * @public
 * @since 1.1.0
 */
export interface BackupOperation {
  readonly id: string;
  readonly uuid: string;
  readonly kind: BackupOperationKind;
  /** The VMs it holds (restoring a volume holds the backup's VM and the target VM). */
  readonly vmIds: readonly string[];
  readonly policyId?: string;
  readonly backupId?: string;
  /** Uuid of the async job running it. */
  readonly jobId?: string;
  /** Management server id of the instance running it. */
  readonly ownerId: string;
  readonly created: Date;
  /** When the provider call times out. */
  readonly deadline: Date;
  /** What recording its outcome needs besides the ids above (JSON, kind-specific). */
  readonly payload: string;
  /**
   * `ProviderDone` once the provider call succeeded but recording the outcome failed: `result`
   * then holds the provider's answer (JSON), so recovery records it instead of asking again.
   */
  readonly state: 'Running' | 'ProviderDone';
  readonly result?: string;
}

/** @public @since 1.1.0 */
export type NewBackupOperation = Pick<
  BackupOperation,
  'kind' | 'vmIds' | 'policyId' | 'backupId' | 'jobId' | 'created' | 'deadline' | 'payload'
>;

/** @public @since 1.1.0 */
export interface BackupOperationRepository {
  /**
   * Records the operation, owned by this server instance, and guards its VMs. Throws
   * `BackupError('OPERATION_IN_PROGRESS')` (naming the VM's uuid) when another operation guards
   * one of them.
   */
  begin(operation: NewBackupOperation): Promise<BackupOperation>;
  /** Links the backup row the operation works on. */
  setBackup(operationId: string, backupId: string): Promise<void>;
  /** Records that the provider succeeded with `result` (JSON), for recovery. */
  markProviderDone(operationId: string, result: string): Promise<void>;
  /**
   * Removes the operation and releases its VMs, if this instance still owns it. False when it is
   * gone or another instance took it over for recovery: the caller must not record its outcome.
   */
  end(operationId: string): Promise<boolean>;
  /** The operation guarding the VM, if any. */
  findByVm(vmId: string): Promise<BackupOperation | undefined>;
  /** The VMs among `vmIds` that an operation guards, in one query. @since 1.1.0 */
  listGuardedVmIds(vmIds: readonly string[]): Promise<ReadonlySet<string>>;
  findByJob(jobId: string): Promise<BackupOperation | undefined>;
  /** In-flight assignments to the policy. */
  countByPolicy(policyId: string): Promise<number>;
  /** Operations owned by the management server `ownerId`. */
  listByOwner(ownerId: string): Promise<readonly BackupOperation[]>;
  /**
   * Moves an operation from `fromOwnerId` (a dead instance) to this instance, atomically: true for
   * exactly one of several instances trying at once.
   */
  takeOver(operationId: string, fromOwnerId: string): Promise<boolean>;
}

/** Everything the manager reads and writes, bound to one transaction or to none. @public */
export interface Repositories {
  readonly config: ConfigurationStore;
  readonly zones: ZoneRepository;
  readonly vms: VmRepository;
  readonly policies: BackupPolicyRepository;
  readonly mappings: PolicyVmMappingRepository;
  readonly backups: BackupRepository;
  readonly events: EventPublisher;
  /** @since 1.1.0 */
  readonly operations: BackupOperationRepository;
}

/**
 * Runs `work` in one database transaction: committed when it resolves, rolled back when it throws.
 * The manager keeps these short and never calls a provider inside one.
 * @public
 */
export interface TransactionRunner {
  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T>;
}

/** Owner / domain-admin / root-admin rule. @public */
export interface AccessChecker {
  /** Throws `BackupError('PERMISSION_DENIED')` when the caller may not act on the owner's resources. */
  checkAccess(caller: Caller, owner: ResourceOwner): Promise<void>;
}

/** @public */
export interface Clock {
  now(): Date;
}

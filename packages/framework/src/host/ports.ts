import {
  type Backup,
  type BackupPolicy,
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
  findById(id: string, options?: { includeRemoved?: boolean }): Promise<VirtualMachine | undefined>;
  /**
   * Holds the VM for the rest of the current transaction so that no other backup operation runs on
   * it. Throws `BackupError('OPERATION_IN_PROGRESS')` at once when another one holds it.
   */
  lockForBackupOperation(id: string): Promise<void>;
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
  /** Throws `BackupError('ALREADY_EXISTS')` when the database's uniqueness constraint refuses it. */
  insert(policy: NewBackupPolicy): Promise<BackupPolicy>;
  softDelete(id: string, at: Date): Promise<void>;
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

/** A backup row to insert: everything but the ids the repository assigns. @public */
export type NewBackup = Omit<Backup, 'id' | 'uuid' | 'removed'>;

/** @public */
export interface BackupQuery {
  readonly id?: string;
  readonly vmId?: string;
  readonly zoneId?: string;
  /** VM name contains. */
  readonly keyword?: string;
  readonly scope: AccountScope;
}

/** @public */
export interface BackupRepository {
  findById(id: string, options?: { includeRemoved?: boolean }): Promise<Backup | undefined>;
  insert(backup: NewBackup): Promise<Backup>;
  /** Soft-deletes (`removed = at`, status `Removed`). */
  markRemoved(ids: readonly string[], at: Date): Promise<void>;
  /** Non-removed backups of the VM, ordered by id. */
  listActiveByVm(vmId: string): Promise<readonly Backup[]>;
  updateSizes(id: string, size: number, protectedSize: number): Promise<void>;
  /** Non-removed backups, ordered by id, joined with VM, owner, zone and policy names. */
  list(query: BackupQuery, page: PageRequest): Promise<Page<BackupView>>;
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
}

/**
 * Runs `work` in one database transaction: committed when it resolves, rolled back when it throws.
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

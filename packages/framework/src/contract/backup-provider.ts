import {
  type Backup,
  type BackupPolicy,
  type Metric,
  type ProviderPolicy,
  type RestorePoint,
  type VirtualMachine,
  type VolumeInfo,
  type Zone,
} from '../domain/types';
import { type ProviderCallOptions } from './call-options';
import { type DeclaredProviderCapabilities } from './capabilities';
import { type ZoneRestorePointsPage, type ZoneRestorePointsRequest } from './zone-restore-points';

/**
 * The provider SPI: one instance per provider, shared by every zone that selects it. Each call gets
 * the zone and reads per-zone settings through `context.config`.
 *
 * @remarks
 * Methods signal failure by throwing a `BackupError` whose message is safe to show to API clients
 * (the vendor error goes in `cause`). Every method may be called concurrently for different VMs; the
 * host never runs two backup operations on the same VM at once. The host persists everything: a
 * provider returns data and never writes CloudStack's tables.
 *
 * Since contract 1.1 every call carries {@link ProviderCallOptions}: an `AbortSignal`, a deadline
 * (from the zone's `backup.framework.timeout.*` settings) and, for long operations, a progress
 * reporter. The host holds no database transaction or connection while a provider call runs, so a
 * call may take hours. When a server instance dies in the middle of a call, the host never repeats
 * the call: it asks {@link BackupProvider.listRestorePoints} (when implemented) whether a backup or
 * a deletion happened, and otherwise fails the job with a clear message.
 *
 * @public
 * @since 1.0.0
 */
export interface BackupProvider {
  /**
   * The provider's own catalogue for a zone (Veeam: template jobs), so admins can pick what to
   * import. Called by `listBackupPolicies external=true`. Not persisted. Must be read-only.
   */
  listPolicies(zone: Zone, options?: ProviderCallOptions): Promise<readonly ProviderPolicy[]>;

  /** Whether `externalId` names a policy in the provider's catalogue. Called by `importBackupPolicy`. */
  isValidPolicy(zone: Zone, externalId: string, options?: ProviderCallOptions): Promise<boolean>;

  /**
   * Protects the VM under the policy. Returns the provider-side id of the VM's job or container,
   * which the host stores as the VM's `backup_external_id`. The host rolls back its own records when
   * this throws, so it must not leave the VM half-assigned on the provider either.
   */
  assignVm(request: AssignVmRequest): Promise<AssignVmResult>;

  /** Stops protecting the VM. Called by `removeVMFromBackupPolicy`. */
  removeVm(request: VmRequest): Promise<void>;

  /**
   * Whether removing a VM from its policy deletes its backups on the provider. When true, removal
   * requires `forced=true` and the host removes the VM's backup rows as well; when false the backups
   * stay listed after the VM leaves its policy.
   *
   * @remarks
   * Since contract 1.1 it may answer with a promise, so that the answer can depend on a zone
   * setting read through `context.config` (the dummy's `backup.plugin.dummy.behavior`). The host
   * always awaits it.
   */
  willDeleteBackupsOnPolicyRemoval(zone: Zone): boolean | Promise<boolean>;

  /**
   * Takes an ad-hoc backup. Returns the restore point when it exists right away (the host records
   * it). Returns undefined when it will appear later through
   * {@link BackupProvider.listRestorePoints} (the sync task records it then); only a provider that
   * implements `listRestorePoints` may do so, since otherwise nothing would ever record the backup.
   */
  takeBackup(request: TakeBackupRequest): Promise<RestorePoint | undefined>;

  /**
   * Deletes one backup (restore point). `forced` allows removing a whole chain when the vendor must;
   * a provider that can only remove whole chains declares `deleteSingleBackup: false` and the host
   * then only calls this with `forced` true.
   */
  deleteBackup(request: BackupDeletionRequest): Promise<void>;

  /**
   * Restores the whole VM in place from the backup. The VM is stopped. Never retried by the host:
   * a restore interrupted by a crash fails its job.
   */
  restoreVm(request: BackupRequest): Promise<void>;

  /**
   * Restores one backed-up volume to a place the hypervisor can attach it from. Returns the
   * provider's opaque location of the restored disk (Veeam: the name of a temporary VM).
   */
  restoreVolume(request: RestoreVolumeRequest): Promise<RestoreVolumeResult>;

  /** Backup sizes of the given VMs, keyed by VM uuid. VMs the provider does not know are left out. */
  getMetrics(
    zone: Zone,
    vms: readonly VirtualMachine[],
    options?: ProviderCallOptions,
  ): Promise<ReadonlyMap<string, Metric>>;

  /**
   * The VM's restore points as the provider holds them now. The sync task reconciles them with the
   * `backups` rows: new ones become rows, vanished ones are removed, sizes refresh. An empty list
   * changes nothing (read as "cannot tell", never as "every backup is gone").
   *
   * @remarks
   * Optional. Leave it out when every backup is recorded synchronously through `takeBackup` and
   * none can appear, vanish or change size on the provider's side (like the dummy provider): the
   * sync task then leaves the VM's backup rows alone and only records usage metrics. A provider
   * that implements it must list every restore point it still holds, across restarts, because a
   * row whose point is missing from a non-empty list is removed.
   */
  listRestorePoints?(request: VmRequest): Promise<readonly RestorePoint[]>;

  /**
   * The zone's restore points as a paged feed (see {@link ZoneRestorePointsPage}), so that the sync
   * task reads tens of thousands of VMs in a few hundred calls instead of one call per VM. The
   * provider keeps its high-water mark and sweep cadence in `context.state`. Optional, and only
   * used together with {@link BackupProvider.listRestorePoints}, which the host calls for the VMs a
   * sweep shows to differ.
   * @since 1.1.0
   */
  listZoneRestorePoints?(request: ZoneRestorePointsRequest): Promise<ZoneRestorePointsPage>;

  /**
   * Restores a backup into a new VM that the host has already recorded (`createVMFromBackup`,
   * CloudStack's `restoreBackupToVM`). Optional: without it the host refuses the command.
   * @since 1.1.0
   */
  createVmFromBackup?(request: CreateVmFromBackupRequest): Promise<void>;

  /**
   * What the provider can do; flags left out keep their contract 1.0 meaning (see
   * `resolveProviderCapabilities`). Read once, after `create()`.
   * @since 1.1.0
   */
  readonly capabilities?: DeclaredProviderCapabilities;

  /** Releases sockets, timers and sessions. Called once at shutdown. */
  dispose?(): Promise<void>;
}

/** @public */
export interface VmRequest extends ProviderCallOptions {
  readonly zone: Zone;
  readonly vm: VirtualMachine;
}

/** @public @since 1.1.0 */
export interface TakeBackupRequest extends VmRequest {
  /** The backup's name, when the user gave one (CloudStack 4.21). */
  readonly name?: string;
  /** The backup's description, when the user gave one. */
  readonly description?: string;
  /** Ask for an application-consistent backup; only honoured when the provider declares `quiesce`. */
  readonly quiesce?: boolean;
}

/** @public */
export interface AssignVmRequest extends VmRequest {
  readonly policy: BackupPolicy;
}

/** @public */
export interface AssignVmResult {
  /** Provider-side id of the VM's job or container. */
  readonly externalId?: string;
}

/** @public */
export interface BackupRequest extends VmRequest {
  readonly backup: Backup;
}

/** @public @since 1.1.0 */
export interface BackupDeletionRequest extends BackupRequest {
  readonly forced: boolean;
}

/** @public */
export interface RestoreVolumeRequest extends BackupRequest {
  /** The backed-up volume to restore. */
  readonly volume: VolumeInfo;
  /** The VM the restored volume will be attached to. */
  readonly targetVm: VirtualMachine;
  /** Host IP the hypervisor will attach from. */
  readonly hostIp: string;
  /** Primary storage uuid to restore onto. */
  readonly datastoreUuid: string;
}

/** @public */
export interface RestoreVolumeResult {
  readonly restoredLocation: string;
}

/** @public @since 1.1.0 */
export interface CreateVmFromBackupRequest extends BackupRequest {
  /** The new VM, recorded by the host (stopped, with volumes shaped like the backup's). */
  readonly targetVm: VirtualMachine;
  /** Host IP the new VM is placed on, when the host knows it. */
  readonly hostIp: string;
  /** Primary storage uuid for the new VM's volumes, when the host knows it. */
  readonly datastoreUuid: string;
}

import { BackupError } from '../../errors/backup-error';
import {
  type Backup,
  type ProviderPolicy,
  type VirtualMachine,
  type Volume,
  type Zone,
} from '../../domain/types';
import {
  type AccountScope,
  type BackupPolicyQuery,
  type BackupPolicyView,
  type BackupQuery,
  type BackupView,
  type Caller,
  type Page,
  type PageRequest,
  type PolicyVmMapping,
  type PolicyVmMappingView,
} from '../ports';
import { type BackupManagerOptions } from './backup-manager-options';
import { isAcceptedConfigValue } from '../../contract/config-key';
import {
  BACKUP_FRAMEWORK_SYNC_INTERVAL,
  DEFAULT_SYNC_INTERVAL_SECONDS,
  FRAMEWORK_CONFIG_KEYS,
} from '../framework-config-keys';
import { guardFailures } from './guard-failures';
import { DEFAULT_OUTCOME_RETRY_DELAYS_MS } from './guarded/record-outcome';
import { type OperationOptions } from './operation-options';
import { ProviderCalls } from './provider-calls';
import { recoverOperations } from './recovery/recover-operations';
import { type ManagerContext } from './manager-context';
import { Messages } from './messages';
import { assignPolicy, listMappings, removeVmFromPolicy } from './operations/assignment-operations';
import { createBackup, deleteBackup, listBackups } from './operations/backup-operations';
import {
  deletePolicy,
  importPolicy,
  listExternalPolicies,
  listPolicies,
  updatePolicy,
} from './operations/policy-operations';
import { createVmFromBackup } from './operations/create-vm-from-backup-operation';
import { restoreBackup, restoreBackupVolume } from './operations/restore-operations';
import {
  claimDueSchedules,
  configureSchedule,
  deleteSchedule,
  listSchedules,
  runSchedule,
} from './operations/schedule-operations';
import { ScheduleMessages } from './schedule-messages';
import {
  type BackupSchedule,
  type BackupScheduleQuery,
  type BackupScheduleRepository,
  type BackupScheduleView,
} from '../backup-schedule/schedule-ports';
import { BackupSync } from './sync/backup-sync';
import {
  type AssignPolicyRequest,
  type CreateBackupRequest,
  type DeleteBackupRequest,
  type RecoveredOperation,
  type SyncOptions,
  type ImportPolicyRequest,
  type MappingListQuery,
  type ProviderSummary,
  type RemoveVmFromPolicyRequest,
  type RestoreBackupVolumeRequest,
  type SyncReport,
  type UpdatePolicyRequest,
  type VmFromBackupRequest,
  type ConfigureScheduleRequest,
  type DeleteScheduleRequest,
  type ScheduledRunResult,
} from './types';
import { ZoneGate } from './zone-gate';

const DEFAULT_SYNC_BATCH_SIZE = 500;

/**
 * Every business rule of the backup framework (spec §2, policy-era names of §0), over the host's
 * ports. The API layer resolves uuids to internal ids, computes list scopes and writes action
 * events; the manager checks zones, roles, ownership and state, calls the zone's provider and
 * persists what the provider returns.
 *
 * @remarks
 * Failures are always `BackupError`s with CloudStack's message. A provider's `BackupError` reaches
 * the client as it is; any other error becomes `OPERATION_FAILED` with CloudStack's generic message
 * for the operation (the original is attached as `cause` and logged).
 *
 * Operations that change state run in three steps: a short transaction checks the rules, takes the
 * guard "one backup operation per VM" as an operation row and records the intent; the provider
 * call runs with no transaction open, bounded by the zone's `backup.framework.timeout.*` and
 * cancellable through {@link OperationOptions.signal}; a short transaction records the outcome and
 * releases the guard. A provider failure leaves no trace; a crash leaves the operation row, which
 * {@link BackupManager.recoverOperations} ends.
 *
 * @example
 * ```ts
 * const manager = new BackupManager({ repositories, transactions, providers, access, clock, logger });
 * const policy = await manager.importPolicy(rootAdmin, { zoneId: '1', externalId: 'gold-policy',
 *   name: 'Gold', description: 'Gold policy' });
 * await manager.assignPolicy(user, { vmId: '42', policyId: policy.id }, { jobId });
 * ```
 * @public
 * @since 1.0.0
 */
export class BackupManager {
  private readonly context: ManagerContext;
  private readonly sync: BackupSync;
  private readonly schedules: BackupScheduleRepository | undefined;

  constructor(options: BackupManagerOptions) {
    this.context = {
      repositories: options.repositories,
      transactions: options.transactions,
      providers: options.providers,
      access: options.access,
      clock: options.clock,
      logger: options.logger,
      zones: new ZoneGate(options.repositories, options.providers),
      providerCalls: new ProviderCalls(options.repositories.config, options.clock, options.observer ?? {}),
      observer: options.observer ?? {},
      outcomeRetryDelaysMs: options.outcomeRetryDelaysMs ?? DEFAULT_OUTCOME_RETRY_DELAYS_MS,
    };
    const batchSize = options.syncBatchSize ?? DEFAULT_SYNC_BATCH_SIZE;
    if (!Number.isInteger(batchSize) || batchSize < 1) {
      throw new RangeError(`syncBatchSize must be a positive integer, got ${batchSize}`);
    }
    this.sync = new BackupSync(this.context, batchSize);
    this.schedules = options.schedules;
  }

  /**
   * Creates or updates the VM's schedule of the interval type (`createBackupSchedule`,
   * `updateBackupSchedule`). A VM has at most one schedule per interval type.
   * @throws `INVALID_PARAMETER` (interval type, schedule, maxbackups), `NOT_FOUND`, `ZONE_DISABLED`,
   * `PERMISSION_DENIED`, `INVALID_STATE` (no offering).
   * @since 1.1.0
   */
  configureSchedule(caller: Caller, request: ConfigureScheduleRequest): Promise<BackupSchedule> {
    return this.guard('configureSchedule', ScheduleMessages.configureFailed, () =>
      configureSchedule(this.context, this.requireSchedules(), caller, request),
    );
  }

  /** Schedules in the scope the API layer computed (`listBackupSchedule`). @since 1.1.0 */
  listSchedules(caller: Caller, query: BackupScheduleQuery, page: PageRequest): Promise<Page<BackupScheduleView>> {
    return listSchedules(this.context, this.requireSchedules(), caller, query, page);
  }

  /** Deletes one schedule, or all of a VM's (`deleteBackupSchedule`). @since 1.1.0 */
  deleteSchedule(caller: Caller, request: DeleteScheduleRequest): Promise<void> {
    return this.guard('deleteSchedule', ScheduleMessages.deleteFailed, () =>
      deleteSchedule(this.context, this.requireSchedules(), caller, request),
    );
  }

  /**
   * Claims the schedules due at `now` (moves each to its next run, compare-and-set) and returns
   * them; the host runs each with {@link BackupManager.runSchedule}. Only the instance that leads
   * the scheduler calls it.
   * @since 1.1.0
   */
  claimDueSchedules(now: Date, limit = 100): Promise<readonly BackupSchedule[]> {
    return claimDueSchedules(this.context, this.requireSchedules(), now, limit);
  }

  /**
   * Runs one scheduled backup: the guarded `createBackup` with the schedule's `quiescevm`, then
   * `maxbackups` retention through the provider.
   * @since 1.1.0
   */
  runSchedule(caller: Caller, scheduleId: string, options: OperationOptions = {}): Promise<ScheduledRunResult> {
    return this.guard('runSchedule', ScheduleMessages.runFailed, () =>
      runSchedule(this.context, this.requireSchedules(), caller, scheduleId, options),
    );
  }

  private requireSchedules(): BackupScheduleRepository {
    if (this.schedules === undefined) {
      throw new BackupError('NOT_SUPPORTED', 'Backup schedules are not available on this server');
    }
    return this.schedules;
  }

  /**
   * Registered providers (`listBackupProviders`), optionally only the one named `name`.
   * @param _caller - the caller; the API layer restricts the command to admins.
   */
  listProviders(_caller: Caller, name?: string): Promise<readonly ProviderSummary[]> {
    const summaries = this.context.providers
      .list()
      .filter((provider) => name === undefined || name === '' || provider.name === name)
      .map((provider) => ({ name: provider.name, description: provider.description }));
    return Promise.resolve(summaries);
  }

  /**
   * The zone provider's own catalogue (`listBackupPolicies external=true`). Root admins only.
   * @throws `PERMISSION_DENIED`, `ZONE_DISABLED`, `PROVIDER_NOT_FOUND`, or the provider's error.
   */
  listExternalPolicies(
    caller: Caller,
    zoneId: string,
    options: OperationOptions = {},
  ): Promise<readonly ProviderPolicy[]> {
    return this.guard('listExternalPolicies', Messages.listExternalFailed, () =>
      listExternalPolicies(this.context, caller, zoneId, options),
    );
  }

  /**
   * Imports a provider policy into the zone (`importBackupPolicy`). Root admins only. External id
   * and name must be unique among the zone's active policies.
   * @throws `PERMISSION_DENIED`, `ZONE_DISABLED`, `ALREADY_EXISTS`, `NOT_FOUND` (not on provider).
   */
  importPolicy(
    caller: Caller,
    request: ImportPolicyRequest,
    options: OperationOptions = {},
  ): Promise<BackupPolicyView> {
    return this.guard(
      'importPolicy',
      Messages.policyCreateFailed(request.externalId, request.name),
      () => importPolicy(this.context, caller, request, options),
    );
  }

  /**
   * Soft-deletes a policy no VM is assigned to (`deleteBackupPolicy`). Root admins only.
   * @throws `PERMISSION_DENIED`, `NOT_FOUND`, `IN_USE`, `ZONE_DISABLED`.
   */
  deletePolicy(caller: Caller, policyId: string): Promise<void> {
    return this.guard('deletePolicy', Messages.policyDeleteFailed(policyId), () =>
      deletePolicy(this.context, caller, policyId),
    );
  }

  /**
   * Changes a policy's name, description or `allowUserDrivenBackups` (`updateBackupOffering`).
   * Root admins only.
   * @throws `PERMISSION_DENIED`, `INVALID_PARAMETER` (missing or removed), `ALREADY_EXISTS` (name).
   * @since 1.1.0
   */
  updatePolicy(caller: Caller, request: UpdatePolicyRequest): Promise<BackupPolicyView> {
    return this.guard('updatePolicy', Messages.policyUpdateFailed(request.policyId), () =>
      updatePolicy(this.context, caller, request),
    );
  }

  /**
   * Imported policies (`listBackupPolicies`); with `query.id`, that policy or `NOT_FOUND`.
   * @param _caller - the caller; every role may list policies.
   */
  listPolicies(
    _caller: Caller,
    query: BackupPolicyQuery,
    page: PageRequest,
  ): Promise<Page<BackupPolicyView>> {
    return listPolicies(this.context, query, page);
  }

  /**
   * Assigns a VM to a policy of its zone (`assignBackupPolicy`), all or nothing.
   * @throws `NOT_FOUND`, `INVALID_STATE`, `ZONE_DISABLED`, `PERMISSION_DENIED`, `INVALID_PARAMETER`
   * (other zone), `ALREADY_EXISTS`, `OPERATION_IN_PROGRESS`, or the provider's error.
   */
  assignPolicy(
    caller: Caller,
    request: AssignPolicyRequest,
    options: OperationOptions = {},
  ): Promise<PolicyVmMapping> {
    return this.guard('assignPolicy', Messages.assignFailed, () =>
      assignPolicy(this.context, caller, request, options),
    );
  }

  /**
   * Removes a VM from its policy (`removeVMFromBackupPolicy`); with a provider that deletes backups
   * on removal, `forced` is required and the VM's backups are removed too.
   * @throws `NOT_FOUND`, `ZONE_DISABLED`, `PERMISSION_DENIED`, `INVALID_PARAMETER` (forced needed),
   * `OPERATION_IN_PROGRESS`, or the provider's error.
   */
  removeVmFromPolicy(
    caller: Caller,
    request: RemoveVmFromPolicyRequest,
    options: OperationOptions = {},
  ): Promise<void> {
    return this.guard('removeVmFromPolicy', Messages.removeFailed, () =>
      removeVmFromPolicy(this.context, caller, request, options),
    );
  }

  /** Policy ↔ VM mappings (`listBackupPolicyVMMappings`) within the API layer's scope. */
  listMappings(
    caller: Caller,
    query: MappingListQuery,
    scope: AccountScope,
    page: PageRequest,
  ): Promise<Page<PolicyVmMappingView>> {
    return listMappings(this.context, caller, query, scope, page);
  }

  /**
   * Takes an ad-hoc backup (`createBackup`). Returns the recorded backup, or undefined when the
   * provider reports it later (the sync task records it then).
   * @throws `NOT_FOUND`, `ZONE_DISABLED`, `PERMISSION_DENIED`, `INVALID_STATE` (no policy),
   * `NOT_SUPPORTED`, `OPERATION_IN_PROGRESS`, `TIMEOUT`, or the provider's error.
   */
  createBackup(
    caller: Caller,
    request: CreateBackupRequest,
    options: OperationOptions = {},
  ): Promise<Backup | undefined> {
    return this.guard('createBackup', Messages.createBackupFailed, () =>
      createBackup(this.context, caller, request, options),
    );
  }

  /** Backups (`listBackups`) within the scope the API layer computed into `query.scope`. */
  listBackups(caller: Caller, query: BackupQuery, page: PageRequest): Promise<Page<BackupView>> {
    return listBackups(this.context, caller, query, page);
  }

  /**
   * Restores a VM in place from a backup (`restoreBackup`). The VM must be stopped.
   * @throws `NOT_FOUND`, `ZONE_DISABLED`, `PERMISSION_DENIED`, `INVALID_STATE`,
   * `OPERATION_IN_PROGRESS`, or the provider's error.
   */
  restoreBackup(caller: Caller, backupId: string, options: OperationOptions = {}): Promise<void> {
    return this.guard('restoreBackup', Messages.restoreFailed(backupId), () =>
      restoreBackup(this.context, caller, backupId, options),
    );
  }

  /**
   * Restores one backed-up volume and attaches it to a VM of the same zone
   * (`restoreBackupVolume`). Returns the new volume.
   * @throws `INVALID_PARAMETER`, `NOT_FOUND`, `ZONE_DISABLED`, `PERMISSION_DENIED`,
   * `OPERATION_IN_PROGRESS`, or the provider's error (dummy: `NOT_SUPPORTED`).
   */
  restoreBackupVolume(
    caller: Caller,
    request: RestoreBackupVolumeRequest,
    options: OperationOptions = {},
  ): Promise<Volume> {
    return this.guard('restoreBackupVolume', Messages.restoreVolumeFailed(request.volumeUuid), () =>
      restoreBackupVolume(this.context, caller, request, options),
    );
  }

  /**
   * Creates a new VM, owned by the caller, from a backup (`createVMFromBackup`): records it from the
   * backup's volumes, then has the provider restore the backup into it. When the provider fails,
   * the new VM is removed again. Returns the new VM.
   * @throws `NOT_FOUND`, `ZONE_DISABLED`, `PERMISSION_DENIED`, `INVALID_PARAMETER` (other zone),
   * `INVALID_STATE`, `NOT_SUPPORTED` (the provider cannot; checked before any call),
   * `OPERATION_IN_PROGRESS`, `TIMEOUT`, or the provider's error.
   * @since 1.1.0
   */
  createVmFromBackup(
    caller: Caller,
    request: VmFromBackupRequest,
    options: OperationOptions = {},
  ): Promise<VirtualMachine> {
    return this.guard('createVmFromBackup', Messages.createVmFailed, () =>
      createVmFromBackup(this.context, caller, request, options),
    );
  }

  /**
   * Deletes a backup on the provider of the backup's zone and removes its row (`deleteBackup`).
   * @throws `NOT_FOUND`, `ZONE_DISABLED`, `PERMISSION_DENIED`, `OPERATION_IN_PROGRESS`, or the
   * provider's error.
   */
  deleteBackup(
    caller: Caller,
    request: DeleteBackupRequest,
    options: OperationOptions = {},
  ): Promise<void> {
    return this.guard('deleteBackup', Messages.deleteBackupFailed, () =>
      deleteBackup(this.context, caller, request, options),
    );
  }

  /**
   * Ends every backup operation the management server `ownerId` left in flight (it died, or it is
   * this instance's previous run): records what the provider finished, fails the rest with a clear
   * message, and releases every VM. Never repeats a provider call. Safe to run on several instances
   * at once: each operation is recovered by exactly one.
   * @since 1.1.0
   */
  recoverOperations(ownerId: string): Promise<readonly RecoveredOperation[]> {
    return recoverOperations(this.context, ownerId);
  }

  /** Runs the background sync (spec §7.1) for one zone. Never throws; failures are logged. */
  syncZone(zone: Zone, options: SyncOptions = {}): Promise<SyncReport> {
    return this.sync.syncZone(zone, options);
  }

  /** Runs the background sync for every active zone. Never throws; failures are logged. */
  syncAllZones(options: SyncOptions = {}): Promise<SyncReport> {
    return this.sync.syncAllZones(options);
  }

  /**
   * Seconds between sync runs: the global `backup.framework.sync.interval`, or its default (300)
   * when unset or outside its range (1 s to a week). Read on each call so changes apply to the next
   * run.
   */
  async syncIntervalSeconds(): Promise<number> {
    const value = (await this.context.repositories.config.getValue(BACKUP_FRAMEWORK_SYNC_INTERVAL))?.trim();
    const declaration = FRAMEWORK_CONFIG_KEYS.find((key) => key.name === BACKUP_FRAMEWORK_SYNC_INTERVAL);
    return value !== undefined && declaration !== undefined && isAcceptedConfigValue(declaration, value)
      ? Number(value)
      : DEFAULT_SYNC_INTERVAL_SECONDS;
  }

  private guard<T>(operation: string, failureMessage: string, work: () => Promise<T>): Promise<T> {
    return guardFailures(this.context.logger, operation, failureMessage, work);
  }
}

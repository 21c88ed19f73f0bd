import {
  type AssignVmRequest,
  type AssignVmResult,
  type BackupDeletionRequest,
  BackupError,
  type BackupProvider,
  type BackupRequest,
  type DeclaredProviderCapabilities,
  type Metric,
  type ProviderCallOptions,
  type ProviderContext,
  type ProviderPolicy,
  type RestorePoint,
  type RestoreVolumeRequest,
  type RestoreVolumeResult,
  type TakeBackupRequest,
  type VirtualMachine,
  type VmRequest,
  type Zone,
  type ZoneRestorePointsPage,
  type ZoneRestorePointsRequest,
} from '@csbr/framework';

import { ConnectionPool } from './client/connection-pool';
import { type VeeamApi } from './client/veeam-api';
import {
  deleteBackupChain,
  listVmRestorePoints,
  type OperationDeps,
  takeBackup,
} from './operations/backups';
import { isTemplateJob, listTemplateJobs } from './operations/policies';
import { restoreVmElsewhere, restoreVmInPlace } from './operations/restores';
import { createVmJob, deleteVmJob } from './operations/vm-jobs';
import { BackupIndex } from './sync/backup-index';
import { BackupMetrics } from './sync/backup-metrics';
import { ZoneFeed } from './sync/zone-feed';

/** The message the host shows too when `forced` is missing (CloudStack's wording). */
export const SINGLE_DELETE_REFUSED =
  'The backup provider veeam does not have a safe way to remove a single restore point, which results in all backup chain being removed. Use forced:true to skip this verification and remove the complete backup chain.';

/**
 * The Veeam provider on VBR's REST API: every operation maps to the calls of the doc's §4 (see the
 * README's table), through one logged-in connection per zone.
 */
export class VeeamBackupProvider implements BackupProvider {
  readonly capabilities: DeclaredProviderCapabilities = {
    adHocBackup: true,
    restoreVm: true,
    restoreVolume: true,
    // Veeam deletes whole chains only (§4.9).
    deleteSingleBackup: false,
    createVmFromBackup: false,
    listRestorePoints: true,
    zoneRestorePoints: true,
    quiesce: false,
  };

  private readonly pool: ConnectionPool;
  private readonly index = new BackupIndex();
  private readonly sizes = new BackupMetrics(this.index);
  private readonly feed: ZoneFeed;
  private readonly deps: OperationDeps;

  constructor(private readonly context: ProviderContext) {
    this.pool = new ConnectionPool(context);
    this.feed = new ZoneFeed(context, this.index);
    this.deps = { logger: context.logger, now: () => context.now() };
  }

  async listPolicies(zone: Zone, options: ProviderCallOptions = {}): Promise<readonly ProviderPolicy[]> {
    return listTemplateJobs(await this.api(zone, options));
  }

  async isValidPolicy(zone: Zone, externalId: string, options: ProviderCallOptions = {}): Promise<boolean> {
    return isTemplateJob(await this.api(zone, options), externalId);
  }

  async assignVm(request: AssignVmRequest): Promise<AssignVmResult> {
    const externalId = await createVmJob(await this.api(request.zone, request), request, this.context.logger);
    return { externalId };
  }

  async removeVm(request: VmRequest): Promise<void> {
    await deleteVmJob(await this.api(request.zone, request), request, this.deps);
  }

  /** Removal deletes the VM's job and its backups, so it needs `forced=true` (CloudStack 4.14). */
  willDeleteBackupsOnPolicyRemoval(): boolean {
    return true;
  }

  async takeBackup(request: TakeBackupRequest): Promise<RestorePoint | undefined> {
    return takeBackup(await this.api(request.zone, request), request, this.deps);
  }

  async deleteBackup(request: BackupDeletionRequest): Promise<void> {
    if (!request.forced) throw new BackupError('INVALID_PARAMETER', SINGLE_DELETE_REFUSED);
    await deleteBackupChain(await this.api(request.zone, request), request, this.deps);
  }

  async restoreVm(request: BackupRequest): Promise<void> {
    await restoreVmInPlace(await this.api(request.zone, request), request, this.deps);
  }

  async restoreVolume(request: RestoreVolumeRequest): Promise<RestoreVolumeResult> {
    return restoreVmElsewhere(await this.api(request.zone, request), request, this.deps);
  }

  async getMetrics(zone: Zone, vms: readonly VirtualMachine[], options: ProviderCallOptions = {}): Promise<ReadonlyMap<string, Metric>> {
    if (vms.length === 0) return new Map();
    return this.sizes.metrics(await this.api(zone, options), zone, vms, this.context.now().getTime());
  }

  async listRestorePoints(request: VmRequest): Promise<readonly RestorePoint[]> {
    return listVmRestorePoints(await this.api(request.zone, request), request.vm);
  }

  async listZoneRestorePoints(request: ZoneRestorePointsRequest): Promise<ZoneRestorePointsPage> {
    return this.feed.page(await this.api(request.zone, request), request.zone, request.cursor);
  }

  async dispose(): Promise<void> {
    await this.pool.closeAll();
  }

  private api(zone: Zone, options: ProviderCallOptions): Promise<VeeamApi> {
    return this.pool.api(zone, options);
  }
}

import {
  type AssignVmRequest,
  type AssignVmResult,
  BackupError,
  type BackupProvider,
  type BackupRequest,
  type CreateVmFromBackupRequest,
  type Metric,
  type ProviderContext,
  type ProviderPolicy,
  type RestorePoint,
  type RestoreVolumeRequest,
  type RestoreVolumeResult,
  type VirtualMachine,
  type VmRequest,
  type Zone,
} from '@csbr/framework';

import { DUMMY_BEHAVIOR_KEY, type DummyBehavior } from './dummy-config-keys';

/** The fixed catalogue of CloudStack's dummy plugin. */
const DUMMY_POLICIES: readonly ProviderPolicy[] = Object.freeze([
  Object.freeze({
    externalId: 'gold-policy',
    name: 'Golden Policy',
    description: 'Gold description',
  }),
  Object.freeze({
    externalId: 'silver-policy',
    name: 'Silver Policy',
    description: 'Silver description',
  }),
]);

/** What `assignVm` returns for every VM, as CloudStack's dummy stores in `backup_external_id`. */
export const DUMMY_VM_EXTERNAL_ID = 'dummy-external-backup-id';

/** Sizes of every dummy backup (CloudStack 4.14). */
const BACKUP_SIZE = 1024;
const BACKUP_PROTECTED_SIZE = 1024000;

/** Sizes `getMetrics` reports for every VM (CloudStack 4.14). */
const VM_METRIC: Metric = Object.freeze({ backupSize: 1000, dataSize: 100 });

/**
 * CloudStack's dummy backup plugin on the policy-era contract: the current dummy by default, the
 * 4.14 one (spec §5) in zones whose `backup.plugin.dummy.behavior` is `4.14`.
 *
 * @remarks
 * Deterministic and stateless apart from a per-VM id sequence. Every backup is returned by
 * `takeBackup`, so the host records it at once; like CloudStack's dummy (whose `syncBackups` does
 * nothing) it has no `listRestorePoints`, so the host's sync task never adds or removes its backups
 * and only records usage. Nothing is lost on restart because nothing is kept. Use
 * `createDummyBackupProvider` for latency and failure injection; this class has neither.
 * @public
 */
export class DummyBackupProvider implements BackupProvider {
  readonly name = 'dummy';
  readonly description = 'Dummy Backup Plugin';

  /** Per-VM sequence that keeps external ids unique among backups taken at the same instant. */
  private readonly sequences = new Map<string, number>();

  constructor(private readonly context: ProviderContext) {}

  listPolicies(_zone: Zone): Promise<readonly ProviderPolicy[]> {
    return Promise.resolve([...DUMMY_POLICIES]);
  }

  /** Any external id can be imported, as in CloudStack; only an empty one is refused. */
  isValidPolicy(_zone: Zone, externalId: string): Promise<boolean> {
    return Promise.resolve(externalId.trim() !== '');
  }

  assignVm(_request: AssignVmRequest): Promise<AssignVmResult> {
    return Promise.resolve({ externalId: DUMMY_VM_EXTERNAL_ID });
  }

  /** Succeeds; the dummy holds no backups to delete (the host removes the rows). */
  removeVm(_request: VmRequest): Promise<void> {
    return Promise.resolve();
  }

  /**
   * False, as CloudStack's current dummy (4.21 on): a VM leaves its policy without `forced` and its
   * backups stay. True in a zone set to `4.14`, as CloudStack 4.14–4.19: removal then needs
   * `forced=true` and the host removes the VM's backups with it.
   */
  async willDeleteBackupsOnPolicyRemoval(zone: Zone): Promise<boolean> {
    return (await this.behaviorIn(zone)) === '4.14';
  }

  takeBackup(request: VmRequest): Promise<RestorePoint> {
    const vmUuid = request.vm.uuid;
    const sequence = (this.sequences.get(vmUuid) ?? 0) + 1;
    this.sequences.set(vmUuid, sequence);
    const created = this.context.now();
    // The time keeps ids unique across restarts, which reset the sequence but not the host's rows.
    const point: RestorePoint = {
      externalId: `dummy-${vmUuid}-${created.getTime()}-${sequence}`,
      created,
      type: 'FULL',
      size: BACKUP_SIZE,
      protectedSize: BACKUP_PROTECTED_SIZE,
    };
    this.context.logger.debug('dummy backup taken', { vm: vmUuid, externalId: point.externalId });
    return Promise.resolve(point);
  }

  /** Succeeds for any backup, as CloudStack's dummy; the host removes the row. */
  deleteBackup(_request: BackupRequest & { readonly forced: boolean }): Promise<void> {
    return Promise.resolve();
  }

  restoreVm(_request: BackupRequest): Promise<void> {
    return Promise.resolve();
  }

  /**
   * CloudStack's current dummy restores any volume (the host then records and attaches it); the 4.14
   * dummy refused with the message kept here, for zones that set {@link DUMMY_BEHAVIOR_KEY} to `4.14`.
   */
  async restoreVolume(request: RestoreVolumeRequest): Promise<RestoreVolumeResult> {
    if ((await this.behaviorIn(request.zone)) === '4.14') {
      throw new BackupError('NOT_SUPPORTED', 'Dummy plugin does not support this feature');
    }
    const restoredLocation = `dummy-restored-${request.volume.uuid}-${this.context.now().getTime()}`;
    this.context.logger.debug('dummy volume restored', { volume: request.volume.uuid, restoredLocation });
    return { restoredLocation };
  }

  /**
   * Restores the backup into the new VM the host recorded, as CloudStack's current dummy
   * (`restoreBackupToVM` succeeds). The 4.14 dummy had no such operation: a `4.14` zone refuses with
   * its message, before anything happens.
   */
  async createVmFromBackup(request: CreateVmFromBackupRequest): Promise<void> {
    if ((await this.behaviorIn(request.zone)) === '4.14') {
      throw new BackupError('NOT_SUPPORTED', 'Dummy plugin does not support this feature');
    }
    this.context.logger.debug('dummy VM created from backup', {
      backup: request.backup.uuid,
      vm: request.targetVm.uuid,
    });
  }

  /** Any value but `4.14` means the current dummy, so a typo never takes a feature away. */
  private async behaviorIn(zone: Zone): Promise<DummyBehavior> {
    return (await this.context.config.get(DUMMY_BEHAVIOR_KEY, zone)).trim() === '4.14' ? '4.14' : 'current';
  }

  getMetrics(_zone: Zone, vms: readonly VirtualMachine[]): Promise<ReadonlyMap<string, Metric>> {
    return Promise.resolve(new Map(vms.map((vm) => [vm.uuid, { ...VM_METRIC }])));
  }

  dispose(): Promise<void> {
    this.sequences.clear();
    return Promise.resolve();
  }
}

import { type BackupProvider } from './backup-provider';

/**
 * What a provider can do. The manager refuses an operation the zone's provider cannot do with a
 * clear `NOT_SUPPORTED` error before it calls the provider, and `listBackupProviders` shows them.
 *
 * @public
 * @since 1.1.0
 */
export interface ProviderCapabilities {
  /** Ad-hoc backups through {@link BackupProvider.takeBackup} (and scheduled ones). */
  readonly adHocBackup: boolean;
  /** Whole-VM restores in place through {@link BackupProvider.restoreVm}. */
  readonly restoreVm: boolean;
  /** Restores of one volume through {@link BackupProvider.restoreVolume}. */
  readonly restoreVolume: boolean;
  /**
   * Deleting one restore point. When false the vendor can only delete a VM's whole chain, so the
   * host refuses `deleteBackup` without `forced=true` and, when forced, removes every backup row of
   * the VM that the provider deleted with it.
   */
  readonly deleteSingleBackup: boolean;
  /** New VMs from a backup through {@link BackupProvider.createVmFromBackup}. */
  readonly createVmFromBackup: boolean;
  /** Restore points listed per VM through {@link BackupProvider.listRestorePoints}. */
  readonly listRestorePoints: boolean;
  /**
   * The zone-wide restore-point feed through {@link BackupProvider.listZoneRestorePoints}; needs
   * `listRestorePoints` too. The sync task then never calls the provider once per VM.
   * @since 1.1.0
   */
  readonly zoneRestorePoints: boolean;
  /** Honours `quiesce` on {@link BackupProvider.takeBackup} (application-consistent backups). */
  readonly quiesce: boolean;
}

/**
 * What a provider declares: any flag left out takes its contract 1.0 meaning (see
 * {@link resolveProviderCapabilities}).
 * @public
 * @since 1.1.0
 */
export type DeclaredProviderCapabilities = Partial<ProviderCapabilities>;

/**
 * The capabilities of a provider instance: its declared flags, with every flag it leaves out taking
 * its contract 1.0 meaning. Contract 1.0 required takeBackup, restoreVm, restoreVolume and
 * single-point deleteBackup, so a 1.0 provider can do them; the optional methods count only when
 * they are implemented, and a flag can never claim a method that is missing.
 *
 * @public
 * @since 1.1.0
 */
export function resolveProviderCapabilities(provider: BackupProvider): ProviderCapabilities {
  const declared: DeclaredProviderCapabilities = provider.capabilities ?? {};
  const hasCreateVm = typeof provider.createVmFromBackup === 'function';
  const hasListRestorePoints = typeof provider.listRestorePoints === 'function';
  const hasZoneFeed = typeof provider.listZoneRestorePoints === 'function';
  const listRestorePoints = hasListRestorePoints && (declared.listRestorePoints ?? true);
  return {
    adHocBackup: declared.adHocBackup ?? true,
    restoreVm: declared.restoreVm ?? true,
    restoreVolume: declared.restoreVolume ?? true,
    deleteSingleBackup: declared.deleteSingleBackup ?? true,
    createVmFromBackup: hasCreateVm && (declared.createVmFromBackup ?? true),
    listRestorePoints,
    zoneRestorePoints: listRestorePoints && hasZoneFeed && (declared.zoneRestorePoints ?? true),
    quiesce: declared.quiesce ?? false,
  };
}

import { type VirtualMachine, type Volume, type VolumeInfo } from '../../domain/types';

/** Resource name of the VM's backup usage events, as CloudStack writes it. */
export function backupUsageResourceName(vm: VirtualMachine): string {
  return `Backup-${vm.name}-${vm.uuid}`;
}

/**
 * The name CloudStack gives a backup nobody named: `<VM host name>-<yyyy-MM-dd'T'HH:mmX>`, e.g.
 * `web-1-2026-03-04T10:23Z` (UTC, so the zone designator is `Z`).
 */
export function defaultBackupName(vmName: string, takenAt: Date): string {
  return `${vmName}-${takenAt.toISOString().slice(0, 16)}Z`;
}

/** The part of a live volume a backup records (`Backup.VolumeInfo`). */
export function toVolumeInfo(volume: Volume): VolumeInfo {
  return {
    uuid: volume.uuid,
    type: volume.type,
    size: volume.size,
    ...(volume.path === undefined ? {} : { path: volume.path }),
    ...(volume.deviceId === undefined ? {} : { deviceId: volume.deviceId }),
  };
}

/**
 * Name of a volume restored from a backup, e.g. `Restored-3f2a9c1e-20200304102345`: the backed-up
 * volume's uuid prefix and the backup's UTC date, so restores of different backups are told apart.
 */
export function restoredVolumeName(volumeUuid: string, backupDate: Date): string {
  const stamp = backupDate
    .toISOString()
    .replace(/\.\d{3}Z$/, '')
    .replace(/[-:T]/g, '');
  return `Restored-${volumeUuid.slice(0, 8)}-${stamp}`;
}

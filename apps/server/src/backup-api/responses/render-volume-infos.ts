import { type VolumeInfo } from '@csbr/framework';

/**
 * A backup's volumes as CloudStack's `BackupResponse.volumes` shows them: a JSON string of
 * `Backup.VolumeInfo` in Gson's field order (uuid, type, size, path), path left out when unknown.
 */
export function renderVolumeInfos(volumes: readonly VolumeInfo[]): string {
  return JSON.stringify(
    volumes.map((volume) => ({
      uuid: volume.uuid,
      type: volume.type,
      size: volume.size,
      ...(volume.path === undefined ? {} : { path: volume.path }),
    })),
  );
}

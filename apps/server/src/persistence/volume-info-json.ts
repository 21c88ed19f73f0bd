import { type VolumeInfo, type VolumeType } from '@csbr/framework';

/*
 * `vm_instance.backup_volumes` and `backups.volumes` hold a JSON list of CloudStack's
 * `Backup.VolumeInfo`, written in its field order: uuid, type, size, path (plus our deviceId).
 */

/** Serializes volume infos for a `text` column. */
export function volumeInfosToJson(volumes: readonly VolumeInfo[]): string {
  return JSON.stringify(
    volumes.map((volume) => ({
      uuid: volume.uuid,
      type: volume.type,
      size: volume.size,
      ...(volume.path === undefined ? {} : { path: volume.path }),
      ...(volume.deviceId === undefined ? {} : { deviceId: volume.deviceId }),
    })),
  );
}

/**
 * Reads a column written by {@link volumeInfosToJson} or by CloudStack. `null` and an empty column
 * read as no volumes; text that is not a JSON list is a corrupt row and throws.
 */
export function volumeInfosFromJson(json: string | null, where: string): VolumeInfo[] {
  if (json === null || json.trim() === '') return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new Error(`${where} does not hold valid JSON`, { cause: error });
  }
  if (!Array.isArray(parsed)) throw new Error(`${where} does not hold a JSON list of volumes`);
  return parsed.map((entry: unknown) => toVolumeInfo(entry, where));
}

function toVolumeInfo(entry: unknown, where: string): VolumeInfo {
  if (typeof entry !== 'object' || entry === null)
    throw new Error(`${where} holds a volume that is not an object`);
  const record = entry as Record<string, unknown>;
  const path = record['path'];
  const deviceId = record['deviceId'];
  return {
    uuid: typeof record['uuid'] === 'string' ? record['uuid'] : '',
    type: (typeof record['type'] === 'string' ? record['type'] : 'DATADISK') as VolumeType,
    size: Number(record['size'] ?? 0),
    ...(typeof path === 'string' ? { path } : {}),
    ...(deviceId === undefined || deviceId === null ? {} : { deviceId: Number(deviceId) }),
  };
}

/**
 * CloudStack's device ids: 0 is the ROOT disk, data disks take the lowest free id from 1, and 3 is
 * never used (reserved for the CD-ROM on some hypervisors).
 */
export const ROOT_DEVICE_ID = 0;
const RESERVED_DEVICE_ID = 3;

/** The lowest data disk device id not in `used`. */
export function nextDataDeviceId(used: ReadonlySet<number>): number {
  let candidate = 1;
  while (used.has(candidate) || candidate === RESERVED_DEVICE_ID) candidate += 1;
  return candidate;
}

/** CloudStack sizes disks in GiB on the API and stores bytes. */
const BYTES_PER_GIB = 1024 ** 3;

export function gibToBytes(gib: number): number {
  return gib * BYTES_PER_GIB;
}

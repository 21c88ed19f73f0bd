import { randomBytes } from 'node:crypto';

/** The nil GUID Veeam uses for "no platform id" and for sessions that belong to no job. */
export const NIL_GUID = '00000000-0000-0000-0000-000000000000';

/** What an id names; the first group of every simulator UUID tells the kind apart. */
export type IdKind =
  | 'job'
  | 'backup'
  | 'backupObject'
  | 'restorePoint'
  | 'backupFile'
  | 'session'
  | 'taskSession'
  | 'vcenter'
  | 'repository';

const KIND_PREFIX: Readonly<Record<IdKind, string>> = {
  job: '10b00000',
  backup: 'bac00000',
  backupObject: '0b100000',
  restorePoint: 'e0100000',
  backupFile: 'f1100000',
  session: '5e550000',
  taskSession: '7a500000',
  vcenter: 'ec000000',
  repository: 'e9000000',
};

/**
 * Makes UUID-shaped ids from sequence numbers, so that 300,000 restore points need no stored id
 * string and an id maps back to its record in O(1). The second group is random per simulator so
 * ids from two simulator runs never collide.
 */
export class IdFactory {
  private readonly instance = randomBytes(2).toString('hex');
  private readonly next = new Map<IdKind, number>();

  /** The next sequence number for `kind`, starting at 1. */
  nextSeq(kind: IdKind): number {
    const seq = (this.next.get(kind) ?? 0) + 1;
    this.next.set(kind, seq);
    return seq;
  }

  /** A fresh id of `kind`. */
  create(kind: IdKind): string {
    return this.format(kind, this.nextSeq(kind));
  }

  format(kind: IdKind, seq: number): string {
    return `${KIND_PREFIX[kind]}-${this.instance}-4000-8000-${seq.toString(16).padStart(12, '0')}`;
  }

  /** The sequence number inside an id of `kind`, or undefined when it is not one of ours. */
  parse(kind: IdKind, id: string): number | undefined {
    const prefix = `${KIND_PREFIX[kind]}-${this.instance}-4000-8000-`;
    if (id.length !== 36 || !id.toLowerCase().startsWith(prefix)) return undefined;
    const seq = Number.parseInt(id.slice(prefix.length), 16);
    return Number.isSafeInteger(seq) && seq > 0 ? seq : undefined;
  }
}

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(value: string): boolean {
  return UUID_PATTERN.test(value);
}

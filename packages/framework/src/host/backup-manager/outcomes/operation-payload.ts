import { type BackupOperation } from '../../ports';

/** The kind-specific part of an operation row, parsed. Rows are only written by the manager. */
export function payloadOf<T extends object>(operation: BackupOperation): Partial<T> {
  try {
    const parsed: unknown = JSON.parse(operation.payload);
    return typeof parsed === 'object' && parsed !== null ? (parsed) : {};
  } catch {
    return {};
  }
}

/** The id an operation of this kind always records; a row without it was not written by the manager. */
export function requireId(value: string | undefined, what: string, operation: BackupOperation): string {
  if (value === undefined) throw new Error(`Backup operation ${operation.uuid} has no ${what}`);
  return value;
}

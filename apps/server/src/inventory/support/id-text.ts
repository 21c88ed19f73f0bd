/** An id or count from a raw row: MySQL hands bigints back as strings, sql.js as numbers. */
export function idText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return undefined;
}

/** A nullable text column of a raw row, undefined when NULL. */
export function optionalText(value: unknown): string | undefined {
  return idText(value);
}

import { formatCloudStackDate } from './format-cloudstack-date';

/** A value as it goes on the wire: dates formatted, nulls removed. */
export type WireScalar = string | number | boolean;
export type WireValue = WireScalar | WireObject | readonly WireValue[];
export interface WireObject {
  readonly [field: string]: WireValue;
}

/**
 * Converts a response value into its wire form, or undefined when it is to be left out (Gson's
 * default: null fields are not written): null, undefined, functions, symbols, invalid dates,
 * non-finite numbers. Dates use CloudStack's format; a bigint becomes a number when it is exact, else
 * its digits as a string; a `Map` becomes an object and a `Set` an array. Null array elements are
 * dropped.
 */
export function toWireValue(value: unknown): WireValue | undefined {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value;
    case 'number':
      return Number.isFinite(value) ? value : undefined;
    case 'bigint':
      return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
    case 'object':
      return value === null ? undefined : objectToWire(value);
    case 'function':
    case 'symbol':
    case 'undefined':
      return undefined;
  }
}

function objectToWire(value: object): WireValue | undefined {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? undefined : formatCloudStackDate(value);
  }
  if (Array.isArray(value) || value instanceof Set) {
    return [...(value as Iterable<unknown>)].map(toWireValue).filter((item) => item !== undefined);
  }
  return toWireObject(value);
}

/** The wire form of an object's fields, in their order, without the left-out ones. */
export function toWireObject(value: object): WireObject {
  const entries: Iterable<[unknown, unknown]> =
    value instanceof Map ? (value as Map<unknown, unknown>).entries() : Object.entries(value);
  const result: Record<string, WireValue> = {};
  for (const [name, fieldValue] of entries) {
    const wire = toWireValue(fieldValue);
    if (wire !== undefined) {
      result[String(name)] = wire;
    }
  }
  return result;
}

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
  const result: Record<string, WireValue> = {};
  if (value instanceof Map) {
    for (const [name, fieldValue] of value as Map<unknown, unknown>) {
      const wire = toWireValue(fieldValue);
      if (wire !== undefined) result[String(name)] = wire;
    }
    return result;
  }
  // Own enumerable string keys in Object.entries' order, without an array per field: every
  // listed row goes through here.
  const fields = value as Readonly<Record<string, unknown>>;
  for (const name in fields) {
    if (!Object.hasOwn(fields, name)) continue;
    const wire = toWireValue(fields[name]);
    if (wire !== undefined) result[name] = wire;
  }
  return result;
}

/**
 * A date as the wire shows it, for responses that format their dates themselves (so that their
 * objects are {@link isWireReady}): CloudStack's format, or left out when there is no valid date.
 */
export function wireDate(date: Date | null | undefined): string | undefined {
  return date instanceof Date && !Number.isNaN(date.getTime()) ? formatCloudStackDate(date) : undefined;
}

/**
 * Whether a response object is already its own wire form: a plain object whose fields are all
 * strings, booleans, finite numbers or undefined. `JSON.stringify` leaves undefined fields out as
 * {@link toWireObject} does, so such an object is written as it is, without a copy (a listed page
 * has a hundred of them).
 */
export function isWireReady(value: object): boolean {
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const fields = value as Readonly<Record<string, unknown>>;
  for (const name in fields) {
    const field = fields[name];
    switch (typeof field) {
      case 'string':
      case 'boolean':
      case 'undefined':
        continue;
      case 'number':
        if (Number.isFinite(field)) continue;
        return false;
      case 'bigint':
      case 'object':
      case 'function':
      case 'symbol':
        return false;
    }
  }
  return true;
}

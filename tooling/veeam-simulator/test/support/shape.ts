/** A tiny structural checker: lists every difference between a JSON value and its expected shape. */
export type Check =
  | 'string'
  | 'number'
  | 'integer'
  | 'boolean'
  | 'object'
  | 'uuid'
  | 'date-time'
  | { readonly enum: readonly string[] }
  | { readonly literal: unknown }
  | { readonly arrayOf: Check }
  | Shape;

export interface Shape {
  readonly required: Readonly<Record<string, Check>>;
  readonly optional?: Readonly<Record<string, Check>>;
  /** Keys other than required/optional are errors unless this is set. */
  readonly open?: boolean;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isShape(check: Check): check is Shape {
  return typeof check === 'object' && 'required' in check;
}

function checkValue(value: unknown, check: Check, path: string, errors: string[]): void {
  if (typeof check === 'string') {
    const ok =
      check === 'string'
        ? typeof value === 'string'
        : check === 'number'
          ? typeof value === 'number'
          : check === 'integer'
            ? Number.isInteger(value)
            : check === 'boolean'
              ? typeof value === 'boolean'
              : check === 'object'
                ? value !== null && typeof value === 'object' && !Array.isArray(value)
                : check === 'uuid'
                  ? typeof value === 'string' && UUID.test(value)
                  : typeof value === 'string' &&
                    !Number.isNaN(Date.parse(value)) &&
                    /^\d{4}-\d{2}-\d{2}T/.test(value);
    if (!ok) errors.push(`${path}: expected ${check}, got ${JSON.stringify(value)}`);
    return;
  }
  if ('enum' in check) {
    if (typeof value !== 'string' || !check.enum.includes(value)) {
      errors.push(`${path}: expected one of ${check.enum.join('|')}, got ${JSON.stringify(value)}`);
    }
    return;
  }
  if ('literal' in check) {
    if (value !== check.literal)
      errors.push(
        `${path}: expected ${JSON.stringify(check.literal)}, got ${JSON.stringify(value)}`,
      );
    return;
  }
  if ('arrayOf' in check) {
    if (!Array.isArray(value)) {
      errors.push(`${path}: expected an array, got ${JSON.stringify(value)}`);
      return;
    }
    value.forEach((item, index) => checkValue(item, check.arrayOf, `${path}[${index}]`, errors));
    return;
  }
  if (isShape(check)) errors.push(...shapeErrors(value, check, path));
}

export function shapeErrors(value: unknown, shape: Shape, path = '$'): string[] {
  const errors: string[] = [];
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [`${path}: expected an object, got ${JSON.stringify(value)}`];
  }
  const record = value as Record<string, unknown>;
  for (const [key, check] of Object.entries(shape.required)) {
    if (!(key in record)) errors.push(`${path}.${key}: missing`);
    else checkValue(record[key], check, `${path}.${key}`, errors);
  }
  for (const [key, check] of Object.entries(shape.optional ?? {})) {
    if (key in record && record[key] !== undefined)
      checkValue(record[key], check, `${path}.${key}`, errors);
  }
  if (!shape.open) {
    const known = new Set([...Object.keys(shape.required), ...Object.keys(shape.optional ?? {})]);
    for (const key of Object.keys(record))
      if (!known.has(key)) errors.push(`${path}.${key}: unexpected field`);
  }
  return errors;
}

/** `{ data: [...], pagination }` with every item checked. */
export function pagedOf(item: Shape): Shape {
  return {
    required: {
      data: { arrayOf: item },
      pagination: {
        required: { total: 'integer', count: 'integer', skip: 'integer' },
        optional: { limit: 'integer' },
      },
    },
  };
}

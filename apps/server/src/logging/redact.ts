/** Field names that never reach a log line with their value (architecture guide §6.3). */
export const SENSITIVE_FIELD = /pass(word)?|secret|token|key|credential/i;
export const REDACTED = '[REDACTED]';

const MAX_DEPTH = 5;

/**
 * A copy of `meta` safe to log: values of sensitive fields are replaced, nested objects and
 * arrays are walked, errors become their name and message.
 */
export function redact(meta: Readonly<Record<string, unknown>>): Record<string, unknown> {
  return redactObject(meta, 0);
}

function redactObject(value: Readonly<Record<string, unknown>>, depth: number): Record<string, unknown> {
  const copy: Record<string, unknown> = {};
  for (const [field, fieldValue] of Object.entries(value)) {
    copy[field] = SENSITIVE_FIELD.test(field) ? REDACTED : redactValue(fieldValue, depth + 1);
  }
  return copy;
}

function redactValue(value: unknown, depth: number): unknown {
  if (value instanceof Error) return { name: value.name, message: value.message };
  if (value === null || typeof value !== 'object') return value;
  if (depth > MAX_DEPTH) return '[...]';
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Date) return value.toISOString();
  return redactObject(value as Record<string, unknown>, depth);
}

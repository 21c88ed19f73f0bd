const INTEGER_TEXT = /^[+-]?\d+$/;
const FLOAT_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?[fFdD]?$/;

/** Java's integral ranges (`Short.valueOf`, `Integer.valueOf`; `Long` limited to exact JS numbers). */
const RANGES = {
  short: [-32768, 32767],
  integer: [-2147483648, 2147483647],
  long: [Number.MIN_SAFE_INTEGER, Number.MAX_SAFE_INTEGER],
} as const;

/** Parses as Java's `Short/Integer/Long.valueOf` would, or undefined when Java would throw. */
export function parseIntegral(text: string, type: keyof typeof RANGES): number | undefined {
  if (!INTEGER_TEXT.test(text)) {
    return undefined;
  }
  const value = Number(text);
  const [min, max] = RANGES[type];
  return value >= min && value <= max ? value : undefined;
}

/** Parses a decimal number as `Float.valueOf` would (finite values only), or undefined. */
export function parseFloatValue(text: string): number | undefined {
  if (!FLOAT_TEXT.test(text)) {
    return undefined;
  }
  const value = Number(text.replace(/[fFdD]$/, ''));
  return Number.isFinite(value) ? value : undefined;
}

import { javaUrlEncode } from './java-url-encode';

/** One request parameter as received: name and (first) value. */
export type SignedParameter = readonly [name: string, value: string];

/**
 * CloudStack's string to sign (protocol doc §2.1.1): every parameter but `signature` (any case),
 * first value of each name, sorted by name in UTF-16 code-unit order (case-sensitive, as Java's
 * `String.compareTo`), `name=enc(value)` with the name not encoded, joined with `&`, the whole string
 * lowercased.
 *
 * @param parameters - the request's parameters in any order; repeated names keep their first value.
 * @param encode - the value encoder; defaults to Java's URLEncoder semantics.
 */
export function canonicalString(
  parameters: Iterable<SignedParameter>,
  encode: (value: string) => string = javaUrlEncode,
): string {
  const firstValues = new Map<string, string>();
  for (const [name, value] of parameters) {
    if (name.toLowerCase() !== 'signature' && !firstValues.has(name)) {
      firstValues.set(name, value);
    }
  }
  const names = [...firstValues.keys()].sort(compareCodeUnits);
  return names
    .map((name) => `${name}=${encode(firstValues.get(name) ?? '')}`)
    .join('&')
    .toLowerCase();
}

function compareCodeUnits(left: string, right: string): number {
  if (left === right) {
    return 0;
  }
  return left < right ? -1 : 1;
}

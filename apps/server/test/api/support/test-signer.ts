import { createHmac } from 'node:crypto';

/**
 * A signer written for the tests, independently of the server's code, from the protocol doc (§2.1):
 * Java URLEncoder value encoding (only A-Z a-z 0-9 . - * _ kept, everything else %XX of its UTF-8
 * bytes, space as %20), names unencoded and sorted case-sensitively, first value of each name, the
 * whole string lowercased, HMAC-SHA1, base64.
 */
export function signParams(params: readonly (readonly [string, string])[], secretKey: string): string {
  const first = new Map<string, string>();
  for (const [name, value] of params) {
    if (name.toLowerCase() !== 'signature' && !first.has(name)) {
      first.set(name, value);
    }
  }
  const canonical = [...first.keys()]
    .sort((left, right) => (left < right ? -1 : left > right ? 1 : 0))
    .map((name) => `${name}=${javaEncode(first.get(name) ?? '')}`)
    .join('&')
    .toLowerCase();
  return createHmac('sha1', secretKey).update(canonical, 'utf8').digest('base64');
}

function javaEncode(value: string): string {
  let encoded = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const character = String.fromCharCode(byte);
    encoded += /[A-Za-z0-9.\-*_]/.test(character)
      ? character
      : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
}

/** `name=value&…` with every name and value percent-encoded, as a client puts it on the wire. */
export function toQueryString(params: readonly (readonly [string, string])[]): string {
  return params.map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(value)}`).join('&');
}

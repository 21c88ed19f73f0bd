import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalString, type SignedParameter } from './canonical-string';
import { javaUrlEncode, javaUrlEncodeKeepingTilde } from './java-url-encode';

/** HMAC-SHA1 of `message` with `secretKey`, base64 with padding (protocol doc §2.1.1 step 6). */
export function hmacSha1Base64(secretKey: string, message: string): string {
  return createHmac('sha1', Buffer.from(secretKey, 'utf8')).update(message, 'utf8').digest('base64');
}

/** The signature CloudStack expects for these parameters (its own `signature` is ignored). */
export function computeSignature(parameters: Iterable<SignedParameter>, secretKey: string): string {
  return hmacSha1Base64(secretKey, canonicalString(parameters));
}

/**
 * Whether `signature` signs `parameters` with `secretKey`.
 *
 * Two candidates are accepted:
 * 1. CloudStack's own string (Java URLEncoder semantics, `~` → `%7E`);
 * 2. the same with `~` left unencoded.
 *
 * The second one is a DELIBERATE DEVIATION from CloudStack (protocol doc §2.1.5): exoscale/cs,
 * cloudmonkey and cloudstack-go all leave `~` unencoded when they sign, so a real CloudStack rejects
 * their requests whose values contain `~`. Accepting both lets these clients work; the signature still
 * covers every parameter, so nothing unsigned gets through. The comparison is constant-time.
 */
export function verifySignature(
  parameters: readonly SignedParameter[],
  secretKey: string,
  signature: string,
): boolean {
  const received = Buffer.from(signature, 'utf8');
  const javaCandidate = hmacSha1Base64(secretKey, canonicalString(parameters, javaUrlEncode));
  const tildeCandidate = hmacSha1Base64(secretKey, canonicalString(parameters, javaUrlEncodeKeepingTilde));
  // Both candidates are always compared so that timing does not depend on which one matched.
  const matchesJava = constantTimeEquals(received, Buffer.from(javaCandidate, 'utf8'));
  const matchesTilde = constantTimeEquals(received, Buffer.from(tildeCandidate, 'utf8'));
  return matchesJava || matchesTilde;
}

function constantTimeEquals(received: Buffer, expected: Buffer): boolean {
  if (received.length !== expected.length) {
    // Compare against itself to spend the same time; the length of a base64 HMAC-SHA1 is public.
    timingSafeEqual(expected, expected);
    return false;
  }
  return timingSafeEqual(received, expected);
}

import { randomBytes } from 'node:crypto';

/** Bytes of an HmacSHA1 key, which CloudStack generates for both keys of a user. */
const KEY_BYTES = 64;

/**
 * A new API key or secret key as CloudStack makes them: a random 64-byte key in URL-safe base64
 * without padding (86 characters).
 */
export function generateApiKey(): string {
  return randomBytes(KEY_BYTES).toString('base64url');
}

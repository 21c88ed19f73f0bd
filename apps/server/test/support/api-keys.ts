import { randomBytes } from 'node:crypto';

/** An API key pair, as a signed client or the `cloudstack` CLI signs with it. */
export interface ApiKeyPair {
  readonly apiKey: string;
  readonly secretKey: string;
}

/** A fresh random key pair, e.g. for `CSBR_ADMIN_API_KEY` / `CSBR_ADMIN_SECRET_KEY`. */
export function randomApiKeys(): ApiKeyPair {
  return { apiKey: randomBytes(24).toString('base64url'), secretKey: randomBytes(24).toString('base64url') };
}

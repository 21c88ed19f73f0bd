import { randomBytes, scryptSync } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const KEY_LENGTH = 32;
export const GENERATED_KEY_FILE = 'encryption.key';

/*
 * A fixed salt keeps the derivation deterministic: the same passphrase must give the same key at
 * every start, or stored secrets could not be decrypted. The passphrase is the secret.
 */
const PASSPHRASE_SALT = 'csbr:encryption-key:v1';

/**
 * `CSBR_ENCRYPTION_KEY` as a 32-byte key: its base64 decoding when it is exactly 32 bytes of
 * canonical base64, otherwise a key derived from it as a passphrase with scrypt.
 */
export function keyFromSetting(setting: string): Buffer {
  const decoded = Buffer.from(setting, 'base64');
  if (decoded.length === KEY_LENGTH && decoded.toString('base64') === setting) return decoded;
  return scryptSync(setting, PASSPHRASE_SALT, KEY_LENGTH);
}

/**
 * The key kept in `<dataDir>/encryption.key` when no key is configured: read when it exists,
 * generated (mode 0600) the first time. Returns whether it was generated now.
 */
export function keyFromDataDir(dataDir: string): { key: Buffer; file: string; generated: boolean } {
  const file = join(dataDir, GENERATED_KEY_FILE);
  if (existsSync(file)) {
    const key = Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
    if (key.length !== KEY_LENGTH) {
      throw new Error(`${file} does not hold a base64 ${KEY_LENGTH}-byte key`);
    }
    return { key, file, generated: false };
  }
  const key = randomBytes(KEY_LENGTH);
  writeFileSync(file, `${key.toString('base64')}\n`, { mode: 0o600, flag: 'wx' });
  return { key, file, generated: true };
}

import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

const PREFIX = 'enc:v1:';
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

/**
 * AES-256-GCM for secrets stored in the database (secure configuration values, API secret keys).
 * Stored form: `enc:v1:` + base64(iv | tag | ciphertext). The version in the prefix leaves room
 * for key rotation.
 */
export class SecretCipher {
  readonly #key: Buffer;

  constructor(key: Buffer) {
    if (key.length !== 32) throw new Error('SecretCipher needs a 32-byte key');
    this.#key = key;
  }

  encrypt(plain: string): string {
    const iv = randomBytes(IV_LENGTH);
    const cipher = createCipheriv('aes-256-gcm', this.#key, iv);
    const ciphertext = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString('base64');
  }

  /**
   * The clear value. Values without the prefix are returned unchanged, so rows written in clear
   * (by hand, or before encryption) keep working. Throws when the value was encrypted with
   * another key or was altered.
   */
  decrypt(stored: string): string {
    if (!SecretCipher.isEncrypted(stored)) return stored;
    const packed = Buffer.from(stored.slice(PREFIX.length), 'base64');
    const iv = packed.subarray(0, IV_LENGTH);
    const tag = packed.subarray(IV_LENGTH, IV_LENGTH + TAG_LENGTH);
    const decipher = createDecipheriv('aes-256-gcm', this.#key, iv);
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(packed.subarray(IV_LENGTH + TAG_LENGTH)), decipher.final()]).toString('utf8');
    } catch {
      // Never include the value: only say why it failed.
      throw new Error('Cannot decrypt a stored secret: it was encrypted with another key or altered');
    }
  }

  static isEncrypted(stored: string): boolean {
    return stored.startsWith(PREFIX);
  }
}

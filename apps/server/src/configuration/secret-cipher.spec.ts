import { SecretCipher } from './secret-cipher';

describe('SecretCipher', () => {
  const cipher = new SecretCipher(Buffer.alloc(32, 1));

  it('round-trips a value and never stores it in clear', () => {
    const stored = cipher.encrypt('my-secret-key');

    expect(stored.startsWith('enc:v1:')).toBe(true);
    expect(stored).not.toContain('my-secret-key');
    expect(cipher.decrypt(stored)).toBe('my-secret-key');
  });

  it('encrypts the same value differently each time', () => {
    expect(cipher.encrypt('same')).not.toBe(cipher.encrypt('same'));
  });

  it('returns values stored in clear unchanged', () => {
    expect(cipher.decrypt('plain-value')).toBe('plain-value');
  });

  it('refuses a value encrypted with another key, without echoing it', () => {
    const other = new SecretCipher(Buffer.alloc(32, 2)).encrypt('their-secret');

    expect(() => cipher.decrypt(other)).toThrow('Cannot decrypt a stored secret');
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretCipher(Buffer.alloc(16))).toThrow('32-byte key');
  });
});

import { BackupError, isBackupError } from './backup-error';
import { BackupErrorCodes } from './error-codes';

describe('BackupError', () => {
  it('carries its code, message, retryable flag, details and cause', () => {
    const cause = new Error('ECONNREFUSED');
    const error = new BackupError(BackupErrorCodes.UPSTREAM_UNAVAILABLE, 'Veeam is unreachable', {
      retryable: true,
      details: { zone: 'zone-1' },
      cause,
    });

    expect(error).toMatchObject({
      name: 'BackupError',
      code: 'UPSTREAM_UNAVAILABLE',
      message: 'Veeam is unreachable',
      retryable: true,
      details: { zone: 'zone-1' },
      cause,
    });
  });

  it('is not retryable and has no details or cause by default', () => {
    const error = new BackupError(BackupErrorCodes.NOT_SUPPORTED, 'Dummy plugin does not support this feature');
    expect(error.retryable).toBe(false);
    expect(error.details).toEqual({});
    expect('cause' in error).toBe(false);
  });
});

describe('isBackupError', () => {
  it('recognises a BackupError', () => {
    expect(isBackupError(new BackupError(BackupErrorCodes.TIMEOUT, 'timed out'))).toBe(true);
  });

  it('recognises one made by another copy of the framework through the shared symbol brand', () => {
    const fromOtherCopy = Object.assign(new Error('other copy'), {
      code: 'TIMEOUT',
      [Symbol.for('@csbr/BackupError')]: true,
    });
    expect(isBackupError(fromOtherCopy)).toBe(true);
  });

  it.each([undefined, null, 'TIMEOUT', new Error('plain'), { code: 'TIMEOUT', message: 'look-alike' }])(
    'rejects %p',
    (value) => {
      expect(isBackupError(value)).toBe(false);
    },
  );
});

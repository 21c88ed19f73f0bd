import { BackupError, type BackupErrorCode } from '@csbr/framework';

import { type DummyOperation } from './dummy-operations';

/**
 * The error an injected failure throws. Configured failures use the defaults, so tests can match
 * on them.
 */
export function injectedFailure(
  operation: DummyOperation,
  code: BackupErrorCode = 'UPSTREAM_REJECTED',
  message = `Dummy provider injected failure in ${operation}`,
): BackupError {
  return new BackupError(code, message, { details: { operation, injected: true } });
}

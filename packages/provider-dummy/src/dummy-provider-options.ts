import { type BackupErrorCode } from '@csbr/framework';

import { type DummyOperation } from './dummy-operations';

/**
 * How one operation fails: it throws a `BackupError` with this code and message.
 * @public
 */
export interface DummyFailure {
  /** Defaults to `UPSTREAM_REJECTED`. */
  readonly code?: BackupErrorCode;
  /** Defaults to `Dummy provider injected failure in <operation>`. */
  readonly message?: string;
  /** How many calls fail before the operation works again. Unlimited when left out; 0 disarms. */
  readonly times?: number;
}

/**
 * Test-only knobs of {@link createDummyBackupProvider}. Leaving them out gives the plain dummy.
 * @public
 */
export interface DummyProviderOptions {
  /** Milliseconds every operation waits before it runs. 0 (the default) sets no timer at all. */
  readonly latencyMs?: number;
  /** Operations that fail from the start. */
  readonly failures?: Partial<Record<DummyOperation, DummyFailure>>;
}

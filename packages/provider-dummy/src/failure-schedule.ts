import { type BackupError } from '@csbr/framework';

import { DUMMY_OPERATIONS, type DummyOperation, isDummyOperation } from './dummy-operations';
import { type DummyFailure } from './dummy-provider-options';
import { injectedFailure } from './injected-failure';

interface ArmedFailure {
  readonly failure: DummyFailure;
  /** Calls left to fail; undefined fails every call. */
  remaining: number | undefined;
}

/** Which operations fail next, and how many more times. Set from code (options or at run time). */
export class FailureSchedule {
  private readonly armed = new Map<DummyOperation, ArmedFailure>();

  constructor(initial: Partial<Record<DummyOperation, DummyFailure>> = {}) {
    for (const [operation, failure] of Object.entries(initial)) {
      if (failure !== undefined) this.set(operation as DummyOperation, failure);
    }
  }

  /** Arms `operation`, replacing what was armed for it. */
  set(operation: DummyOperation, failure: DummyFailure): void {
    // Callers include plain-JS e2e tests, so a typo must not silently arm nothing.
    if (typeof operation !== 'string' || !isDummyOperation(operation)) {
      throw new TypeError(
        `Unknown dummy provider operation "${String(
          operation,
        )}"; expected one of ${DUMMY_OPERATIONS.join(', ')}`,
      );
    }
    const { times } = failure;
    if (times !== undefined && (!Number.isInteger(times) || times < 0)) {
      throw new RangeError(`times must be a non-negative integer, got ${String(times)}`);
    }
    if (times === 0) {
      this.armed.delete(operation);
      return;
    }
    this.armed.set(operation, { failure: { ...failure }, remaining: times });
  }

  clear(): void {
    this.armed.clear();
  }

  /** The error this call of `operation` must throw, if any; counts the call against `times`. */
  take(operation: DummyOperation): BackupError | undefined {
    const armed = this.armed.get(operation);
    if (armed === undefined) return undefined;
    if (armed.remaining !== undefined) {
      armed.remaining -= 1;
      if (armed.remaining === 0) this.armed.delete(operation);
    }
    return injectedFailure(operation, armed.failure.code, armed.failure.message);
  }
}

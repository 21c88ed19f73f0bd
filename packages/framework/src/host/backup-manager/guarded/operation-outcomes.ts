import { type BackupOperation, type Repositories } from '../../ports';
import { type ManagerContext } from '../manager-context';

/** What recovery decided for an operation whose server died during its provider call. */
export type RecoveryDecision<R> =
  | { readonly kind: 'succeeded'; readonly result: R }
  | { readonly kind: 'failed'; readonly message: string };

/**
 * How one kind of backup operation records its outcome. The same code records the outcome of a
 * live operation and of one recovered after a crash, so both leave the same rows behind; everything
 * it needs beyond the provider's answer is in the operation row.
 */
export interface OperationOutcomes<R, T> {
  /** Step 3 after the provider succeeded, in the outcome transaction. */
  succeed(context: ManagerContext, tx: Repositories, operation: BackupOperation, result: R): Promise<T>;
  /** Step 3 after the provider failed, in the outcome transaction: undo the intent. */
  fail(context: ManagerContext, tx: Repositories, operation: BackupOperation): Promise<void>;
  /**
   * For an operation whose server died during the provider call: what happened, asking the
   * provider only what it can answer without side effects. Never repeats the call.
   */
  recover(context: ManagerContext, operation: BackupOperation): Promise<RecoveryDecision<R>>;
  /** The provider's answer as stored in the operation row, and back. */
  serialize(result: R): string;
  deserialize(stored: string): R;
}

/** For operations whose provider answer carries nothing to record. */
export const NO_RESULT = {
  serialize: (): string => 'null',
  deserialize: (): void => undefined,
};

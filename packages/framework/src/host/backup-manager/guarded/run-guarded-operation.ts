import { type ProviderCallOptions } from '../../../contract/call-options';
import { type BackupOperation, type Repositories } from '../../ports';
import { type RegisteredProvider } from '../../provider-types';
import { describeError } from '../guard-failures';
import { type ManagerContext } from '../manager-context';
import { type OperationOptions } from '../operation-options';
import { type CallBudget } from '../provider-calls';
import { type OperationOutcomes } from './operation-outcomes';
import { recordOutcome } from './record-outcome';

/** One guarded operation, ready to run: the checks that need no guard have passed. */
export interface GuardedOperation<I, R, T> {
  readonly provider: RegisteredProvider;
  readonly budget: CallBudget;
  readonly outcomes: OperationOutcomes<R, T>;
  /**
   * Step 1, in one short transaction: takes the guard (`tx.operations.begin`, with
   * `budget.deadline`), re-checks what may have changed since the unguarded checks, and records the
   * intent (an in-progress status). Returns the operation and what the provider call needs.
   */
  begin(tx: Repositories): Promise<{ readonly operation: BackupOperation; readonly intent: I }>;
  /** Step 2: the provider call, with no transaction open. */
  call(intent: I, callOptions: ProviderCallOptions): Promise<R>;
}

/**
 * Runs an operation in three steps: record the intent and take the guard (short transaction), call
 * the provider (no transaction, no connection held), record the outcome and release the guard
 * (short transaction). Every path releases the guard: success, provider failure, timeout and
 * cancellation here, a crash through recovery.
 */
export async function runGuardedOperation<I, R, T>(
  context: ManagerContext,
  spec: GuardedOperation<I, R, T>,
  options: OperationOptions,
): Promise<T> {
  const { operation, intent } = await context.transactions.run((tx) => spec.begin(tx));
  let result: R;
  try {
    result = await context.providerCalls.run(spec.provider, spec.budget, options, (callOptions) =>
      spec.call(intent, callOptions),
    );
  } catch (error) {
    try {
      await recordOutcome(context, operation, (tx) => spec.outcomes.fail(context, tx, operation), {
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
    } catch (recordError) {
      // The operation row stays for recovery; the client hears what the provider said.
      context.logger.warn('Could not record a failed backup operation; recovery will', {
        operation: operation.uuid,
        error: describeError(recordError),
      });
    }
    throw error;
  }
  return recordOutcome(
    context,
    operation,
    (tx) => spec.outcomes.succeed(context, tx, operation, result),
    {
      afterFirstFailure: () =>
        context.repositories.operations.markProviderDone(
          operation.id,
          spec.outcomes.serialize(result),
        ),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    },
  );
}

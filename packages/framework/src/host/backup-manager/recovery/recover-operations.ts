import { BackupError } from '../../../errors/backup-error';
import { type BackupOperation } from '../../ports';
import { describeError } from '../guard-failures';
import { type OperationOutcomes, type RecoveryDecision } from '../guarded/operation-outcomes';
import { recordOutcome } from '../guarded/record-outcome';
import { type ManagerContext } from '../manager-context';
import { OUTCOMES_BY_KIND } from '../outcomes/all-outcomes';
import { type RecoveredOperation } from '../types';

/**
 * Finishes or fails every backup operation that the management server `ownerId` left in flight: a
 * dead instance, or this instance's own previous run. Each operation is taken over atomically, so
 * several live instances may recover the same dead one at once and each operation is recovered by
 * exactly one of them. A provider call is never repeated: a recorded provider answer is recorded
 * now, otherwise the provider is asked (read-only) what happened, and when it cannot tell the
 * operation fails with a clear message and its intent is undone. Every VM is released.
 */
export async function recoverOperations(
  context: ManagerContext,
  ownerId: string,
): Promise<readonly RecoveredOperation[]> {
  const recovered: RecoveredOperation[] = [];
  for (const operation of await context.repositories.operations.listByOwner(ownerId)) {
    if (!(await context.repositories.operations.takeOver(operation.id, ownerId))) continue;
    try {
      recovered.push(await recoverOne(context, operation));
    } catch (error) {
      // Left owned by this instance: the next recovery of this instance's own run retries it.
      context.logger.error('Could not recover a backup operation', {
        operation: operation.uuid,
        kind: operation.kind,
        error: describeError(error),
      });
    }
  }
  return recovered;
}

async function recoverOne(
  context: ManagerContext,
  operation: BackupOperation,
): Promise<RecoveredOperation> {
  const outcomes = OUTCOMES_BY_KIND[operation.kind];
  if (outcomes === undefined) {
    throw new Error(`No recovery for backup operations of kind ${operation.kind}`);
  }
  const decision = await decide(context, operation, outcomes);
  if (decision.kind === 'succeeded') {
    const value = await recordOutcome(context, operation, (tx) =>
      outcomes.succeed(context, tx, operation, decision.result),
    );
    context.logger.info('Recovered a backup operation: it had succeeded', {
      operation: operation.uuid,
      kind: operation.kind,
    });
    return { operation, status: 'succeeded', value };
  }
  await recordOutcome(context, operation, (tx) => outcomes.fail(context, tx, operation));
  context.logger.warn('Recovered a backup operation: it failed', {
    operation: operation.uuid,
    kind: operation.kind,
    reason: decision.message,
  });
  return {
    operation,
    status: 'failed',
    error: new BackupError('OPERATION_FAILED', decision.message),
  };
}

function decide(
  context: ManagerContext,
  operation: BackupOperation,
  outcomes: OperationOutcomes<unknown, unknown>,
): Promise<RecoveryDecision<unknown>> {
  if (operation.state === 'ProviderDone' && operation.result !== undefined) {
    return Promise.resolve({ kind: 'succeeded', result: outcomes.deserialize(operation.result) });
  }
  return outcomes.recover(context, operation);
}

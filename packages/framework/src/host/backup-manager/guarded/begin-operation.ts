import { type BackupOperation, type NewBackupOperation, type Repositories } from '../../ports';
import { type ManagerContext } from '../manager-context';
import { type OperationOptions } from '../operation-options';
import { type CallBudget } from '../provider-calls';

/** What an operation says about itself; the rest of its record is the same for every kind. */
export type OperationStart = Omit<NewBackupOperation, 'jobId' | 'created' | 'deadline'>;

/**
 * Records a guarded operation's start (and guards its VMs) in `tx`, stamped with the job that runs
 * it, the manager's clock and the deadline of its provider-call budget.
 */
export function beginOperation(
  tx: Repositories,
  context: ManagerContext,
  budget: CallBudget,
  options: OperationOptions,
  start: OperationStart,
): Promise<BackupOperation> {
  return tx.operations.begin({
    ...start,
    ...(options.jobId === undefined ? {} : { jobId: options.jobId }),
    created: context.clock.now(),
    deadline: budget.deadline,
  });
}

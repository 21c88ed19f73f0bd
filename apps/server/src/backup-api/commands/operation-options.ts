import { type OperationOptions } from '@csbr/framework/host';

import { type CommandContext } from '../../api/command-definition';

/** What the manager needs of the job a command runs in: its uuid, cancellation and progress. */
export function operationOptionsOf(context: Pick<CommandContext, 'jobId' | 'signal' | 'progress'>): OperationOptions {
  return {
    ...(context.jobId === undefined ? {} : { jobId: context.jobId }),
    ...(context.signal === undefined ? {} : { signal: context.signal }),
    ...(context.progress === undefined ? {} : { progress: context.progress }),
  };
}

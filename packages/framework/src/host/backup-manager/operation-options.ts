import { type ProgressReporter } from '../../contract/call-options';

/**
 * How the host runs one manager operation: which async job it belongs to, what may cancel it, and
 * where the provider's progress goes.
 * @public
 * @since 1.1.0
 */
export interface OperationOptions {
  /** Uuid of the async job running the operation; recorded with it, for crash recovery. */
  readonly jobId?: string;
  /** Cancels the provider call (the job was cancelled, or the server is shutting down). */
  readonly signal?: AbortSignal;
  /** Receives the provider's progress of long operations. */
  readonly progress?: ProgressReporter;
}

/**
 * Reports how far a long provider call has got. The host shows it as the async job's
 * `jobprocstatus` (a percentage) and may log the message. Cheap to call often: the host throttles
 * what it writes.
 *
 * @public
 * @since 1.1.0
 */
export interface ProgressReporter {
  /**
   * @param percent - 0 to 100; values outside are clamped.
   * @param message - a short, log-safe description of the current step (no secrets, no vendor bodies).
   */
  report(percent: number, message?: string): void;
}

/**
 * What the host hands every provider call since contract 1.1. A host of contract 1.1 or later
 * always sets `signal` and `deadline`; they are optional in the type so that requests built for
 * contract 1.0 (by tests, say) still compile.
 *
 * @remarks
 * A provider should stop waiting, polling or retrying once `signal` is aborted, and should give up
 * shortly before `deadline` with a `TIMEOUT` error that names what it was waiting for. The host
 * stops waiting at the deadline in any case: a call that ignores both is abandoned, its job fails
 * with a timeout error and the VM is released, but whatever the vendor does afterwards is only
 * picked up by the next sync.
 *
 * @public
 * @since 1.1.0
 */
export interface ProviderCallOptions {
  /** Aborted when the deadline passes, the job is cancelled, or the server is shutting down. */
  readonly signal?: AbortSignal;
  /** When the host stops waiting: now + the operation's `backup.framework.timeout.*` setting. */
  readonly deadline?: Date;
  /** Progress of long operations (backups, restores); absent for short ones. */
  readonly progress?: ProgressReporter;
}

import { type ProviderOperation } from '../framework-config-keys';
import { type SyncReport } from './types';

/**
 * One provider call as it ended, for the host's metrics. Carries no VM, account or error text, so
 * a host can turn it into low-cardinality labels without leaking anything.
 * @public
 * @since 1.1.0
 */
export interface ProviderCallObservation {
  /** The provider's registered name. */
  readonly provider: string;
  /** The call's operation, as in `backup.framework.timeout.<operation>`. */
  readonly operation: ProviderOperation;
  /** The zone's uuid. */
  readonly zone: string;
  /** `success`, or the failure's `BackupError` code (`TIMEOUT`, `OPERATION_FAILED`, …). */
  readonly result: string;
  readonly durationMs: number;
}

/**
 * One zone's sync as it ended.
 * @public
 * @since 1.1.0
 */
export interface ZoneSyncObservation {
  /** The zone's uuid. */
  readonly zone: string;
  /** The zone's provider; undefined when the zone had none (or was disabled). */
  readonly provider?: string;
  /** What this zone's run did (`zones` is 0 when it was skipped). */
  readonly report: SyncReport;
  /** True when the run stopped on an error (logged) rather than ended. */
  readonly aborted: boolean;
  readonly durationMs: number;
}

/**
 * What the host hears about while the manager works: the place for metrics. Every callback is
 * optional and synchronous; a callback that throws is ignored, so observing can never break an
 * operation.
 * @public
 * @since 1.1.0
 */
export interface BackupManagerObserver {
  onProviderCall?(observation: ProviderCallObservation): void;
  onZoneSynced?(observation: ZoneSyncObservation): void;
}

/** Calls `notify` and swallows what it throws: an observer never breaks an operation. */
export function notifyObserver(notify: () => void): void {
  try {
    notify();
  } catch {
    // Observation is best effort by design.
  }
}

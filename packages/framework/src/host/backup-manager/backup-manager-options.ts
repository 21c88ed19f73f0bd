import { type ProviderLogger } from '../../contract/provider-context';
import {
  type AccessChecker,
  type Clock,
  type Repositories,
  type TransactionRunner,
} from '../ports';
import { type ProviderLookup } from '../provider-types';
import { type BackupScheduleRepository } from '../backup-schedule/schedule-ports';
import { type BackupManagerObserver } from './observer';

/**
 * What the {@link BackupManager} is built from: the host's ports.
 * @public
 * @since 1.0.0
 */
export interface BackupManagerOptions {
  /** Reads and writes outside a transaction. */
  readonly repositories: Repositories;
  /** Runs the short transactions of each operation; never one around a provider call. */
  readonly transactions: TransactionRunner;
  /** Registered providers; a zone's provider is the one its `backup.framework.provider.plugin` names. */
  readonly providers: ProviderLookup;
  readonly access: AccessChecker;
  readonly clock: Clock;
  readonly logger: ProviderLogger;
  /** Protected VMs per `getMetrics` call during sync. Defaults to 500. */
  readonly syncBatchSize?: number;
  /**
   * Waits between attempts to record an operation's outcome while the database is away; the last
   * one repeats until it works or the operation is cancelled. Defaults to 0.2 s … 30 s.
   * @since 1.1.0
   */
  readonly outcomeRetryDelaysMs?: readonly number[];
  /**
   * Where backup schedules live. Without it the schedule methods refuse with `NOT_SUPPORTED`.
   * @since 1.1.0
   */
  readonly schedules?: BackupScheduleRepository;
  /**
   * Hears about provider calls and zone syncs as they end (the host's metrics). No framework
   * behaviour depends on it.
   * @since 1.1.0
   */
  readonly observer?: BackupManagerObserver;
}

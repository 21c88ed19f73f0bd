import { type ProviderLogger } from '../../contract/provider-context';
import {
  type AccessChecker,
  type Clock,
  type Repositories,
  type TransactionRunner,
} from '../ports';
import { type ProviderLookup } from '../provider-types';
import { type BackupManagerObserver } from './observer';
import { type ProviderCalls } from './provider-calls';
import { type ZoneGate } from './zone-gate';

/** What every operation of the manager works with. */
export interface ManagerContext {
  readonly repositories: Repositories;
  readonly transactions: TransactionRunner;
  readonly providers: ProviderLookup;
  readonly access: AccessChecker;
  readonly clock: Clock;
  readonly logger: ProviderLogger;
  readonly zones: ZoneGate;
  readonly providerCalls: ProviderCalls;
  /** Waits between attempts to record an outcome while the database is away. */
  readonly outcomeRetryDelaysMs: readonly number[];
  readonly observer: BackupManagerObserver;
}

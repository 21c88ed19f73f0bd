import { type ProviderLogger } from '../../contract/provider-context';
import {
  type AccessChecker,
  type Clock,
  type Repositories,
  type TransactionRunner,
} from '../ports';
import { type ProviderLookup } from '../provider-types';

/**
 * What the {@link BackupManager} is built from: the host's ports.
 * @public
 * @since 1.0.0
 */
export interface BackupManagerOptions {
  /** Reads and writes outside a transaction. */
  readonly repositories: Repositories;
  /** Runs the operations that change several rows, with the provider call inside. */
  readonly transactions: TransactionRunner;
  /** Registered providers; a zone's provider is the one its `backup.framework.provider.plugin` names. */
  readonly providers: ProviderLookup;
  readonly access: AccessChecker;
  readonly clock: Clock;
  readonly logger: ProviderLogger;
  /** Protected VMs per `getMetrics` call during sync. Defaults to 500. */
  readonly syncBatchSize?: number;
}

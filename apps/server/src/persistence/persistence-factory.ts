import {
  type AccessChecker,
  type Clock,
  type ConfigurationStore,
  type Repositories,
  type TransactionRunner,
} from '@csbr/framework/host';
import { type DataSource } from 'typeorm';

import { createRepositories } from './create-repositories';
import { DbAccessChecker } from './db-access-checker';
import { SystemClock } from '../clock/system-clock';
import { TypeOrmTransactionRunner } from './typeorm-transaction-runner';

/**
 * Everything the `BackupManager` needs from the database, built from an initialized data source
 * without Nest (scripts, tests). `PersistenceModule` does the same through providers.
 */
export class PersistenceFactory {
  /** Repositories outside any transaction. */
  readonly repositories: Repositories;
  readonly transactions: TransactionRunner;
  readonly accessChecker: AccessChecker;

  constructor(
    dataSource: DataSource,
    config: ConfigurationStore,
    /** This instance's management server id: the owner of the backup operations it begins. */
    managementServerId: string,
    readonly clock: Clock = new SystemClock(),
  ) {
    this.repositories = createRepositories(dataSource.manager, config, clock, managementServerId);
    this.transactions = new TypeOrmTransactionRunner(dataSource, config, clock, managementServerId);
    this.accessChecker = new DbAccessChecker(dataSource.manager);
  }
}

import {
  type Clock,
  type ConfigurationStore,
  type Repositories,
  type TransactionRunner,
} from '@csbr/framework/host';
import { type DataSource } from 'typeorm';

import { createRepositories } from './create-repositories';
import { runInTransaction } from './run-in-transaction';

/**
 * Runs work in one database transaction with repositories bound to it: committed when the work
 * resolves, rolled back when it throws. On the embedded database transactions run one at a time;
 * do not start a transaction from inside another one there, it would wait for itself.
 */
export class TypeOrmTransactionRunner implements TransactionRunner {
  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigurationStore,
    private readonly clock: Clock,
    private readonly managementServerId: string,
  ) {}

  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    return runInTransaction(this.dataSource, (manager) =>
      work(createRepositories(manager, this.config, this.clock, this.managementServerId)),
    );
  }
}

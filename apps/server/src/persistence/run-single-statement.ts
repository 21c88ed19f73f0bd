import { type DataSource, type EntityManager } from 'typeorm';

import { retryDeadlocks, runInTransaction } from './run-in-transaction';

/**
 * Runs `work`, which sends ONE statement, atomically without the two extra round trips of a
 * transaction: on MySQL/MariaDB a single statement in autocommit is its own transaction. The
 * embedded database shares one connection between every transaction, so there the statement still
 * waits its turn in a transaction of its own (outside one it could land in another's and be rolled
 * back with it). A deadlock victim is run again, as transactions are.
 */
export function runSingleStatement<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (dataSource.options.type === 'sqljs') return runInTransaction(dataSource, work);
  // A statement alone can still be a deadlock victim (an insert next to rows a claim locks).
  return retryDeadlocks(() => work(dataSource.manager));
}

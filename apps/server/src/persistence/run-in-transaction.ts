import { type DataSource, type EntityManager } from 'typeorm';

import { isDeadlock } from './database-errors';
import { SerialQueue } from './serial-queue';

/**
 * sql.js has a single connection: two transactions open at once would share it (the second BEGIN
 * becomes a savepoint of the first). Every transaction on an embedded data source therefore waits in
 * that data source's one line, whoever starts it.
 */
const embeddedQueues = new WeakMap<DataSource, SerialQueue>();

function embeddedQueueOf(dataSource: DataSource): SerialQueue | undefined {
  if (dataSource.options.type !== 'sqljs') return undefined;
  let queue = embeddedQueues.get(dataSource);
  if (queue === undefined) {
    queue = new SerialQueue();
    embeddedQueues.set(dataSource, queue);
  }
  return queue;
}

/**
 * Runs `work` in one database transaction: committed when it resolves, rolled back when it throws.
 * On the embedded database transactions run one at a time; do not start a transaction from inside
 * another one there, it would wait for itself.
 */
export function runInTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const queue = embeddedQueueOf(dataSource);
  if (queue !== undefined) return queue.run(() => dataSource.transaction(work));
  return retryDeadlocks(() => dataSource.transaction(work));
}

/** How often a transaction InnoDB picked as a deadlock victim is run again. */
const DEADLOCK_RETRIES = 3;

/**
 * Runs the transaction again when InnoDB rolled it back to break a deadlock: the transactions are
 * short and touch few rows, so a second try almost always goes through, and the rollback left
 * nothing behind.
 */
export async function retryDeadlocks<T>(transaction: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await transaction();
    } catch (error) {
      if (!isDeadlock(error) || attempt >= DEADLOCK_RETRIES) throw error;
    }
  }
}

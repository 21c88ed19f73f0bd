import { type DataSource, type EntityManager } from 'typeorm';

import { SerialQueue } from '../../persistence/serial-queue';

/**
 * sql.js has a single connection, so two transactions open at once would share it. Inventory
 * transactions on the embedded database therefore wait in one line per data source.
 */
const embeddedQueues = new WeakMap<DataSource, SerialQueue>();

/**
 * Runs `work` in one database transaction: committed when it resolves, rolled back when it throws.
 * Do not nest calls: on the embedded database the inner one would wait for the outer one.
 */
export function runInTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const transaction = (): Promise<T> => dataSource.transaction(work);
  if (dataSource.options.type !== 'sqljs') return transaction();
  let queue = embeddedQueues.get(dataSource);
  if (queue === undefined) {
    queue = new SerialQueue();
    embeddedQueues.set(dataSource, queue);
  }
  return queue.run(transaction);
}

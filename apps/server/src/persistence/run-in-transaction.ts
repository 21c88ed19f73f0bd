import { type DataSource, type EntityManager } from 'typeorm';

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
  const transaction = (): Promise<T> => dataSource.transaction(work);
  const queue = embeddedQueueOf(dataSource);
  return queue === undefined ? transaction() : queue.run(transaction);
}

import {
  type Clock,
  type ConfigurationStore,
  type Repositories,
  type TransactionRunner,
} from '@csbr/framework/host';
import { type DataSource } from 'typeorm';

import { createRepositories } from './create-repositories';
import { SerialQueue } from './serial-queue';

/**
 * sql.js has a single connection: two transactions open at once would share it (the second BEGIN
 * becomes a savepoint of the first). Their queue is per data source, so every runner built on the
 * same data source waits in the same line.
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
 * Runs work in one database transaction with repositories bound to it: committed when the work
 * resolves, rolled back when it throws. On the embedded database transactions run one at a time;
 * do not start a transaction from inside another one there, it would wait for itself.
 */
export class TypeOrmTransactionRunner implements TransactionRunner {
  private readonly queue: SerialQueue | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ConfigurationStore,
    private readonly clock: Clock,
  ) {
    this.queue = embeddedQueueOf(dataSource);
  }

  run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    const transaction = (): Promise<T> =>
      this.dataSource.transaction((manager) =>
        work(createRepositories(manager, this.config, this.clock)),
      );
    return this.queue === undefined ? transaction() : this.queue.run(transaction);
  }
}

import { DataSource } from 'typeorm';

import { buildTypeOrmOptions } from '../../../src/database/typeorm-options';
import { createTestDatabase } from '../../support/test-database';
import { QueryCounter } from './query-counter';

/** A migrated MariaDB/MySQL database of the test file's own, with a statement counter. */
export interface PersistenceDatabase {
  readonly dataSource: DataSource;
  readonly queries: QueryCounter;
  close(): Promise<void>;
}

/** Creates `csbr_t_<random>`, runs the project's migrations on it; `close()` drops it. */
export async function openPersistenceDatabase(): Promise<PersistenceDatabase> {
  const database = await createTestDatabase();
  const queries = new QueryCounter();
  const dataSource = new DataSource({
    ...buildTypeOrmOptions({ kind: 'mysql', url: database.url }),
    logger: queries,
  });
  try {
    await dataSource.initialize();
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    dataSource,
    queries,
    close: async () => {
      await dataSource.destroy();
      await database.drop();
    },
  };
}

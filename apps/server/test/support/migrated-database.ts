import { DataSource } from 'typeorm';

import { buildTypeOrmOptions } from '../../src/database/typeorm-options';
import { createTestDatabase } from './test-database';

/** A migrated MariaDB/MySQL database of the test file's own. */
export interface MigratedDatabase {
  readonly dataSource: DataSource;
  /** `DATABASE_URL` of the database, for a server or Nest context started on it. */
  readonly url: string;
  close(): Promise<void>;
}

/**
 * Creates `csbr_t_<random>` and runs the project's migrations on it; `close()` disconnects (unless
 * the test already did) and drops it. Count statements with `countStatements` from
 * `./statement-counter`.
 */
export async function openMigratedDatabase(): Promise<MigratedDatabase> {
  const database = await createTestDatabase();
  const dataSource = new DataSource(buildTypeOrmOptions({ kind: 'mysql', url: database.url }));
  try {
    await dataSource.initialize();
  } catch (error) {
    await database.drop();
    throw error;
  }
  return {
    dataSource,
    url: database.url,
    close: async () => {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.drop();
    },
  };
}

/**
 * The embedded (sql.js) database the quick start uses, migrated and in memory only: nothing to
 * write or clean up beyond `dataSource.destroy()`.
 */
export async function openEmbeddedDatabase(): Promise<DataSource> {
  return new DataSource(buildTypeOrmOptions({ kind: 'embedded', file: undefined })).initialize();
}

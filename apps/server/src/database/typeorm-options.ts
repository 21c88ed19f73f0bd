import { type DataSourceOptions } from 'typeorm';

import { type DatabaseSettings } from '../config/server-config';
import { ALL_ENTITIES } from './entities/all-entities';
import { ALL_MIGRATIONS } from './migrations/all-migrations';

/** Connections in the MySQL pool when `CSBR_DB_POOL_SIZE` is not set. */
const DEFAULT_POOL_SIZE = 10;

/**
 * The one TypeORM options builder, used by Nest, the CLI and tests. Explicit entity and migration
 * lists; the schema only ever changes through migrations, which run at connect time.
 */
export function buildTypeOrmOptions(database: DatabaseSettings): DataSourceOptions {
  const common = {
    entities: ALL_ENTITIES,
    migrations: ALL_MIGRATIONS,
    synchronize: false,
    migrationsRun: true,
    // MySQL cannot roll back DDL: committing each migration on its own records exactly what ran.
    migrationsTransactionMode: 'each',
    logging: false,
  } as const;

  if (database.kind === 'mysql') {
    return {
      ...common,
      type: 'mysql',
      url: database.url,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      supportBigNumbers: true,
      bigNumberStrings: true,
      // An explicit pool: no transaction or connection is held across a provider call, so jobs
      // only borrow a connection for a few short statements at a time.
      poolSize: database.poolSize ?? DEFAULT_POOL_SIZE,
    };
  }
  // sql.js: SQLite compiled to WebAssembly, no native build. Saved to the file after each change.
  if (database.file === undefined) return { ...common, type: 'sqljs' };
  return { ...common, type: 'sqljs', location: database.file, autoSave: true };
}

import { DataSource } from 'typeorm';

import { buildTypeOrmOptions } from '../../src/database/typeorm-options';
import { ALL_MIGRATIONS } from '../../src/database/migrations/all-migrations';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { EXPECTED_FOREIGN_KEYS, EXPECTED_TABLES, EXPECTED_UNIQUE_INDEXES } from './expected-schema';
import { describeConstraintBehaviour } from './schema-fixtures';

/** TypeORM's own bookkeeping table. */
const MIGRATIONS_TABLE = 'migrations';

/** `bigint(20) unsigned` → `bigint unsigned`; `tinyint(1)` keeps its width (see expected-schema). */
function normalizeColumnType(type: string): string {
  return type.replace(/\b(bigint|int|smallint|mediumint|tinyint)\((\d+)\)/g, (whole, name: string, width: string) =>
    name === 'tinyint' && width === '1' ? whole : name,
  );
}

describe('migrations on MariaDB/MySQL', () => {
  let database: TestDatabase;
  let dataSource: DataSource;

  const schemaQuery = (sql: string): Promise<Record<string, string>[]> => dataSource.query(sql, [database.name]);

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(buildTypeOrmOptions({ kind: 'mysql', url: database.url })).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.drop();
  });

  it('creates exactly the CloudStack tables and columns', async () => {
    const rows = await schemaQuery(
      'SELECT TABLE_NAME AS t, COLUMN_NAME AS c, COLUMN_TYPE AS ty, IS_NULLABLE AS n FROM information_schema.COLUMNS ' +
        'WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME, ORDINAL_POSITION',
    );
    const actual: Record<string, [string, string, string][]> = {};
    for (const row of rows) {
      if (row.t === MIGRATIONS_TABLE) continue;
      (actual[row.t!] ??= []).push([row.c!, normalizeColumnType(row.ty!), row.n!]);
    }

    expect(actual).toEqual(EXPECTED_TABLES);
  });

  it('makes every table InnoDB utf8mb4', async () => {
    const tables = await schemaQuery(
      'SELECT TABLE_NAME AS t, ENGINE AS engine, TABLE_COLLATION AS collation FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?',
    );

    for (const table of tables.filter((row) => row.t !== MIGRATIONS_TABLE)) {
      expect({ table: table.t, engine: table.engine, collation: table.collation }).toEqual({
        table: table.t,
        engine: 'InnoDB',
        collation: expect.stringMatching(/^utf8mb4_/),
      });
    }
  });

  it('creates the foreign keys', async () => {
    const rows = await schemaQuery(
      'SELECT r.CONSTRAINT_NAME AS name, r.TABLE_NAME AS t, k.COLUMN_NAME AS c, r.REFERENCED_TABLE_NAME AS ref, ' +
        'r.DELETE_RULE AS rule FROM information_schema.REFERENTIAL_CONSTRAINTS r JOIN information_schema.KEY_COLUMN_USAGE k ' +
        'ON k.CONSTRAINT_SCHEMA = r.CONSTRAINT_SCHEMA AND k.CONSTRAINT_NAME = r.CONSTRAINT_NAME AND k.TABLE_NAME = r.TABLE_NAME ' +
        'WHERE r.CONSTRAINT_SCHEMA = ?',
    );
    const actual = Object.fromEntries(rows.map((row) => [row.name, [row.t, row.c, row.ref, row.rule]]));

    expect(actual).toEqual(EXPECTED_FOREIGN_KEYS);
  });

  it('creates the unique constraints', async () => {
    const rows = await schemaQuery(
      "SELECT INDEX_NAME AS name, TABLE_NAME AS t, GROUP_CONCAT(COLUMN_NAME ORDER BY SEQ_IN_INDEX) AS cols " +
        "FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND NON_UNIQUE = 0 AND INDEX_NAME <> 'PRIMARY' " +
        'GROUP BY TABLE_NAME, INDEX_NAME',
    );
    const actual = Object.fromEntries(rows.map((row) => [row.name, [row.t, row.cols]]));

    expect(actual).toEqual(EXPECTED_UNIQUE_INDEXES);
  });

  it('keys the configuration table by name', async () => {
    const rows = await schemaQuery(
      "SELECT COLUMN_NAME AS c FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = 'configuration' AND INDEX_NAME = 'PRIMARY'",
    );

    expect(rows).toEqual([{ c: 'name' }]);
  });

  describe('constraints', () => {
    describeConstraintBehaviour(() => dataSource);
  });

  it('does nothing when the migrations run again', async () => {
    const before = await schemaQuery(
      'SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY 1, 2',
    );

    const second = await new DataSource(buildTypeOrmOptions({ kind: 'mysql', url: database.url })).initialize();
    const ranAgain = await second.runMigrations();
    await second.destroy();

    expect(ranAgain).toEqual([]);
    expect(await schemaQuery(
      'SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? ORDER BY 1, 2',
    )).toEqual(before);
  });

  it('undoes every migration with down() and can migrate again', async () => {
    for (let undone = 0; undone < ALL_MIGRATIONS.length; undone += 1) await dataSource.undoLastMigration();

    const left = await schemaQuery('SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?');
    expect(left).toEqual([{ t: MIGRATIONS_TABLE }]);

    const ran = await dataSource.runMigrations();
    expect(ran).toHaveLength(ALL_MIGRATIONS.length);
  });
});

describe('migrations on the embedded sql.js database', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await new DataSource(buildTypeOrmOptions({ kind: 'embedded', file: undefined })).initialize();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it('creates the same tables and columns', async () => {
    const actual: Record<string, string[]> = {};
    for (const table of Object.keys(EXPECTED_TABLES)) {
      const columns: { name: string }[] = await dataSource.query(`PRAGMA table_info("${table}")`);
      actual[table] = columns.map((column) => column.name);
    }

    const expected = Object.fromEntries(
      Object.entries(EXPECTED_TABLES).map(([table, columns]) => [
        table,
        // The active marker is MySQL's stand-in for SQLite's partial unique indexes.
        columns.map(([name]) => name).filter((name) => name !== 'active_marker'),
      ]),
    );
    expect(actual).toEqual(expected);
  });

  it('enforces foreign keys', async () => {
    const [pragma] = await dataSource.query<{ foreign_keys: number }[]>('PRAGMA foreign_keys');

    expect(pragma).toEqual({ foreign_keys: 1 });
  });

  describe('constraints', () => {
    describeConstraintBehaviour(() => dataSource);
  });

  it('undoes every migration with down()', async () => {
    for (let undone = 0; undone < ALL_MIGRATIONS.length; undone += 1) await dataSource.undoLastMigration();

    const left: { name: string }[] = await dataSource.query(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
    );
    expect(left).toEqual([{ name: MIGRATIONS_TABLE }]);
  });
});

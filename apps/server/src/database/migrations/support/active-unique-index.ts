import { type QueryRunner, TableIndex } from 'typeorm';

import { isMysqlFamily } from './dialect';

/**
 * Uniqueness among rows that are not soft-deleted (`removed IS NULL`), so a removed row does not
 * block re-importing the same thing.
 *
 * - MySQL/MariaDB have no partial indexes: a stored generated column `active_marker` is 1 for
 *   active rows and NULL for removed ones, and the unique index includes it. NULLs never collide.
 * - SQLite has partial indexes: `UNIQUE ... WHERE removed IS NULL`.
 *
 * The generated column is created with plain SQL because TypeORM's Table API records generated
 * columns in its own `typeorm_metadata` table, which this schema does not have.
 */
export const ACTIVE_MARKER_COLUMN = 'active_marker';

export async function addActiveMarker(queryRunner: QueryRunner, table: string): Promise<void> {
  if (!isMysqlFamily(queryRunner)) return;
  await queryRunner.query(
    `ALTER TABLE \`${table}\` ADD COLUMN \`${ACTIVE_MARKER_COLUMN}\` tinyint AS (IF(\`removed\` IS NULL, 1, NULL)) STORED`,
  );
}

export async function createActiveUniqueIndex(
  queryRunner: QueryRunner,
  table: string,
  name: string,
  columns: readonly string[],
): Promise<void> {
  if (isMysqlFamily(queryRunner)) {
    const list = [...columns, ACTIVE_MARKER_COLUMN].map((column) => `\`${column}\``).join(', ');
    await queryRunner.query(`CREATE UNIQUE INDEX \`${name}\` ON \`${table}\` (${list})`);
    return;
  }
  await queryRunner.createIndex(
    table,
    new TableIndex({ name, columnNames: [...columns], isUnique: true, where: '"removed" IS NULL' }),
  );
}

/**
 * Drops a table that has an active marker. TypeORM's `dropTable` reads the table's definition
 * first, and on MySQL reading a generated column needs `typeorm_metadata`: plain SQL there.
 */
export async function dropTableWithActiveMarker(queryRunner: QueryRunner, table: string): Promise<void> {
  if (isMysqlFamily(queryRunner)) {
    await queryRunner.query(`DROP TABLE \`${table}\``);
    return;
  }
  await queryRunner.dropTable(table);
}

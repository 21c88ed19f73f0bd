import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

import { placeholders } from '../support/sql-dialect';

/**
 * One multi-row INSERT of `rows` (all with the same fields), without TypeORM's query builder: for
 * thousands of rows its per-value expression building costs more than the database does. Values
 * go through each column's transformer and the driver's own conversion (dates for the embedded
 * database, for instance), as the query builder would.
 */
export async function insertMany<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  rows: readonly Partial<E>[],
): Promise<void> {
  const [first] = rows;
  if (first === undefined) return;
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns = Object.keys(first).map((property) => {
    const column = metadata.findColumnWithPropertyName(property);
    if (column === undefined) throw new Error(`${metadata.tableName} has no column for ${property}`);
    return column;
  });
  const parameters: unknown[] = [];
  for (const row of rows) {
    for (const column of columns) {
      let value: unknown = row[column.propertyName as keyof E];
      const transformer = column.transformer;
      if (transformer !== undefined && !Array.isArray(transformer)) value = transformer.to(value);
      parameters.push(driver.preparePersistentValue(value, column));
    }
  }
  const rowPlaceholders = `(${placeholders(columns.length)})`;
  const sql =
    `INSERT INTO ${driver.escape(metadata.tableName)} (${columns.map((column) => driver.escape(column.databaseName)).join(', ')}) ` +
    `VALUES ${rows.map(() => rowPlaceholders).join(', ')}`;
  await manager.query(sql, parameters);
}

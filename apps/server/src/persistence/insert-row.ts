import {
  type EntityManager,
  type EntityTarget,
  type ObjectLiteral,
  type QueryDeepPartialEntity,
} from 'typeorm';

/**
 * Inserts one row and returns its auto-increment id, in one statement. TypeORM's own insert
 * re-selects every column that has a database default on engines without RETURNING; the
 * repositories already know those values, so that round trip is skipped.
 */
export async function insertRow<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  values: QueryDeepPartialEntity<E>,
): Promise<string> {
  const result = await manager
    .createQueryBuilder()
    .insert()
    .into(target)
    .values(values)
    .updateEntity(false)
    .execute();
  const metadata = manager.connection.getMetadata(target);
  const generated: unknown = manager.connection.driver.createGeneratedMap(
    metadata,
    result.raw,
    0,
    1,
  );
  const id = (generated as { id?: unknown } | undefined)?.id;
  if (typeof id !== 'string' && typeof id !== 'number' && typeof id !== 'bigint') {
    throw new Error(`The database did not report the id of the new ${metadata.tableName} row`);
  }
  return String(id);
}

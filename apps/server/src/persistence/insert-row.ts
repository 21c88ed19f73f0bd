import { type EntityManager, type EntityTarget, type ObjectLiteral, type QueryDeepPartialEntity } from 'typeorm';

import { insertValues } from './write-rows';

/**
 * Inserts one row and returns its auto-increment id, in one hand-written statement (values are
 * converted by the driver, as TypeORM's insert converts them). TypeORM's own insert re-selects
 * every column that has a database default on engines without RETURNING, and builds its statement
 * anew each time; the repositories already know those values.
 */
export async function insertRow<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  values: QueryDeepPartialEntity<E>,
): Promise<string> {
  const { insertId } = await insertValues(manager, target, values as Readonly<Partial<Record<keyof E & string, unknown>>>);
  if (insertId === undefined) {
    throw new Error(`The database did not report the id of the new ${manager.connection.getMetadata(target).tableName} row`);
  }
  return insertId;
}

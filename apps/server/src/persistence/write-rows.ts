import { type EntityManager, type EntityTarget, type ObjectLiteral } from 'typeorm';

/** What a hand-written write did: the rows it changed, and the id an auto-increment insert got. */
export interface WriteResult {
  readonly affected: number;
  readonly insertId: string | undefined;
}

/**
 * Runs one hand-written INSERT, UPDATE or DELETE and answers what it did. On MySQL/MariaDB that is
 * the statement's own result; the embedded database reports neither count nor id with its result,
 * so there the count comes from its query runner and the id from `last_insert_rowid()` on the same
 * (single) connection.
 */
export async function runWrite(manager: EntityManager, sql: string, parameters: readonly unknown[]): Promise<WriteResult> {
  if (manager.connection.options.type !== 'sqljs') {
    const header = await manager.query<{ affectedRows?: unknown; insertId?: unknown }>(sql, [...parameters]);
    return { affected: Number(header.affectedRows ?? 0), insertId: generatedId(header.insertId) };
  }
  const runner = manager.queryRunner ?? manager.connection.createQueryRunner();
  try {
    const result = await runner.query(sql, [...parameters], true);
    const rows = (await runner.query('SELECT last_insert_rowid() AS id')) as { id?: unknown }[];
    return { affected: Number(result.affected ?? 0), insertId: generatedId(rows[0]?.id) };
  } finally {
    if (manager.queryRunner === undefined) await runner.release();
  }
}

/** An auto-increment id as text; none for 0 (a statement that generated none). */
function generatedId(value: unknown): string | undefined {
  if (typeof value === 'number' || typeof value === 'bigint') return value === 0 || value === 0n ? undefined : value.toString();
  if (typeof value === 'string') return value === '' || value === '0' ? undefined : value;
  return undefined;
}

/**
 * The columns and parameters of `values` (entity properties) as the driver writes them: each
 * value goes through the column's transformer and the driver's own conversion (dates, booleans),
 * as TypeORM's query builders do. Properties whose value is `undefined` are left out (the column
 * default applies).
 */
export function columnValues<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  values: Readonly<Partial<Record<keyof E & string, unknown>>>,
): { readonly table: string; readonly columns: readonly string[]; readonly parameters: readonly unknown[] } {
  const metadata = manager.connection.getMetadata(target);
  const driver = manager.connection.driver;
  const columns: string[] = [];
  const parameters: unknown[] = [];
  for (const [property, value] of Object.entries(values)) {
    if (value === undefined) continue;
    const column = metadata.findColumnWithPropertyName(property);
    if (column === undefined) throw new Error(`${metadata.tableName} has no column for ${property}`);
    columns.push(`\`${column.databaseName}\``);
    parameters.push(driver.preparePersistentValue(value, column));
  }
  return { table: `\`${metadata.tableName}\``, columns, parameters };
}

/** Inserts one row of `values` in one hand-written statement; answers the auto-increment id, if any. */
export async function insertValues<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  values: Readonly<Partial<Record<keyof E & string, unknown>>>,
): Promise<WriteResult> {
  const { table, columns, parameters } = columnValues(manager, target, values);
  const placeholders = columns.map(() => '?').join(', ');
  return runWrite(manager, `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${placeholders})`, parameters);
}

/**
 * Sets `values` on the rows `where` selects (SQL over the table's column names, `?` placeholders
 * after the values'); answers the affected rows as TypeORM's `update` reports them.
 */
export async function updateValues<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  values: Readonly<Partial<Record<keyof E & string, unknown>>>,
  where: string,
  whereParameters: readonly unknown[],
): Promise<number> {
  const { table, columns, parameters } = columnValues(manager, target, values);
  const set = columns.map((column) => `${column} = ?`).join(', ');
  const result = await runWrite(manager, `UPDATE ${table} SET ${set} WHERE ${where}`, [...parameters, ...whereParameters]);
  return result.affected;
}

import { type EntityManager, type EntityMetadata, type EntityTarget, type ObjectLiteral } from 'typeorm';
import { type ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';

/**
 * An entity's columns for hand-written SQL on the job path, where TypeORM's query building and
 * row mapping cost more CPU than the round trip: the select list is written once per entity and
 * alias, and rows are mapped back exactly as TypeORM maps them (the driver's hydration, so dates,
 * booleans and column transformers come out the same on MySQL and on the embedded database).
 */
export class EntitySql<E extends ObjectLiteral> {
  /** `alias`.`column` AS `alias_column`, …: every selectable column of the entity. */
  readonly select: string;
  /** The entity's table, quoted. */
  readonly table: string;
  readonly #columns: readonly (readonly [string, ColumnMetadata])[];

  private constructor(
    private readonly metadata: EntityMetadata,
    readonly alias: string,
  ) {
    const columns = metadata.columns.filter((column) => !column.isVirtual && column.isSelect);
    const names = new Set<string>();
    // A column that is also a relation's join column is listed once.
    const selected = columns.filter((column) => !names.has(column.databaseName) && names.add(column.databaseName) !== undefined);
    this.#columns = columns.map((column) => [`${alias}_${column.databaseName}`, column] as const);
    this.select = selected
      .map((column) => `\`${alias}\`.\`${column.databaseName}\` AS \`${alias}_${column.databaseName}\``)
      .join(', ');
    this.table = `\`${metadata.tableName}\``;
  }

  /** The (cached) columns of `target` under `alias`. */
  static of<E extends ObjectLiteral>(manager: EntityManager, target: EntityTarget<E>, alias: string): EntitySql<E> {
    const metadata = manager.connection.getMetadata(target);
    let byAlias = cache.get(metadata);
    if (byAlias === undefined) {
      byAlias = new Map();
      cache.set(metadata, byAlias);
    }
    let known = byAlias.get(alias) as EntitySql<E> | undefined;
    if (known === undefined) {
      known = new EntitySql<E>(metadata, alias);
      byAlias.set(alias, known);
    }
    return known;
  }

  /**
   * The first row `where` (SQL over `alias`'s column names, `?` placeholders) selects, or
   * undefined: what `findOneBy` answers, in a statement written once.
   */
  async findOne(manager: EntityManager, where: string, parameters: readonly unknown[]): Promise<E | undefined> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT ${this.select} FROM ${this.table} \`${this.alias}\` WHERE ${where} LIMIT 1`,
      [...parameters],
    );
    return rows[0] === undefined ? undefined : this.entityOf(rows[0]);
  }

  /** The entity of one result row, as TypeORM would have hydrated it. */
  entityOf(row: Readonly<Record<string, unknown>>): E {
    const entity = this.metadata.create(undefined, { fromDeserializer: true }) as E;
    const driver = this.metadata.connection.driver;
    for (const [key, column] of this.#columns) {
      const value = row[key];
      if (value === undefined) continue;
      column.setEntityValue(entity, driver.prepareHydratedValue(value, column));
    }
    return entity;
  }
}

const cache = new WeakMap<EntityMetadata, Map<string, EntitySql<ObjectLiteral>>>();

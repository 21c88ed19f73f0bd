import { type ColumnOptions } from 'typeorm';

import { bigintAsString } from './column-transformers';

/**
 * `id bigint unsigned AUTO_INCREMENT`, read as a string. Used with `@PrimaryColumn` because
 * `@PrimaryGeneratedColumn` takes no transformer.
 */
export const ID_COLUMN: ColumnOptions & { nullable?: false } = {
  name: 'id',
  generated: 'increment',
  type: 'bigint',
  unsigned: true,
  transformer: bigintAsString,
};

/** A `bigint unsigned` reference to another table's id (named explicitly per column). */
export function bigintColumn(name: string, options: { nullable?: boolean } = {}): ColumnOptions {
  return {
    name,
    type: 'bigint',
    unsigned: true,
    nullable: options.nullable ?? false,
    transformer: bigintAsString,
  };
}

/** CloudStack's `uuid varchar(40)`, the id the API shows. */
export function uuidColumn(options: { nullable?: boolean } = {}): ColumnOptions {
  return { name: 'uuid', type: 'varchar', length: 40, nullable: options.nullable ?? false };
}

/** A `datetime` column; dates are stored in UTC. */
export function datetimeColumn(name: string, options: { nullable?: boolean } = {}): ColumnOptions {
  return { name, type: 'datetime', nullable: options.nullable ?? true };
}

/** A `varchar(length)` column. */
export function varcharColumn(
  name: string,
  length: number,
  options: { nullable?: boolean; default?: string } = {},
): ColumnOptions {
  return {
    name,
    type: 'varchar',
    length,
    nullable: options.nullable ?? false,
    ...(options.default === undefined ? {} : { default: options.default }),
  };
}

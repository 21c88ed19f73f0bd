import { type QueryRunner, type TableColumnOptions } from 'typeorm';

import { isMysqlFamily } from './dialect';

/*
 * Column builders shared by the migrations. They describe CloudStack's column types once so each
 * migration reads like CloudStack's DDL. Changing what a builder produces changes the schema of
 * every migration already released: add a new builder instead.
 */

/**
 * `id bigint unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY`. SQLite only auto-increments an
 * `INTEGER PRIMARY KEY` (which is 64-bit there), hence the embedded variant.
 */
export function idColumn(queryRunner: QueryRunner): TableColumnOptions {
  return {
    name: 'id',
    type: isMysqlFamily(queryRunner) ? 'bigint' : 'integer',
    unsigned: true,
    isPrimary: true,
    isGenerated: true,
    generationStrategy: 'increment',
  };
}

interface ColumnFlags {
  readonly nullable?: boolean;
  /** Raw SQL default expression, e.g. `"'enabled'"` or `'0'`. */
  readonly default?: string;
}

/** `bigint unsigned`, NOT NULL unless told. */
export function bigintColumn(name: string, flags: ColumnFlags & { unsigned?: boolean } = {}): TableColumnOptions {
  return {
    name,
    type: 'bigint',
    unsigned: flags.unsigned ?? true,
    isNullable: flags.nullable ?? false,
    default: flags.default,
  };
}

/** `varchar(length)`, NOT NULL unless told. */
export function varcharColumn(name: string, length: number, flags: ColumnFlags = {}): TableColumnOptions {
  return { name, type: 'varchar', length: String(length), isNullable: flags.nullable ?? false, default: flags.default };
}

/** CloudStack's `uuid varchar(40)`. Uniqueness is added as a named constraint by the caller. */
export function uuidColumn(flags: { nullable?: boolean } = {}): TableColumnOptions {
  return varcharColumn('uuid', 40, { nullable: flags.nullable ?? true });
}

/** `int` (MySQL shows the display width `int(11)`; it carries no meaning). */
export function intColumn(name: string, flags: ColumnFlags & { unsigned?: boolean } = {}): TableColumnOptions {
  return {
    name,
    type: 'int',
    unsigned: flags.unsigned ?? false,
    isNullable: flags.nullable ?? false,
    default: flags.default,
  };
}

/** `tinyint(1)`, CloudStack's boolean. */
export function flagColumn(name: string, defaultValue: 0 | 1, flags: { unsigned?: boolean } = {}): TableColumnOptions {
  return {
    name,
    type: 'tinyint',
    width: 1,
    unsigned: flags.unsigned ?? false,
    isNullable: false,
    default: String(defaultValue),
  };
}

/** `datetime`, NULL unless told. Values are UTC. */
export function datetimeColumn(name: string, flags: { nullable?: boolean } = {}): TableColumnOptions {
  return { name, type: 'datetime', isNullable: flags.nullable ?? true };
}

/** `text NULL`. */
export function textColumn(name: string): TableColumnOptions {
  return { name, type: 'text', isNullable: true };
}

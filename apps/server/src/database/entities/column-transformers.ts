import { type ValueTransformer } from 'typeorm';

/**
 * MySQL `bigint` values arrive as strings (mysql2 `bigNumberStrings`); sql.js hands back numbers.
 * Ids are strings everywhere in csbr, so every bigint column goes through this transformer and
 * both engines give the same shape.
 */
export const bigintAsString: ValueTransformer = {
  from: (value: string | number | bigint | null | undefined): string | null | undefined =>
    value === null || value === undefined ? value : String(value),
  to: (value: unknown): unknown => value,
};

/** `tinyint(1)` flags as booleans on both engines (MySQL returns 0/1, sql.js returns numbers). */
export const tinyintAsBoolean: ValueTransformer = {
  from: (value: unknown): boolean | null | undefined =>
    value === null || value === undefined ? value : Number(value) === 1,
  to: (value: unknown): unknown => {
    if (value === null || value === undefined || typeof value !== 'boolean') return value;
    return value ? 1 : 0;
  },
};

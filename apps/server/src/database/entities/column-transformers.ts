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

/** CloudStack's `ConfigKey.Scope` bits (4.20+), in CloudStack's order. */
const CONFIG_SCOPE_BITS: readonly (readonly [name: string, bit: number])[] = [
  ['Global', 1],
  ['Zone', 2],
  ['Cluster', 4],
  ['StoragePool', 8],
  ['ManagementServer', 16],
  ['ImageStore', 32],
  ['Domain', 64],
  ['Account', 128],
];

/**
 * `configuration.scope`: CloudStack 4.22 stores a bitmask of `ConfigKey.Scope` values (0 for none);
 * csbr reads and writes the scope's name (`Global`, `Zone`). A key of several scopes reads as its
 * zone scope when it has one (csbr's only scope with per-zone values), else its first.
 */
export const configScopeAsName: ValueTransformer = {
  from: (value: string | number | null | undefined): string | null => {
    const bits = Number(value ?? 0);
    if ((bits & 2) !== 0) return 'Zone';
    return CONFIG_SCOPE_BITS.find(([, bit]) => (bits & bit) !== 0)?.[0] ?? null;
  },
  to: (value: unknown): unknown => {
    if (value === undefined) return value;
    if (typeof value !== 'string') return 0;
    return CONFIG_SCOPE_BITS.find(([name]) => name === value)?.[1] ?? 0;
  },
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

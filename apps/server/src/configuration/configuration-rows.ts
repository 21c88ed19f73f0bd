import { type DataSource } from 'typeorm';

import { configScopeAsName } from '../database/entities/column-transformers';
import { type GlobalRow, type StoredValue, type ZoneConfiguration } from './configuration-snapshot';

type RawRow = { value: string | null; default_value: string | null; scope: unknown };

/**
 * One key's `configuration` row and, with `zoneId`, its zone value, in one round trip (outside a
 * configuration snapshot, or for a key without a `configuration` row).
 */
export async function readStoredValue(dataSource: DataSource, name: string, zoneId: string | undefined): Promise<StoredValue> {
  if (zoneId === undefined) {
    const rows: RawRow[] = await dataSource.query('SELECT value, default_value, scope FROM configuration WHERE name = ?', [name]);
    return { row: rows[0] === undefined ? null : globalRowOf(rows[0]), zoneValue: null };
  }
  const rows: (RawRow & { has_row: number | string | null; zone_value: string | null })[] = await dataSource.query(
    'SELECT c.name AS has_row, c.value, c.default_value, c.scope, ' +
      '(SELECT d.value FROM data_center_details d WHERE d.dc_id = ? AND d.name = ?) AS zone_value ' +
      'FROM (SELECT 1 AS one) k LEFT JOIN configuration c ON c.name = ?',
    [zoneId, name, name],
  );
  const found = rows[0];
  if (found === undefined) return { row: null, zoneValue: null };
  return { row: found.has_row === null ? null : globalRowOf(found), zoneValue: found.zone_value ?? null };
}

/** Every `configuration` row: the global configuration of a snapshot, in one statement. */
export async function readGlobalConfiguration(dataSource: DataSource): Promise<ZoneConfiguration> {
  const rows: (RawRow & { name: string })[] = await dataSource.query('SELECT name, value, default_value, scope FROM configuration');
  return { values: new Map(rows.map((row) => [row.name, { row: globalRowOf(row), zoneValue: null }])), zone: undefined };
}

/**
 * Every `configuration` row with the zone's value of the same name, and the zone's own row on
 * each: a snapshot's configuration of one zone, in one statement.
 */
export async function readZoneConfiguration(dataSource: DataSource, zoneId: string): Promise<ZoneConfiguration> {
  const rows: (RawRow & { name: string; zone_value: string | null; dc_id: string | number | null; dc_uuid: string | null; dc_name: string | null })[] =
    await dataSource.query(
      'SELECT c.name, c.value, c.default_value, c.scope, d.value AS zone_value, ' +
        'dc.id AS dc_id, dc.uuid AS dc_uuid, dc.name AS dc_name FROM configuration c ' +
        'LEFT JOIN data_center_details d ON d.dc_id = ? AND d.name = c.name ' +
        'LEFT JOIN data_center dc ON dc.id = ?',
      [zoneId, zoneId],
    );
  const first = rows[0];
  // Without a configuration row the statement says nothing about the zone: it is read on its own.
  const zone =
    first === undefined
      ? undefined
      : first.dc_id === null
        ? null
        : { id: String(first.dc_id), uuid: first.dc_uuid, name: first.dc_name };
  return { values: new Map(rows.map((row) => [row.name, { row: globalRowOf(row), zoneValue: row.zone_value }])), zone };
}

/** A raw `configuration` row as {@link GlobalRow}: `scope` from CloudStack's bitmask to its name. */
function globalRowOf(raw: RawRow): GlobalRow {
  return { value: raw.value, default_value: raw.default_value, scope: configScopeAsName.from(raw.scope) as string | null };
}

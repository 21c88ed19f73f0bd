import { DataSource } from 'typeorm';

import { buildTypeOrmOptions } from '../../src/database/typeorm-options';
import { createTestDatabase, type TestDatabase } from '../support/test-database';

/** The first migration that aligns the shared tables with CloudStack 4.22; the test undoes it and every later one. */
const FIRST_ALIGNING_MIGRATION = 'AlignSharedTablesWithCloudStack4221764116300001';

/**
 * A database written before the alignment, upgraded in place: rows in the old shape get
 * CloudStack's NOT NULL columns filled and the configuration scope as CloudStack's bitmask.
 */
function describeUpgradeInPlace(open: () => Promise<DataSource>): void {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await open();
    for (;;) {
      const [last] = await dataSource.query<{ name: string }[]>('SELECT name FROM migrations ORDER BY id DESC LIMIT 1');
      if (last === undefined) throw new Error(`${FIRST_ALIGNING_MIGRATION} was never applied`);
      await dataSource.undoLastMigration();
      if (last.name === FIRST_ALIGNING_MIGRATION) break;
    }
    // Rows as csbr wrote them before: no guest OS, VNC password, VM type, disk offering or backup
    // name, no service offering, scopes by name.
    await dataSource.query("INSERT INTO domain (id, name, uuid, owner, path) VALUES (201, 'ROOT-U', 'd-201', 0, '/u/')");
    await dataSource.query("INSERT INTO account (id, account_name, uuid, type, domain_id) VALUES (201, 'acc', 'a-201', 0, 201)");
    await dataSource.query(
      "INSERT INTO data_center (id, name, uuid, dns1, internal_dns1) VALUES (201, 'zone', 'z-201', '8.8.8.8', '10.0.0.1')",
    );
    await dataSource.query(
      'INSERT INTO vm_instance (id, name, uuid, instance_name, state, data_center_id, account_id, domain_id, type, created) ' +
        "VALUES (201, 'web-1', 'v-201', 'i-201-201-VM', 'Stopped', 201, 201, 201, 'User', '2026-03-04 10:00:00')",
    );
    await dataSource.query(
      'INSERT INTO volumes (id, uuid, name, account_id, domain_id, instance_id, device_id, data_center_id, volume_type, size, created) ' +
        "VALUES (201, 'vol-201', 'ROOT-201', 201, 201, 201, 0, 201, 'ROOT', 1024, '2026-03-04 10:00:00')",
    );
    await dataSource.query("INSERT INTO backup_policy (id, uuid, name, description, external_id, zone_id) VALUES (201, 'p-201', 'gold', '', 'gold', 201)");
    await dataSource.query(
      'INSERT INTO backups (id, uuid, vm_id, external_id, type, date, status, policy_id, account_id, domain_id, zone_id, volumes) ' +
        "VALUES (201, 'b-201', 201, 'rp-201', 'FULL', '2026-03-04 10:23:45', 'BackedUp', 201, 201, 201, 201, '[]')",
    );
    await dataSource.query('DELETE FROM configuration');
    await dataSource.query(
      "INSERT INTO configuration (category, instance, component, name, value, scope) VALUES " +
        "('Advanced', 'DEFAULT', 'BackupService', 'zone.key', 'a', 'Zone'), " +
        "('Advanced', 'DEFAULT', 'BackupService', 'global.key', 'b', 'Global'), " +
        "('Advanced', 'DEFAULT', 'BackupService', 'unscoped.key', 'c', NULL)",
    );

    await dataSource.runMigrations();
  });

  afterAll(async () => {
    await dataSource?.destroy();
  });

  it("fills a VM's CloudStack columns: guest OS 103, no VNC password, its type, the first service offering", async () => {
    const [vm] = await dataSource.query<Record<string, unknown>[]>(
      'SELECT guest_os_id, vnc_password, vm_type, service_offering_id FROM vm_instance WHERE id = 201',
    );

    expect(vm && Object.fromEntries(Object.entries(vm).map(([key, value]) => [key, String(value)]))).toEqual({
      guest_os_id: '103',
      vnc_password: '',
      vm_type: 'User',
      service_offering_id: '1',
    });
  });

  it("fills a volume's disk offering with the first one", async () => {
    const [volume] = await dataSource.query<{ disk_offering_id: unknown }[]>('SELECT disk_offering_id FROM volumes WHERE id = 201');

    expect(String(volume?.disk_offering_id)).toBe('1');
  });

  it("names a backup as CloudStack names one nobody named: <vm host name>-<yyyy-MM-dd'T'HH:mmX>", async () => {
    const [backup] = await dataSource.query<{ name: string }[]>('SELECT name FROM backups WHERE id = 201');

    expect(backup?.name).toBe('web-1-2026-03-04T10:23Z');
  });

  it("keeps a backup's policy and volumes under CloudStack's names, backup_offering_id and backed_volumes", async () => {
    const [backup] = await dataSource.query<{ backup_offering_id: unknown; backed_volumes: string }[]>(
      'SELECT backup_offering_id, backed_volumes FROM backups WHERE id = 201',
    );

    expect({ ...backup, backup_offering_id: String(backup?.backup_offering_id) }).toEqual({ backup_offering_id: '201', backed_volumes: '[]' });
  });

  it("leaves an existing backup without description, interval type or schedule, and stores a new backup's", async () => {
    const [before] = await dataSource.query<Record<string, unknown>[]>(
      'SELECT description, backup_interval_type, backup_schedule_id FROM backups WHERE id = 201',
    );
    await dataSource.query(
      'INSERT INTO backups (id, uuid, vm_id, external_id, type, date, status, backup_offering_id, account_id, domain_id, zone_id, ' +
        "name, description, backup_interval_type) VALUES (202, 'b-202', 201, 'rp-202', 'FULL', '2026-03-05 10:00:00', 'BackedUp', " +
        `201, 201, 201, 201, 'nightly', '${'d'.repeat(1024)}', 4)`,
    );
    const [after] = await dataSource.query<{ description: string; backup_interval_type: unknown }[]>(
      'SELECT description, backup_interval_type FROM backups WHERE id = 202',
    );

    expect(before).toEqual({ description: null, backup_interval_type: null, backup_schedule_id: null });
    expect({ length: after?.description.length, type: String(after?.backup_interval_type) }).toEqual({ length: 1024, type: '4' });
  });

  it('stores configuration scopes as CloudStack 4.22 does: Global 1, Zone 2, none 0', async () => {
    const rows = await dataSource.query<{ name: string; scope: unknown }[]>('SELECT name, scope FROM configuration ORDER BY name');

    expect(rows.map((row) => [row.name, String(row.scope)])).toEqual([
      ['global.key', '1'],
      ['unscoped.key', '0'],
      ['zone.key', '2'],
    ]);
  });
}

describe('upgrading a MariaDB/MySQL database to CloudStack 4.22 tables', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database.drop();
  });

  describeUpgradeInPlace(() => new DataSource(buildTypeOrmOptions({ kind: 'mysql', url: database.url })).initialize());

  it("refuses a VM written without CloudStack's NOT NULL columns, as CloudStack's table does", async () => {
    const dataSource = await new DataSource(buildTypeOrmOptions({ kind: 'mysql', url: database.url })).initialize();
    try {
      await expect(
        dataSource.query(
          'INSERT INTO vm_instance (name, uuid, instance_name, state, data_center_id, account_id, domain_id, service_offering_id, created) ' +
            "VALUES ('bare', 'v-bare', 'i-bare', 'Stopped', 201, 201, 201, 1, NOW())",
        ),
      ).rejects.toThrow(/guest_os_id/);
    } finally {
      await dataSource.destroy();
    }
  });
});

describe('upgrading an embedded sql.js database to CloudStack 4.22 tables', () => {
  describeUpgradeInPlace(() => new DataSource(buildTypeOrmOptions({ kind: 'embedded', file: undefined })).initialize());
});

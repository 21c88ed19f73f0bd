import { type DataSource } from 'typeorm';

/**
 * Minimal rows for constraint tests, in plain SQL that runs on MySQL and SQLite alike. Returns
 * the ids it created.
 */
export async function insertOwnerAndZone(dataSource: DataSource): Promise<{ zoneId: number; vmId: number }> {
  await dataSource.query(
    "INSERT INTO domain (id, name, uuid, owner, path) VALUES (101, 'ROOT-T', 'd-101', 0, '/t/')",
  );
  await dataSource.query(
    "INSERT INTO account (id, account_name, uuid, type, domain_id) VALUES (101, 'acc', 'a-101', 0, 101)",
  );
  await dataSource.query(
    "INSERT INTO data_center (id, name, uuid, dns1, internal_dns1) VALUES (101, 'zone', 'z-101', '8.8.8.8', '10.0.0.1')",
  );
  await dataSource.query(
    'INSERT INTO vm_instance (id, name, uuid, instance_name, state, data_center_id, account_id, domain_id, created, ' +
      'service_offering_id, guest_os_id, vnc_password, vm_type) ' +
      "VALUES (101, 'vm', 'v-101', 'i-101-VM', 'Running', 101, 101, 101, '2026-01-01 00:00:00', 1, 103, '', 'User')",
  );
  return { zoneId: 101, vmId: 101 };
}

export async function insertPolicy(
  dataSource: DataSource,
  row: { id: number; zoneId: number; name: string; externalId: string; removed?: string },
): Promise<void> {
  await dataSource.query(
    'INSERT INTO backup_policy (id, uuid, name, description, external_id, zone_id, created, removed) ' +
      "VALUES (?, ?, ?, 'test policy', ?, ?, '2026-01-01 00:00:00', ?)",
    [row.id, `p-${row.id}`, row.name, row.externalId, row.zoneId, row.removed ?? null],
  );
}

export async function removePolicy(dataSource: DataSource, id: number): Promise<void> {
  await dataSource.query("UPDATE backup_policy SET removed = '2026-01-02 00:00:00' WHERE id = ?", [id]);
}

export async function insertMapping(dataSource: DataSource, row: { id: number; policyId: number; vmId: number; zoneId: number }): Promise<void> {
  await dataSource.query('INSERT INTO backup_policy_vm_map (id, policy_id, vm_id, zone_id) VALUES (?, ?, ?, ?)', [
    row.id,
    row.policyId,
    row.vmId,
    row.zoneId,
  ]);
}

export async function insertBackup(
  dataSource: DataSource,
  row: { id: number; vmId: number; externalId: string; removed?: string },
): Promise<void> {
  await dataSource.query(
    'INSERT INTO backups (id, uuid, name, vm_id, external_id, type, date, status, backup_offering_id, account_id, domain_id, zone_id, removed) ' +
      "VALUES (?, ?, ?, ?, ?, 'FULL', '2026-01-01 00:00:00', 'BackedUp', 1, 101, 101, 101, ?)",
    [row.id, `b-${row.id}`, `vm-backup-${row.id}`, row.vmId, row.externalId, row.removed ?? null],
  );
}

/**
 * The database's own constraints, checked the same way on both engines: active duplicates are
 * refused, removed rows do not count, one policy per VM.
 */
export function describeConstraintBehaviour(getDataSource: () => DataSource): void {
  let zoneId: number;
  let vmId: number;

  beforeAll(async () => {
    ({ zoneId, vmId } = await insertOwnerAndZone(getDataSource()));
  });

  it('refuses a second active policy with the same external id or name in a zone', async () => {
    const dataSource = getDataSource();
    await insertPolicy(dataSource, { id: 1, zoneId, name: 'Gold', externalId: 'ext-1' });

    await expect(insertPolicy(dataSource, { id: 2, zoneId, name: 'Other', externalId: 'ext-1' })).rejects.toThrow();
    await expect(insertPolicy(dataSource, { id: 3, zoneId, name: 'Gold', externalId: 'ext-2' })).rejects.toThrow();
  });

  it('lets a removed policy be imported again, any number of times', async () => {
    const dataSource = getDataSource();
    await insertPolicy(dataSource, { id: 10, zoneId, name: 'Silver', externalId: 'ext-10' });
    await removePolicy(dataSource, 10);
    await insertPolicy(dataSource, { id: 11, zoneId, name: 'Silver', externalId: 'ext-10' });
    await removePolicy(dataSource, 11);

    await expect(insertPolicy(dataSource, { id: 12, zoneId, name: 'Silver', externalId: 'ext-10' })).resolves.toBeUndefined();
  });

  it('maps a VM to one policy at most', async () => {
    const dataSource = getDataSource();
    await insertMapping(dataSource, { id: 1, policyId: 1, vmId, zoneId });

    await expect(insertMapping(dataSource, { id: 2, policyId: 12, vmId, zoneId })).rejects.toThrow();
  });

  it('refuses a mapping to a VM that does not exist', async () => {
    await expect(insertMapping(getDataSource(), { id: 3, policyId: 1, vmId: 999, zoneId })).rejects.toThrow();
  });

  it('records a restore point of a VM once among active backups', async () => {
    const dataSource = getDataSource();
    await insertBackup(dataSource, { id: 1, vmId, externalId: 'rp-1', removed: '2026-01-02 00:00:00' });
    await insertBackup(dataSource, { id: 2, vmId, externalId: 'rp-1' });

    await expect(insertBackup(dataSource, { id: 3, vmId, externalId: 'rp-1' })).rejects.toThrow();
  });
}

import { type Connection } from 'mysql2/promise';

/** What the bench seeds, by number. */
export interface SeedSize {
  /** Protected VMs of the list zone; the sync runs over them. */
  readonly vms: number;
  /** Backups spread evenly over those VMs. */
  readonly backups: number;
  /** Extra policies in the list zone, for `listBackupPolicies`. */
  readonly extraPolicies: number;
  /** Unassigned VMs of the jobs zone, for `assignBackupPolicy`. */
  readonly unassignedVms: number;
}

const CHUNK = 5000;

async function idOf(db: Connection, sql: string, params: unknown[]): Promise<number> {
  const [[row]] = (await db.query(sql, params)) as [{ id: number }[], unknown];
  if (row === undefined) throw new Error(`nothing for ${sql} ${JSON.stringify(params)}`);
  return Number(row.id);
}

async function insertChunked(db: Connection, head: string, rows: readonly unknown[][], placeholders: string): Promise<void> {
  for (let start = 0; start < rows.length; start += CHUNK) {
    const chunk = rows.slice(start, start + CHUNK);
    await db.query(`${head} VALUES ${chunk.map(() => placeholders).join(', ')}`, chunk.flat());
  }
}

const uuidOf = (kind: number, n: number) => `be0c${String(kind).padStart(4, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;

/**
 * Seeds in bulk what CloudStack would hold after the VMs were assigned and backed up: `vms`
 * protected VMs in the list zone with `backups` backups, `extraPolicies` more policies there, and
 * `unassignedVms` VMs of the jobs zone. Answers the uuids the job benchmarks use.
 */
export async function seedBenchData(
  db: Connection,
  size: SeedSize,
  zones: { readonly list: string; readonly jobs: string },
  policyUuid: string,
): Promise<{ assignedVmUuids: string[]; unassignedVmUuids: string[] }> {
  const listZone = await idOf(db, 'SELECT id FROM data_center WHERE uuid = ?', [zones.list]);
  const jobsZone = await idOf(db, 'SELECT id FROM data_center WHERE uuid = ?', [zones.jobs]);
  const policy = await idOf(db, 'SELECT id FROM backup_policy WHERE uuid = ?', [policyUuid]);
  const [[account]] = (await db.query("SELECT id, domain_id FROM account WHERE account_name = 'admin'")) as [
    { id: number; domain_id: number }[],
    unknown,
  ];
  if (account === undefined) throw new Error('no admin account');
  const vmRow = (n: number, zone: number, kind: number) => [
    `bench-${kind}-${n}`, uuidOf(kind, n), `i-2-${kind}${n}-VM`, 'Running', zone, account.id, account.domain_id, 'Simulator', 'User', '[]',
  ];
  const vmHead =
    'INSERT INTO vm_instance (name, uuid, instance_name, state, data_center_id, account_id, domain_id, hypervisor_type, type, backup_volumes, ' +
    'vm_type, guest_os_id, vnc_password, service_offering_id, created)';
  // CloudStack 4.22's NOT NULL columns, with the values csbr writes (CLOUDSTACK_ROW_DEFAULTS).
  const vmPlaceholders = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'User', 103, '', 1, NOW())";
  const listed = Array.from({ length: size.vms }, (_, index) => vmRow(index + 1, listZone, 1));
  await insertChunked(db, vmHead, listed, vmPlaceholders);
  await db.query(
    "UPDATE vm_instance SET backup_external_id = 'dummy-external-backup-id' WHERE data_center_id = ?",
    [listZone],
  );
  await db.query(
    'INSERT INTO backup_policy_vm_map (policy_id, vm_id, zone_id, created) SELECT ?, id, data_center_id, NOW() FROM vm_instance WHERE data_center_id = ?',
    [policy, listZone],
  );
  const unassigned = Array.from({ length: size.unassignedVms }, (_, index) => vmRow(index + 1, jobsZone, 2));
  await insertChunked(db, vmHead, unassigned, vmPlaceholders);

  const [vmIds] = (await db.query('SELECT id FROM vm_instance WHERE data_center_id = ? ORDER BY id', [listZone])) as [
    { id: number }[],
    unknown,
  ];
  const backups: unknown[][] = [];
  for (let n = 0; n < size.backups; n += 1) {
    const vm = vmIds[n % vmIds.length]!.id;
    backups.push([uuidOf(3, n + 1), `bench-backup-${n + 1}`, vm, `rp-${n + 1}`, 'FULL', new Date(Date.UTC(2026, 0, 1) + n * 60_000), 1024 * (n + 1), 2048 * (n + 1), 'BackedUp', policy, account.id, account.domain_id, listZone, '[]']);
  }
  await insertChunked(
    db,
    'INSERT INTO backups (uuid, name, vm_id, external_id, type, date, size, protected_size, status, backup_offering_id, account_id, domain_id, zone_id, backed_volumes)',
    backups,
    '(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const policies = Array.from({ length: size.extraPolicies }, (_, index) => [
    uuidOf(4, index + 1), `Policy ${index + 1}`, `Bench policy ${index + 1}`, `bench-policy-${index + 1}`, listZone,
  ]);
  await insertChunked(db, 'INSERT INTO backup_policy (uuid, name, description, external_id, zone_id, created)', policies, '(?, ?, ?, ?, ?, NOW())');
  return {
    assignedVmUuids: Array.from({ length: size.vms }, (_, index) => uuidOf(1, index + 1)),
    unassignedVmUuids: Array.from({ length: size.unassignedVms }, (_, index) => uuidOf(2, index + 1)),
  };
}

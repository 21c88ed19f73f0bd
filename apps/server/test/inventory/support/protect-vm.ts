import { randomUUID } from 'node:crypto';

import { type InventoryEnv } from './inventory-env';

/**
 * Puts a VM under a backup policy the way `assignBackupPolicy` leaves it (a `backup_policy` row and
 * a `backup_policy_vm_map` row), without going through a provider. Returns the policy's uuid.
 */
export async function protectVm(env: InventoryEnv, vmUuid: string, policyName: string): Promise<string> {
  const [vm] = await env.query<{ id: string; data_center_id: string }>('SELECT id, data_center_id FROM vm_instance WHERE uuid = ?', [vmUuid]);
  if (vm === undefined) throw new Error(`no VM ${vmUuid}`);
  const policyUuid = randomUUID();
  await env.query(
    'INSERT INTO backup_policy (uuid, name, description, external_id, zone_id, created) VALUES (?, ?, ?, ?, ?, NOW())',
    [policyUuid, policyName, `${policyName} policy`, `ext-${policyName}`, vm.data_center_id],
  );
  const [policy] = await env.query<{ id: string }>('SELECT id FROM backup_policy WHERE uuid = ?', [policyUuid]);
  await env.query('INSERT INTO backup_policy_vm_map (policy_id, vm_id, zone_id, created) VALUES (?, ?, ?, NOW())', [
    policy?.id,
    vm.id,
    vm.data_center_id,
  ]);
  return policyUuid;
}

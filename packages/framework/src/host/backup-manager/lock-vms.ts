import { type VmRepository } from '../ports';
import { compareIds } from './compare-ids';

/**
 * Takes the backup-operation lock of each VM once, in id order, so two operations that both need
 * the same pair of VMs cannot deadlock.
 */
export async function lockVms(vms: VmRepository, vmIds: readonly string[]): Promise<void> {
  const ordered = [...new Set(vmIds)].sort(compareIds);
  for (const vmId of ordered) {
    await vms.lockForBackupOperation(vmId);
  }
}

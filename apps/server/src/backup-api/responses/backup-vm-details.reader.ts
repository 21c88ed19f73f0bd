import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { BackupEntity, VmInstanceEntity } from '../../database/entities';

/** `vmdetails` of one backup: CloudStack's `Map<String, String>`, a JSON object of strings. */
export type BackupVmDetails = Readonly<Record<string, string>>;

/**
 * The `vmdetails` of `listBackups listvmdetails=true` (CloudStack 4.21+, `BackupDaoImpl.newBackupResponse`):
 * the details recorded with the backup, then `hypervisor` read from the backup's VM, removed VMs
 * included. CloudStack also adds `templateid`/`isiso` from the VM's template; csbr's inventory has
 * no templates, so they are left out rather than made up.
 */
@Injectable()
export class BackupVmDetailsReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Details by backup id (internal), for the backups of one listed page. */
  async detailsOf(backupIds: readonly string[]): Promise<ReadonlyMap<string, BackupVmDetails>> {
    const details = new Map<string, Record<string, string>>();
    if (backupIds.length === 0) return details;
    const rows = await this.dataSource.manager
      .createQueryBuilder()
      .select('backup.id', 'id')
      .addSelect('vm.hypervisorType', 'hypervisor')
      .from(BackupEntity, 'backup')
      .innerJoin(VmInstanceEntity, 'vm', 'vm.id = backup.vmId')
      .where('backup.id IN (:...ids)', { ids: [...backupIds] })
      .getRawMany<{ id: unknown; hypervisor: unknown }>();
    for (const row of rows) {
      const entry: Record<string, string> = {};
      if (typeof row.hypervisor === 'string' && row.hypervisor !== '') entry.hypervisor = row.hypervisor;
      details.set(String(row.id), entry);
    }
    return details;
  }
}

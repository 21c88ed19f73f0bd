import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { BackupDetailEntity, BackupEntity, VmInstanceEntity } from '../../database/entities';

/** `vmdetails` of one backup: CloudStack's `Map<String, String>`, a JSON object of strings. */
export type BackupVmDetails = Readonly<Record<string, string>>;

/**
 * The `vmdetails` of `listBackups listvmdetails=true`, built as CloudStack 4.21+ builds them
 * (`BackupDaoImpl.newBackupResponse`): the backup's displayed `backup_details` rows (the VM details
 * recorded when it was taken), then `hypervisor` read from the backup's VM, removed VMs included.
 * CloudStack also adds `templateid`/`isiso` from the VM's template; csbr's inventory has no
 * templates, so they are left out rather than made up.
 */
@Injectable()
export class BackupVmDetailsReader {
  constructor(private readonly dataSource: DataSource) {}

  /** Details by backup id (internal), for the backups of one listed page: two queries per page. */
  async detailsOf(backupIds: readonly string[]): Promise<ReadonlyMap<string, BackupVmDetails>> {
    const details = new Map<string, Record<string, string>>();
    if (backupIds.length === 0) return details;
    const ids = [...backupIds];
    for (const id of ids) details.set(id, {});
    const recorded = await this.dataSource.manager
      .createQueryBuilder(BackupDetailEntity, 'detail')
      .where('detail.backupId IN (:...ids)', { ids })
      .andWhere('detail.display = 1')
      .orderBy('detail.id', 'ASC')
      .getMany();
    for (const detail of recorded) {
      const entry = details.get(String(detail.backupId));
      if (entry !== undefined) entry[detail.name] = detail.value;
    }
    const vms = await this.dataSource.manager
      .createQueryBuilder()
      .select('backup.id', 'id')
      .addSelect('vm.hypervisorType', 'hypervisor')
      .from(BackupEntity, 'backup')
      .innerJoin(VmInstanceEntity, 'vm', 'vm.id = backup.vmId')
      .where('backup.id IN (:...ids)', { ids })
      .getRawMany<{ id: unknown; hypervisor: unknown }>();
    for (const row of vms) {
      const entry = details.get(String(row.id));
      if (entry !== undefined && typeof row.hypervisor === 'string' && row.hypervisor !== '') entry.hypervisor = row.hypervisor;
    }
    return details;
  }
}

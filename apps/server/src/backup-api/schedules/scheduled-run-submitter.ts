import { type BackupSchedule } from '@csbr/framework/host';
import { type DataSource, IsNull } from 'typeorm';

import { type ApiUserStore } from '../../api/ports/api-user-store';
import { type AsyncJobService } from '../../api/ports/async-job-service';
import { UserEntity, VmInstanceEntity } from '../../database/entities';
import { adminCommandClass } from '../commands/backup-command-constants';
import { type ScheduledRunSubmitter } from './backup-scheduler';
import { RUN_BACKUP_SCHEDULE } from './schedule-command-constants';

/**
 * Submits a scheduled run as a `runBackupSchedule` job owned by the VM's owner (CloudStack's
 * scheduled `createBackup` job runs for the VM's account), so the owner sees its events and, when it
 * fails, the failed job on the VM (`jobinstancetype=VirtualMachine`).
 */
export class DbScheduledRunSubmitter implements ScheduledRunSubmitter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly users: ApiUserStore,
    private readonly jobs: AsyncJobService,
  ) {}

  async submit(schedule: BackupSchedule): Promise<string | undefined> {
    const vm = await this.dataSource.manager.findOneBy(VmInstanceEntity, { id: schedule.vmId });
    if (vm === null || vm.uuid === null) return undefined;
    const owner = await this.dataSource.manager.findOne(UserEntity, {
      where: { accountId: vm.accountId, removed: IsNull() },
      order: { id: 'ASC' },
    });
    if (owner === null) return undefined;
    const caller = await this.users.findCaller(owner.id);
    if (caller === undefined) return undefined;
    const params = { id: schedule.uuid, virtualmachineid: vm.uuid };
    const { jobId } = await this.jobs.submit({
      command: RUN_BACKUP_SCHEDULE,
      cmd: adminCommandClass('RunBackupScheduleCmd'),
      params,
      caller,
      instanceType: 'VirtualMachine',
      instanceUuid: vm.uuid,
    });
    return jobId;
  }
}

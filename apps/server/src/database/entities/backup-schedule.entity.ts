import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintAsString, tinyintAsBoolean } from './column-transformers';
import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';

/**
 * CloudStack 4.22 `backup_schedule`: when a VM's scheduled backups run. `schedule_type` is the
 * ordinal of CloudStack's IntervalType (0 HOURLY, 1 DAILY, 2 WEEKLY, 3 MONTHLY);
 * `scheduled_timestamp` is the next run in UTC.
 */
@Entity({ name: 'backup_schedule' })
export class BackupScheduleEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(bigintColumn('vm_id'))
  vmId: string;

  @Column({ name: 'schedule_type', type: 'int', width: 4, nullable: true })
  scheduleType: number | null;

  @Column(varcharColumn('schedule', 100, { nullable: true }))
  schedule: string | null;

  @Column(varcharColumn('timezone', 100, { nullable: true }))
  timezone: string | null;

  @Column(datetimeColumn('scheduled_timestamp'))
  scheduledTimestamp: Date | null;

  @Column(bigintColumn('async_job_id', { nullable: true }))
  asyncJobId: string | null;

  @Column({ name: 'max_backups', type: 'int', width: 8, unsigned: true, default: 0 })
  maxBackups: number;

  @Column({ name: 'quiescevm', type: 'tinyint', width: 1, nullable: true, transformer: tinyintAsBoolean })
  quiesceVm: boolean | null;

  @Column(uuidColumn())
  uuid: string;

  @Column({ name: 'domain_id', type: 'bigint', nullable: true, transformer: bigintAsString })
  domainId: string | null;

  @Column({ name: 'account_id', type: 'bigint', nullable: true, transformer: bigintAsString })
  accountId: string | null;
}

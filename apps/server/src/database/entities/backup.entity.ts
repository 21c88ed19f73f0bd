import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { AccountEntity } from './account.entity';
import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';
import { VmInstanceEntity } from './vm-instance.entity';

/**
 * CloudStack `backups`: one provider restore point of a VM. `date` is a DATETIME as the spec
 * recommends (CloudStack 4.19+). (vm_id, external_id) is unique among rows that are not removed
 * (see the CreateBackups migration).
 */
@Entity({ name: 'backups' })
export class BackupEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(uuidColumn())
  uuid: string;

  @Column(bigintColumn('vm_id'))
  vmId: string;

  @ManyToOne(() => VmInstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vm_id', foreignKeyConstraintName: 'fk_backup__vm_id' })
  vm?: VmInstanceEntity;

  @Column(varcharColumn('external_id', 255, { nullable: true }))
  externalId: string | null;

  /** e.g. FULL, Full, Increment. */
  @Column(varcharColumn('type', 255))
  type: string;

  /** Nullable in CloudStack's table; csbr always sets it. */
  @Column(datetimeColumn('date'))
  date: Date;

  /** Bytes on backup storage. */
  @Column({ ...bigintColumn('size', { nullable: true }), unsigned: false, default: 0 })
  size: string | null;

  /** Protected (virtual) bytes. */
  @Column({ ...bigintColumn('protected_size', { nullable: true }), unsigned: false, default: 0 })
  protectedSize: string | null;

  /** CloudStack's Backup.Status name. */
  @Column(varcharColumn('status', 32, { nullable: true }))
  status: string | null;

  /** The backup's policy: CloudStack's `backup_offering_id` (the policy is the offering). */
  @Column(bigintColumn('backup_offering_id'))
  policyId: string;

  @Column(bigintColumn('account_id'))
  accountId: string;

  @ManyToOne(() => AccountEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_backup__account_id' })
  account?: AccountEntity;

  @Column(bigintColumn('domain_id'))
  domainId: string;

  @Column(bigintColumn('zone_id'))
  zoneId: string;

  /** JSON list of VolumeInfo: CloudStack's `backed_volumes`. */
  @Column({ name: 'backed_volumes', type: 'text', nullable: true })
  volumes: string | null;

  @Column(datetimeColumn('removed'))
  removed: Date | null;

  /** The schedule that took the backup (CloudStack 4.22); null for ad-hoc and synced backups. */
  @Column(bigintColumn('backup_schedule_id', { nullable: true }))
  backupScheduleId: string | null;

  /** CloudStack 4.21's backup name: `createBackup name=`, else `<vm host name>-<yyyy-MM-dd'T'HH:mmX>`. */
  @Column(varcharColumn('name', 255))
  name: string;

  /** CloudStack 4.21's backup description: what `createBackup description=` was given. */
  @Column(varcharColumn('description', 1024, { nullable: true }))
  description: string | null;

  /**
   * How the backup was taken: the ordinal of CloudStack's `Backup.Type` (MANUAL 0, HOURLY 1, DAILY 2,
   * WEEKLY 3, MONTHLY 4; see `BACKUP_INTERVAL_TYPES`). Null for backups the sync task recorded.
   */
  @Column({ name: 'backup_interval_type', type: 'int', width: 5, nullable: true })
  intervalType: number | null;
}

import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { BackupEntity } from './backup.entity';
import { bigintColumn, ID_COLUMN, varcharColumn } from './column-options';
import { tinyintAsBoolean } from './column-transformers';

/**
 * CloudStack 4.21's `backup_details`: name/value details of a backup, such as the VM details
 * recorded when it was taken (`listBackups listvmdetails=true`).
 */
@Entity({ name: 'backup_details' })
export class BackupDetailEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(bigintColumn('backup_id'))
  backupId: string;

  @ManyToOne(() => BackupEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'backup_id', foreignKeyConstraintName: 'fk_backup_details__backup_id' })
  backup?: BackupEntity;

  @Column(varcharColumn('name', 255))
  name: string;

  @Column({ name: 'value', type: 'text', nullable: false })
  value: string;

  @Column({ name: 'display', type: 'tinyint', width: 1, default: 1, transformer: tinyintAsBoolean })
  display: boolean;
}

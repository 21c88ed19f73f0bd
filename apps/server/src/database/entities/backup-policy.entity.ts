import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';
import { tinyintAsBoolean } from './column-transformers';
import { DataCenterEntity } from './data-center.entity';

/**
 * `backup_policy` (CloudStack's policy-era schema): a provider policy imported into a zone.
 * The database keeps (zone_id, external_id) and (zone_id, name) unique among rows that are not
 * removed (see the CreateBackupPolicy migration); that index is not declared here because its
 * form differs per engine.
 */
@Entity({ name: 'backup_policy' })
export class BackupPolicyEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(uuidColumn())
  uuid: string;

  @Column(varcharColumn('name', 255))
  name: string;

  @Column(varcharColumn('description', 255))
  description: string;

  @Column(varcharColumn('external_id', 80))
  externalId: string;

  @Column(bigintColumn('zone_id'))
  zoneId: string;

  @ManyToOne(() => DataCenterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'zone_id', foreignKeyConstraintName: 'fk_backup_policy__zone_id' })
  zone?: DataCenterEntity;

  @Column(datetimeColumn('created'))
  created: Date | null;

  @Column(datetimeColumn('removed'))
  removed: Date | null;

  /** CloudStack's `user_driven_backup`: users may take ad-hoc backups under this policy. */
  @Column({
    name: 'user_driven_backup',
    type: 'tinyint',
    width: 1,
    unsigned: true,
    default: 0,
    transformer: tinyintAsBoolean,
  })
  userDrivenBackup: boolean;
}

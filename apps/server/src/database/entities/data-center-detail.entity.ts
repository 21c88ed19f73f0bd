import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';

import { bigintColumn, ID_COLUMN, varcharColumn } from './column-options';
import { tinyintAsBoolean } from './column-transformers';
import { DataCenterEntity } from './data-center.entity';

/**
 * CloudStack `data_center_details`: per-zone values of zone-scoped configuration keys
 * (`name` = key). Secure values are stored encrypted.
 */
@Entity({ name: 'data_center_details' })
@Unique('uq_data_center_details__dc_id__name', ['dcId', 'name'])
export class DataCenterDetailEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(bigintColumn('dc_id'))
  dcId: string;

  @ManyToOne(() => DataCenterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'dc_id', foreignKeyConstraintName: 'fk_dc_details__dc_id' })
  dataCenter?: DataCenterEntity;

  @Column(varcharColumn('name', 255))
  name: string;

  @Column(varcharColumn('value', 1024))
  value: string;

  @Column({
    name: 'display',
    type: 'tinyint',
    width: 1,
    default: 1,
    transformer: tinyintAsBoolean,
  })
  display: boolean;
}

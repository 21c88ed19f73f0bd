import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';

/** CloudStack `data_center`: a zone. */
@Entity({ name: 'data_center' })
export class DataCenterEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(varcharColumn('name', 255, { nullable: true }))
  name: string | null;

  @Column(uuidColumn({ nullable: true }))
  uuid: string | null;

  @Column(varcharColumn('description', 255, { nullable: true }))
  description: string | null;

  @Column(varcharColumn('dns1', 255))
  dns1: string;

  @Column(varcharColumn('internal_dns1', 255))
  internalDns1: string;

  @Column(varcharColumn('networktype', 255, { default: 'Advanced' }))
  networkType: string;

  @Column(varcharColumn('allocation_state', 32, { default: 'Enabled' }))
  allocationState: string;

  @Column(bigintColumn('domain_id', { nullable: true }))
  domainId: string | null;

  @Column(varcharColumn('zone_token', 255, { nullable: true }))
  zoneToken: string | null;

  @Column(datetimeColumn('created'))
  created: Date | null;

  @Column(datetimeColumn('removed'))
  removed: Date | null;
}

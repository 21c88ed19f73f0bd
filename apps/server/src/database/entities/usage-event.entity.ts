import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, varcharColumn } from './column-options';
import { tinyintAsBoolean } from './column-transformers';

/** CloudStack `usage_event`, read by the usage server. */
@Entity({ name: 'usage_event' })
export class UsageEventEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(varcharColumn('type', 32))
  type: string;

  @Column(bigintColumn('account_id'))
  accountId: string;

  @Column(datetimeColumn('created', { nullable: false }))
  created: Date;

  @Column(bigintColumn('zone_id'))
  zoneId: string;

  @Column(bigintColumn('resource_id', { nullable: true }))
  resourceId: string | null;

  @Column(varcharColumn('resource_name', 255, { nullable: true }))
  resourceName: string | null;

  @Column(bigintColumn('offering_id', { nullable: true }))
  offeringId: string | null;

  @Column(bigintColumn('template_id', { nullable: true }))
  templateId: string | null;

  @Column(bigintColumn('size', { nullable: true }))
  size: string | null;

  @Column(varcharColumn('resource_type', 32, { nullable: true }))
  resourceType: string | null;

  @Column({ name: 'processed', type: 'tinyint', default: 0, transformer: tinyintAsBoolean })
  processed: boolean;

  @Column(bigintColumn('virtual_size', { nullable: true }))
  virtualSize: string | null;
}

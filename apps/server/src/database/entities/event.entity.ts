import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';
import { tinyintAsBoolean } from './column-transformers';

/** CloudStack `event`: action events (`BACKUP.CREATE`, ...). */
@Entity({ name: 'event' })
export class EventEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(uuidColumn({ nullable: true }))
  uuid: string | null;

  @Column(varcharColumn('type', 50))
  type: string;

  /** Created, Scheduled, Started or Completed. */
  @Column(varcharColumn('state', 32, { default: 'Completed' }))
  state: string;

  @Column(varcharColumn('description', 1024))
  description: string;

  @Column(bigintColumn('user_id'))
  userId: string;

  @Column(bigintColumn('account_id'))
  accountId: string;

  @Column(bigintColumn('domain_id'))
  domainId: string;

  @Column(bigintColumn('resource_id', { nullable: true }))
  resourceId: string | null;

  @Column(varcharColumn('resource_type', 32, { nullable: true }))
  resourceType: string | null;

  @Column(datetimeColumn('created', { nullable: false }))
  created: Date;

  /** INFO or ERROR. */
  @Column(varcharColumn('level', 16))
  level: string;

  @Column({ ...bigintColumn('start_id'), default: 0 })
  startId: string;

  @Column(varcharColumn('parameters', 1024, { nullable: true }))
  parameters: string | null;

  @Column({ name: 'archived', type: 'tinyint', width: 1, unsigned: true, default: 0, transformer: tinyintAsBoolean })
  archived: boolean;

  @Column({ name: 'display', type: 'tinyint', width: 1, default: 1, transformer: tinyintAsBoolean })
  display: boolean;
}

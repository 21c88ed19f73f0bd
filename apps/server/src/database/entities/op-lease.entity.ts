import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn } from './column-options';

/** `op_lease`: who leads a piece of work that runs on one instance at a time, until when. */
@Entity({ name: 'op_lease' })
export class OpLeaseEntity {
  @PrimaryColumn({ name: 'name', type: 'varchar', length: 64 })
  name: string;

  @Column(bigintColumn('holder_msid', { nullable: true }))
  holderMsid: string | null;

  @Column(datetimeColumn('acquired'))
  acquired: Date | null;

  @Column(datetimeColumn('expires'))
  expires: Date | null;
}

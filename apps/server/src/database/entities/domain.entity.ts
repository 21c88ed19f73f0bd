import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintAsString } from './column-transformers';
import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';

/** CloudStack `domain`: the tree accounts live in. ROOT has path `/`. */
@Entity({ name: 'domain' })
export class DomainEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(bigintColumn('parent', { nullable: true }))
  parent: string | null;

  @Column(varcharColumn('name', 255, { nullable: true }))
  name: string | null;

  @Column(uuidColumn({ nullable: true }))
  uuid: string | null;

  /** Account id of the domain's owner (CloudStack sets 2, the admin account, for ROOT). */
  @Column(bigintColumn('owner'))
  owner: string;

  /** `/` for ROOT, `/<name>/` for a child, `/<parent>/<name>/` below. */
  @Column(varcharColumn('path', 255))
  path: string;

  @Column({ name: 'level', type: 'int', default: 0 })
  level: number;

  @Column({ name: 'child_count', type: 'int', default: 0 })
  childCount: number;

  @Column({
    name: 'next_child_seq',
    type: 'bigint',
    unsigned: true,
    default: 1,
    transformer: bigintAsString,
  })
  nextChildSeq: string;

  /** `char(32)` in the table (CloudStack 4.22); declared varchar, which the embedded engine also knows. */
  @Column(varcharColumn('state', 32, { default: 'Active' }))
  state: string;

  @Column(datetimeColumn('created'))
  created: Date | null;

  @Column(datetimeColumn('removed'))
  removed: Date | null;
}

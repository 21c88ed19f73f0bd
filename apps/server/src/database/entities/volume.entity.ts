import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';
import { VmInstanceEntity } from './vm-instance.entity';

/** CloudStack `volumes`, with CloudStack 4.22's NOT NULL `disk_offering_id`. */
@Entity({ name: 'volumes' })
export class VolumeEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(uuidColumn({ nullable: true }))
  uuid: string | null;

  @Column(varcharColumn('name', 255, { nullable: true }))
  name: string | null;

  @Column(bigintColumn('account_id'))
  accountId: string;

  @Column(bigintColumn('domain_id'))
  domainId: string;

  @Column(bigintColumn('instance_id', { nullable: true }))
  instanceId: string | null;

  @ManyToOne(() => VmInstanceEntity)
  @JoinColumn({ name: 'instance_id', foreignKeyConstraintName: 'fk_volumes__instance_id' })
  instance?: VmInstanceEntity;

  @Column(bigintColumn('device_id', { nullable: true }))
  deviceId: string | null;

  @Column(bigintColumn('data_center_id'))
  dataCenterId: string;

  /** `ROOT` or `DATADISK`. */
  @Column(varcharColumn('volume_type', 64))
  volumeType: string;

  /** Bytes. */
  @Column(bigintColumn('size'))
  size: string;

  @Column(varcharColumn('path', 255, { nullable: true }))
  path: string | null;

  @Column(bigintColumn('pool_id', { nullable: true }))
  poolId: string | null;

  @Column(varcharColumn('state', 32, { nullable: true }))
  state: string | null;

  /** VMware disk chain, used by volume restore. */
  @Column({ name: 'chain_info', type: 'text', nullable: true })
  chainInfo: string | null;

  /** Nullable in CloudStack's table; csbr always sets it. */
  @Column(datetimeColumn('created'))
  created: Date;

  @Column(datetimeColumn('attached'))
  attached: Date | null;

  @Column(datetimeColumn('removed'))
  removed: Date | null;

  /** csbr has no disk offerings: see `CLOUDSTACK_ROW_DEFAULTS.diskOfferingId`. */
  @Column(bigintColumn('disk_offering_id'))
  diskOfferingId: string;
}

import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';

import { AccountEntity } from './account.entity';
import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';
import { bigintAsString } from './column-transformers';
import { DataCenterEntity } from './data-center.entity';
import { DomainEntity } from './domain.entity';

/**
 * CloudStack `vm_instance` (user VMs), with the backup columns of CloudStack 4.14 and the NOT NULL
 * columns of CloudStack 4.22 (`guest_os_id`, `vnc_password`, `vm_type`, `service_offering_id`),
 * which every insert fills (see `CLOUDSTACK_ROW_DEFAULTS`). The policy design maps VMs through
 * `backup_policy_vm_map`; `backup_offering_id` is kept for the shape only.
 */
@Entity({ name: 'vm_instance' })
export class VmInstanceEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  /** Host name. */
  @Column(varcharColumn('name', 255))
  name: string;

  @Column(uuidColumn({ nullable: true }))
  uuid: string | null;

  /** Hypervisor-side name, e.g. `i-2-3-VM`. */
  @Column(varcharColumn('instance_name', 255))
  instanceName: string;

  /** Running, Stopped, Destroyed, Expunging, ... */
  @Column(varcharColumn('state', 32))
  state: string;

  @Column(bigintColumn('vm_template_id', { nullable: true }))
  vmTemplateId: string | null;

  /** csbr has no service offerings: see `CLOUDSTACK_ROW_DEFAULTS.serviceOfferingId`. */
  @Column(bigintColumn('service_offering_id'))
  serviceOfferingId: string;

  @Column(bigintColumn('data_center_id'))
  dataCenterId: string;

  @ManyToOne(() => DataCenterEntity)
  @JoinColumn({ name: 'data_center_id', foreignKeyConstraintName: 'fk_vm_instance__data_center_id' })
  dataCenter?: DataCenterEntity;

  @Column(bigintColumn('host_id', { nullable: true }))
  hostId: string | null;

  @Column(bigintColumn('account_id'))
  accountId: string;

  @ManyToOne(() => AccountEntity)
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_vm_instance__account_id' })
  account?: AccountEntity;

  @Column(bigintColumn('domain_id'))
  domainId: string;

  @ManyToOne(() => DomainEntity)
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_vm_instance__domain_id' })
  domain?: DomainEntity;

  /** User who deployed the VM (CloudStack defaults it to 1). */
  @Column({ ...bigintColumn('user_id'), default: 1 })
  userId: string;

  /** `char(32)` in the table (CloudStack 4.22); declared varchar, which the embedded engine also knows. */
  @Column(varcharColumn('hypervisor_type', 32, { nullable: true, default: 'Simulator' }))
  hypervisorType: string | null;

  @Column(varcharColumn('type', 32, { default: 'User' }))
  type: string;

  @Column({ name: 'update_count', type: 'bigint', unsigned: true, default: 0, transformer: bigintAsString })
  updateCount: string;

  @Column(datetimeColumn('created', { nullable: false }))
  created: Date;

  @Column(datetimeColumn('removed'))
  removed: Date | null;

  @Column(bigintColumn('backup_offering_id', { nullable: true }))
  backupOfferingId: string | null;

  /** Provider-side id of the VM's backup job or container. */
  @Column(varcharColumn('backup_external_id', 255, { nullable: true }))
  backupExternalId: string | null;

  /** JSON list of VolumeInfo captured at assignment time. */
  @Column({ name: 'backup_volumes', type: 'text', nullable: true })
  backupVolumes: string | null;

  /** CloudStack's `guest_os` id; csbr records none: see `CLOUDSTACK_ROW_DEFAULTS.guestOsId`. */
  @Column(bigintColumn('guest_os_id'))
  guestOsId: string;

  /** csbr has no console: empty (CloudStack stores it encrypted, and passes an empty one through). */
  @Column(varcharColumn('vnc_password', 255))
  vncPassword: string;

  /** CloudStack's `VirtualMachine.Type`, written into both `type` and `vm_type`. */
  @Column(varcharColumn('vm_type', 32))
  vmType: string;
}

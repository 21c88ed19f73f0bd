import { Column, Entity, JoinColumn, ManyToOne, PrimaryColumn, Unique } from 'typeorm';

import { BackupPolicyEntity } from './backup-policy.entity';
import { bigintColumn, datetimeColumn, ID_COLUMN } from './column-options';
import { DataCenterEntity } from './data-center.entity';
import { VmInstanceEntity } from './vm-instance.entity';

/** `backup_policy_vm_map`: which policy protects a VM. One policy per VM, enforced by the database. */
@Entity({ name: 'backup_policy_vm_map' })
@Unique('uq_backup_policy_vm_map__vm_id', ['vmId'])
export class BackupPolicyVmMapEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(bigintColumn('policy_id'))
  policyId: string;

  @ManyToOne(() => BackupPolicyEntity)
  @JoinColumn({ name: 'policy_id', foreignKeyConstraintName: 'fk_backup_policy_vm_map__policy_id' })
  policy?: BackupPolicyEntity;

  @Column(bigintColumn('vm_id'))
  vmId: string;

  @ManyToOne(() => VmInstanceEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'vm_id', foreignKeyConstraintName: 'fk_backup_policy_vm_map__vm_id' })
  vm?: VmInstanceEntity;

  @Column(bigintColumn('zone_id'))
  zoneId: string;

  @ManyToOne(() => DataCenterEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'zone_id', foreignKeyConstraintName: 'fk_backup_policy_vm_map__zone_id' })
  zone?: DataCenterEntity;

  @Column(datetimeColumn('created'))
  created: Date | null;
}

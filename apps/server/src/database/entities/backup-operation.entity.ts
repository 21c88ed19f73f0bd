import { Column, Entity, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';
import { bigintAsString } from './column-transformers';

/** `op_backup_operation`: a backup operation in flight (see its migration). */
@Entity({ name: 'op_backup_operation' })
export class BackupOperationEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(uuidColumn())
  uuid: string;

  @Column(varcharColumn('kind', 32))
  kind: string;

  @Column(bigintColumn('policy_id', { nullable: true }))
  policyId: string | null;

  @Column(bigintColumn('backup_id', { nullable: true }))
  backupId: string | null;

  @Column(varcharColumn('job_uuid', 40, { nullable: true }))
  jobUuid: string | null;

  @Column(bigintColumn('owner_msid'))
  ownerMsid: string;

  /** `Running`, or `ProviderDone` once the provider succeeded and only recording remains. */
  @Column(varcharColumn('state', 16))
  state: string;

  @Column({ name: 'payload', type: 'text', nullable: true })
  payload: string | null;

  @Column({ name: 'result', type: 'text', nullable: true })
  result: string | null;

  @Column(datetimeColumn('created', { nullable: false }))
  created: Date;

  @Column(datetimeColumn('deadline', { nullable: false }))
  deadline: Date;
}

/** `op_backup_vm_guard`: the VMs an operation holds; the primary key allows one operation per VM. */
@Entity({ name: 'op_backup_vm_guard' })
export class BackupVmGuardEntity {
  @PrimaryColumn({ name: 'vm_id', type: 'bigint', unsigned: true, transformer: bigintAsString })
  vmId: string;

  @Column(bigintColumn('operation_id'))
  operationId: string;
}

import { Column, type ColumnOptions, Entity, Index, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';

/**
 * CloudStack `async_job`. `job_status` 0 in progress, 1 succeeded, 2 failed. `job_executing_msid`
 * records which server instance claimed the job, so several instances can share the table.
 */
/** CloudStack's msid columns of `async_job` are signed (`bigint(20)`), unlike `mshost.msid`. */
function signedMsidColumn(name: string): ColumnOptions {
  return { ...bigintColumn(name, { nullable: true }), unsigned: false };
}

@Entity({ name: 'async_job' })
@Index('i_async_job__job_status', ['jobStatus'])
export class AsyncJobEntity {
  @PrimaryColumn(ID_COLUMN)
  id: string;

  @Column(uuidColumn({ nullable: true }))
  uuid: string | null;

  @Column(bigintColumn('user_id'))
  userId: string;

  @Column(bigintColumn('account_id'))
  accountId: string;

  @Column(varcharColumn('instance_type', 64, { nullable: true }))
  instanceType: string | null;

  @Column(bigintColumn('instance_id', { nullable: true }))
  instanceId: string | null;

  /** Command class / API name. Nullable in CloudStack's table; csbr always sets it. */
  @Column(varcharColumn('job_cmd', 255, { nullable: true }))
  jobCmd: string;

  /** JSON of the request parameters. */
  @Column({ name: 'job_cmd_info', type: 'text', nullable: true })
  jobCmdInfo: string | null;

  @Column({ name: 'job_cmd_ver', type: 'int', nullable: true })
  jobCmdVer: number | null;

  @Column({ name: 'job_status', type: 'int', nullable: true })
  jobStatus: number | null;

  @Column({ name: 'job_process_status', type: 'int', nullable: true })
  jobProcessStatus: number | null;

  @Column({ name: 'job_result_code', type: 'int', nullable: true })
  jobResultCode: number | null;

  /** JSON of the result or error response. */
  @Column({ name: 'job_result', type: 'text', nullable: true })
  jobResult: string | null;

  @Column(signedMsidColumn('job_init_msid'))
  jobInitMsid: string | null;

  @Column(signedMsidColumn('job_executing_msid'))
  jobExecutingMsid: string | null;

  @Column(signedMsidColumn('job_complete_msid'))
  jobCompleteMsid: string | null;

  @Column(varcharColumn('job_dispatcher', 64, { nullable: true }))
  jobDispatcher: string | null;

  /** `char(40)` in the table (CloudStack 4.22); declared varchar, which the embedded engine also knows. */
  @Column(varcharColumn('related', 40))
  related: string;

  @Column(datetimeColumn('created'))
  created: Date | null;

  @Column(datetimeColumn('last_updated'))
  lastUpdated: Date | null;

  @Column(datetimeColumn('last_polled'))
  lastPolled: Date | null;

  @Column(datetimeColumn('removed'))
  removed: Date | null;
}

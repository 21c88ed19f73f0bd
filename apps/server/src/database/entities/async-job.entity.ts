import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

import { bigintColumn, datetimeColumn, ID_COLUMN, uuidColumn, varcharColumn } from './column-options';

/**
 * CloudStack `async_job`. `job_status` 0 in progress, 1 succeeded, 2 failed. `job_executing_msid`
 * records which server instance claimed the job, so several instances can share the table.
 */
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

  /** Command class / API name. */
  @Column(varcharColumn('job_cmd', 255))
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

  @Column(bigintColumn('job_init_msid', { nullable: true }))
  jobInitMsid: string | null;

  @Column(bigintColumn('job_executing_msid', { nullable: true }))
  jobExecutingMsid: string | null;

  @Column(bigintColumn('job_complete_msid', { nullable: true }))
  jobCompleteMsid: string | null;

  @Column(varcharColumn('job_dispatcher', 64, { nullable: true }))
  jobDispatcher: string | null;

  @Column(varcharColumn('related', 64))
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

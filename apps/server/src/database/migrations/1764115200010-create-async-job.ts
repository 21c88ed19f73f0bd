import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

import {
  bigintColumn,
  datetimeColumn,
  idColumn,
  intColumn,
  textColumn,
  uuidColumn,
  varcharColumn,
} from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * CloudStack `async_job`. `job_status` is indexed and `job_executing_msid` records the claiming
 * server, so several server instances can pick pending jobs from the same table.
 */
export class CreateAsyncJob1764115200010 implements MigrationInterface {
  name = 'CreateAsyncJob1764115200010';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'async_job',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          uuidColumn(),
          bigintColumn('user_id'),
          bigintColumn('account_id'),
          varcharColumn('instance_type', 64, { nullable: true }),
          bigintColumn('instance_id', { nullable: true }),
          varcharColumn('job_cmd', 255),
          textColumn('job_cmd_info'),
          intColumn('job_cmd_ver', { nullable: true }),
          intColumn('job_status', { nullable: true }),
          intColumn('job_process_status', { nullable: true }),
          intColumn('job_result_code', { nullable: true }),
          textColumn('job_result'),
          bigintColumn('job_init_msid', { nullable: true }),
          bigintColumn('job_executing_msid', { nullable: true }),
          bigintColumn('job_complete_msid', { nullable: true }),
          varcharColumn('job_dispatcher', 64, { nullable: true }),
          varcharColumn('related', 64),
          datetimeColumn('created'),
          datetimeColumn('last_updated'),
          datetimeColumn('last_polled'),
          datetimeColumn('removed'),
        ],
        uniques: [new TableUnique({ name: 'uc_async__uuid', columnNames: ['uuid'] })],
        indices: [
          new TableIndex({ name: 'i_async_job__job_status', columnNames: ['job_status'] }),
          new TableIndex({ name: 'i_async_job__removed', columnNames: ['removed'] }),
          new TableIndex({ name: 'i_async__account_id', columnNames: ['account_id'] }),
          new TableIndex({ name: 'i_async__instance_type_id', columnNames: ['instance_type', 'instance_id'] }),
          new TableIndex({ name: 'i_async__created', columnNames: ['created'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('async_job');
  }
}

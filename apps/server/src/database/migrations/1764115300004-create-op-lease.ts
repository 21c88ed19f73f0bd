import { type MigrationInterface, type QueryRunner, Table } from 'typeorm';

import { bigintColumn, datetimeColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * `op_lease`: work that must run on exactly one server instance at a time (the background sync,
 * the backup scheduler) is led by whoever holds its lease. A lease is a row, taken and renewed
 * with compare-and-set updates and held until `expires`: never a held connection or `GET_LOCK`.
 */
export class CreateOpLease1764115300004 implements MigrationInterface {
  name = 'CreateOpLease1764115300004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'op_lease',
        engine: INNODB_UTF8MB4,
        columns: [
          { ...varcharColumn('name', 64), isPrimary: true },
          bigintColumn('holder_msid', { nullable: true }),
          datetimeColumn('acquired'),
          datetimeColumn('expires'),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('op_lease');
  }
}

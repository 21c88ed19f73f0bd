import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn, intColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * CloudStack 4.22's `mshost`: one row per server instance (management server), with its heartbeat
 * (`last_update`) and state, so instances sharing the database see which of them are alive.
 */
export class CreateMshost1764115300003 implements MigrationInterface {
  name = 'CreateMshost1764115300003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'mshost',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          bigintColumn('msid'),
          bigintColumn('runid', { unsigned: false, default: '0' }),
          varcharColumn('name', 255, { nullable: true }),
          varcharColumn('uuid', 40, { nullable: true }),
          varcharColumn('state', 25, { nullable: true }),
          varcharColumn('version', 255, { nullable: true }),
          { name: 'service_ip', type: 'char', length: '40', isNullable: false },
          intColumn('service_port'),
          datetimeColumn('last_update'),
          datetimeColumn('removed'),
          intColumn('alert_count', { default: '0' }),
        ],
        uniques: [
          new TableUnique({ name: 'msid', columnNames: ['msid'] }),
          new TableUnique({ name: 'uuid', columnNames: ['uuid'] }),
        ],
        indices: [
          new TableIndex({ name: 'i_mshost__removed', columnNames: ['removed'] }),
          new TableIndex({ name: 'i_mshost__last_update', columnNames: ['last_update'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('mshost');
  }
}

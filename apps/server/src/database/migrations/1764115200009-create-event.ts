import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

import { bigintColumn, datetimeColumn, flagColumn, idColumn, uuidColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/** CloudStack `event` (action events). */
export class CreateEvent1764115200009 implements MigrationInterface {
  name = 'CreateEvent1764115200009';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'event',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          uuidColumn(),
          varcharColumn('type', 32),
          varcharColumn('state', 32, { default: "'Completed'" }),
          varcharColumn('description', 1024),
          bigintColumn('user_id'),
          bigintColumn('account_id'),
          bigintColumn('domain_id'),
          bigintColumn('resource_id', { nullable: true }),
          varcharColumn('resource_type', 32, { nullable: true }),
          datetimeColumn('created', { nullable: false }),
          varcharColumn('level', 16),
          bigintColumn('start_id', { default: '0' }),
          varcharColumn('parameters', 1024, { nullable: true }),
          flagColumn('archived', 0, { unsigned: true }),
          flagColumn('display', 1),
        ],
        uniques: [new TableUnique({ name: 'uc_event__uuid', columnNames: ['uuid'] })],
        indices: [
          new TableIndex({ name: 'i_event__created', columnNames: ['created'] }),
          new TableIndex({ name: 'i_event__account_id', columnNames: ['account_id'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('event');
  }
}

import { type MigrationInterface, type QueryRunner, Table, TableIndex, TableUnique } from 'typeorm';

import { bigintColumn, datetimeColumn, idColumn, intColumn, uuidColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/** CloudStack `domain`. */
export class CreateDomain1764115200001 implements MigrationInterface {
  name = 'CreateDomain1764115200001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'domain',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          bigintColumn('parent', { nullable: true }),
          varcharColumn('name', 255, { nullable: true }),
          uuidColumn(),
          bigintColumn('owner'),
          varcharColumn('path', 255),
          intColumn('level', { default: '0' }),
          intColumn('child_count', { default: '0' }),
          bigintColumn('next_child_seq', { default: '1' }),
          varcharColumn('state', 32, { default: "'Active'" }),
          datetimeColumn('created'),
          datetimeColumn('removed'),
        ],
        uniques: [
          new TableUnique({ name: 'uc_domain__uuid', columnNames: ['uuid'] }),
          new TableUnique({ name: 'uc_domain__parent__name__removed', columnNames: ['parent', 'name', 'removed'] }),
        ],
        indices: [
          new TableIndex({ name: 'i_domain__path', columnNames: ['path'] }),
          new TableIndex({ name: 'i_domain__removed', columnNames: ['removed'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('domain');
  }
}

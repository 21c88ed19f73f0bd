import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';

import {
  bigintColumn,
  datetimeColumn,
  idColumn,
  textColumn,
  uuidColumn,
  varcharColumn,
} from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/** CloudStack `volumes`. */
export class CreateVolumes1764115200008 implements MigrationInterface {
  name = 'CreateVolumes1764115200008';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'volumes',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          uuidColumn(),
          varcharColumn('name', 255, { nullable: true }),
          bigintColumn('account_id'),
          bigintColumn('domain_id'),
          bigintColumn('instance_id', { nullable: true }),
          bigintColumn('device_id', { nullable: true }),
          bigintColumn('data_center_id'),
          varcharColumn('volume_type', 64),
          bigintColumn('size'),
          varcharColumn('path', 255, { nullable: true }),
          bigintColumn('pool_id', { nullable: true }),
          varcharColumn('state', 32, { nullable: true }),
          textColumn('chain_info'),
          datetimeColumn('created', { nullable: false }),
          datetimeColumn('attached'),
          datetimeColumn('removed'),
        ],
        uniques: [new TableUnique({ name: 'uc_volumes__uuid', columnNames: ['uuid'] })],
        indices: [
          new TableIndex({ name: 'i_volumes__instance_id', columnNames: ['instance_id'] }),
          new TableIndex({ name: 'i_volumes__removed', columnNames: ['removed'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_volumes__instance_id',
            columnNames: ['instance_id'],
            referencedTableName: 'vm_instance',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('volumes');
  }
}

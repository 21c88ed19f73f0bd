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

/** CloudStack `vm_instance`, with the backup columns CloudStack 4.14 added. */
export class CreateVmInstance1764115200007 implements MigrationInterface {
  name = 'CreateVmInstance1764115200007';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'vm_instance',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          varcharColumn('name', 255),
          uuidColumn(),
          varcharColumn('instance_name', 255),
          varcharColumn('state', 32),
          bigintColumn('vm_template_id', { nullable: true }),
          bigintColumn('service_offering_id', { nullable: true }),
          bigintColumn('data_center_id'),
          bigintColumn('host_id', { nullable: true }),
          bigintColumn('account_id'),
          bigintColumn('domain_id'),
          bigintColumn('user_id', { default: '1' }),
          varcharColumn('hypervisor_type', 32, { nullable: true, default: "'Simulator'" }),
          varcharColumn('type', 32, { default: "'User'" }),
          bigintColumn('update_count', { default: '0' }),
          datetimeColumn('created', { nullable: false }),
          datetimeColumn('removed'),
          bigintColumn('backup_offering_id', { nullable: true }),
          varcharColumn('backup_external_id', 255, { nullable: true }),
          textColumn('backup_volumes'),
        ],
        uniques: [new TableUnique({ name: 'uc_vm_instance__uuid', columnNames: ['uuid'] })],
        indices: [
          new TableIndex({ name: 'i_vm_instance__removed', columnNames: ['removed'] }),
          new TableIndex({ name: 'i_vm_instance__state', columnNames: ['state'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_vm_instance__data_center_id',
            columnNames: ['data_center_id'],
            referencedTableName: 'data_center',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            name: 'fk_vm_instance__account_id',
            columnNames: ['account_id'],
            referencedTableName: 'account',
            referencedColumnNames: ['id'],
          }),
          new TableForeignKey({
            name: 'fk_vm_instance__domain_id',
            columnNames: ['domain_id'],
            referencedTableName: 'domain',
            referencedColumnNames: ['id'],
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('vm_instance');
  }
}

import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableIndex, TableUnique } from 'typeorm';

import { addActiveMarker, createActiveUniqueIndex, dropTableWithActiveMarker } from './support/active-unique-index';
import { bigintColumn, datetimeColumn, idColumn, textColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * CloudStack `backups`, with `date` as DATETIME (CloudStack 4.19+, recommended by the spec) and
 * `policy_id` in place of `backup_offering_id`. A restore point (vm_id, external_id) is recorded
 * once among backups that are not removed.
 */
export class CreateBackups1764115200014 implements MigrationInterface {
  name = 'CreateBackups1764115200014';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'backups',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          varcharColumn('uuid', 40),
          bigintColumn('vm_id'),
          varcharColumn('external_id', 255, { nullable: true }),
          varcharColumn('type', 255),
          datetimeColumn('date', { nullable: false }),
          bigintColumn('size', { nullable: true, unsigned: false, default: '0' }),
          bigintColumn('protected_size', { nullable: true, unsigned: false, default: '0' }),
          varcharColumn('status', 32, { nullable: true }),
          bigintColumn('policy_id'),
          bigintColumn('account_id'),
          bigintColumn('domain_id'),
          bigintColumn('zone_id'),
          textColumn('volumes'),
          datetimeColumn('removed'),
        ],
        uniques: [new TableUnique({ name: 'uc_backups__uuid', columnNames: ['uuid'] })],
        indices: [
          new TableIndex({ name: 'i_backups__zone_id', columnNames: ['zone_id'] }),
          new TableIndex({ name: 'i_backups__removed', columnNames: ['removed'] }),
        ],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_backup__vm_id',
            columnNames: ['vm_id'],
            referencedTableName: 'vm_instance',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
          new TableForeignKey({
            name: 'fk_backup__account_id',
            columnNames: ['account_id'],
            referencedTableName: 'account',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await addActiveMarker(queryRunner, 'backups');
    await createActiveUniqueIndex(queryRunner, 'backups', 'uq_backups__vm_id__external_id', ['vm_id', 'external_id']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTableWithActiveMarker(queryRunner, 'backups');
  }
}

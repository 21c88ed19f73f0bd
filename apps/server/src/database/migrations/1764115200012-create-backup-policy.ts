import { type MigrationInterface, type QueryRunner, Table, TableForeignKey, TableUnique } from 'typeorm';

import { addActiveMarker, createActiveUniqueIndex, dropTableWithActiveMarker } from './support/active-unique-index';
import { bigintColumn, datetimeColumn, idColumn, varcharColumn } from './support/columns';
import { INNODB_UTF8MB4 } from './support/table-options';

/**
 * `backup_policy` (CloudStack's policy-era schema), plus what CloudStack enforced only in code:
 * (zone_id, external_id) and (zone_id, name) are unique among policies that are not removed.
 */
export class CreateBackupPolicy1764115200012 implements MigrationInterface {
  name = 'CreateBackupPolicy1764115200012';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'backup_policy',
        engine: INNODB_UTF8MB4,
        columns: [
          idColumn(queryRunner),
          varcharColumn('uuid', 40),
          varcharColumn('name', 255),
          varcharColumn('description', 255),
          varcharColumn('external_id', 80),
          bigintColumn('zone_id'),
          datetimeColumn('created'),
          datetimeColumn('removed'),
        ],
        uniques: [new TableUnique({ name: 'uc_backup_policy__uuid', columnNames: ['uuid'] })],
        foreignKeys: [
          new TableForeignKey({
            name: 'fk_backup_policy__zone_id',
            columnNames: ['zone_id'],
            referencedTableName: 'data_center',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          }),
        ],
      }),
    );
    await addActiveMarker(queryRunner, 'backup_policy');
    await createActiveUniqueIndex(queryRunner, 'backup_policy', 'uq_backup_policy__zone_id__external_id', [
      'zone_id',
      'external_id',
    ]);
    await createActiveUniqueIndex(queryRunner, 'backup_policy', 'uq_backup_policy__zone_id__name', ['zone_id', 'name']);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await dropTableWithActiveMarker(queryRunner, 'backup_policy');
  }
}

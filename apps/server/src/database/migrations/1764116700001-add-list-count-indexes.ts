import { type MigrationInterface, type QueryRunner } from 'typeorm';

import { isMysqlFamily } from './support/dialect';

/**
 * Indexes from which the list commands count their rows and pick their page's ids without reading
 * a row (a page of 100 out of 100,000 backups reads index entries, then 100 rows):
 * - `vm_instance (removed, id, state)`: `listVirtualMachines` hides expunging (and, for users,
 *   destroyed) VMs, so its count filters on both; with `id` before `state`, the non-removed VMs'
 *   entries stay in id order and the page's ids need no sort. It replaces the index on `removed`.
 * - `backups (account_id, removed)`, `(domain_id, removed)` and `(zone_id, removed)`: the account-
 *   and domain-scoped lists (every non-admin caller's) and the zone filter (the id follows in every
 *   secondary index, so the page's ids come in order); the last replaces the index on `zone_id`.
 *   On MySQL the first also takes over from the index the account foreign key made for itself.
 *
 * Plain SQL: TypeORM's index helpers load the table first, and `backups` has a generated column
 * whose metadata table csbr does not keep.
 */
export class AddListCountIndexes1764116700001 implements MigrationInterface {
  name = 'AddListCountIndexes1764116700001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX i_vm_instance__removed__id__state ON vm_instance (removed, id, state)');
    await dropIndex(queryRunner, 'vm_instance', 'i_vm_instance__removed');
    await queryRunner.query('CREATE INDEX i_backups__account_id__removed ON backups (account_id, removed)');
    await queryRunner.query('CREATE INDEX i_backups__domain_id__removed ON backups (domain_id, removed)');
    await queryRunner.query('CREATE INDEX i_backups__zone_id__removed ON backups (zone_id, removed)');
    await dropIndex(queryRunner, 'backups', 'i_backups__zone_id');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX i_backups__zone_id ON backups (zone_id)');
    await dropIndex(queryRunner, 'backups', 'i_backups__zone_id__removed');
    await dropIndex(queryRunner, 'backups', 'i_backups__domain_id__removed');
    // MySQL silently dropped the index it made for the account foreign key once up() gave it
    // another one to use: it needs its own back before that one can go.
    if (isMysqlFamily(queryRunner)) await queryRunner.query('CREATE INDEX IF NOT EXISTS fk_backup__account_id ON backups (account_id)');
    await dropIndex(queryRunner, 'backups', 'i_backups__account_id__removed');
    await queryRunner.query('CREATE INDEX i_vm_instance__removed ON vm_instance (removed)');
    await dropIndex(queryRunner, 'vm_instance', 'i_vm_instance__removed__id__state');
  }
}

/** MySQL names the table of the index to drop, SQLite does not (its index names are global). */
async function dropIndex(queryRunner: QueryRunner, table: string, index: string): Promise<void> {
  await queryRunner.query(isMysqlFamily(queryRunner) ? `DROP INDEX ${index} ON ${table}` : `DROP INDEX ${index}`);
}

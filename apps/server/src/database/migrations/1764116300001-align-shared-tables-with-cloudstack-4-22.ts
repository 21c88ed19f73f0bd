import { type MigrationInterface, type QueryRunner } from 'typeorm';

import { isMysqlFamily } from './support/dialect';

/**
 * Gives the tables csbr shares with CloudStack the types, nullability and NOT NULL columns of
 * CloudStack 4.22 (`docs/cloudstack-schema-4.22.md`), so a row csbr writes is a valid row of
 * CloudStack's tables. Existing rows are filled in:
 *
 * - `vm_instance.guest_os_id` 103, CloudStack's seeded guest OS "Other (64-bit)";
 *   `vnc_password` '' (csbr has no console: no password, and CloudStack's decryption passes an
 *   empty value through); `vm_type` = `type` (CloudStack writes the VM type into both);
 *   `service_offering_id`, now NOT NULL, 1 where it was NULL (csbr has no offerings: the first
 *   one CloudStack seeds).
 * - `volumes.disk_offering_id` 1, for the same reason.
 * - `backups.name` as CloudStack names a backup nobody named: `<vm host name>-<yyyy-MM-dd'T'HH:mmX>`
 *   of the backup's date (UTC).
 * - `configuration.scope` becomes CloudStack's bitmask (`ConfigKey.Scope`: Global 1, Zone 2, …;
 *   0 for none) in place of the scope's name.
 *
 * MySQL/MariaDB get CloudStack's exact column definitions: the new NOT NULL columns keep no
 * default, as in CloudStack, so every insert names them. `configuration.value`/`default_value`
 * are varchar(8191) in CloudStack's 3-byte utf8: two such columns in utf8mb4 would pass MySQL's
 * 65,535-byte row limit. The embedded SQLite database has no column types to change and cannot
 * change a column's nullability in place: it gets the new columns (with the fill-in values as
 * defaults, which SQLite requires to add a NOT NULL column) and the scope bitmask.
 */
export class AlignSharedTablesWithCloudStack4221764116300001 implements MigrationInterface {
  name = 'AlignSharedTablesWithCloudStack4221764116300001';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (isMysqlFamily(queryRunner)) await upMysql(queryRunner);
    else await upSqlite(queryRunner);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (isMysqlFamily(queryRunner)) await downMysql(queryRunner);
    else await downSqlite(queryRunner);
  }
}

/** CloudStack 4.22's guest OS "Other (64-bit)" (seeded by CloudStack's templates.sql). */
const OTHER_64_BIT_GUEST_OS_ID = 103;
/** csbr has no service or disk offerings: the first offering a CloudStack installation seeds. */
const FIRST_OFFERING_ID = 1;

/**
 * `ConfigKey.Scope` bit values (CloudStack 4.20+). A copy of the entity's table on purpose: a
 * migration must keep doing what it did when it shipped, whatever later happens to the entity.
 */
const SCOPE_BITS: readonly (readonly [string, number])[] = [
  ['Global', 1],
  ['Zone', 2],
  ['Cluster', 4],
  ['StoragePool', 8],
  ['ManagementServer', 16],
  ['ImageStore', 32],
  ['Domain', 64],
  ['Account', 128],
];

const scopeNameToBits = (quote: (bits: number) => string): string =>
  `CASE scope ${SCOPE_BITS.map(([name, bits]) => `WHEN '${name}' THEN ${quote(bits)}`).join(' ')} ELSE ${quote(0)} END`;

const scopeBitsToName = `CASE scope ${SCOPE_BITS.map(([name, bits]) => `WHEN ${bits} THEN '${name}'`).join(' ')} ELSE NULL END`;

/** CloudStack 4.22's `configuration.value`/`default_value`: varchar(8191) in 3-byte utf8. */
const CONFIG_TEXT_8191 = 'varchar(8191) CHARACTER SET utf8mb3 COLLATE utf8mb3_unicode_ci NULL DEFAULT NULL';
const CONFIG_TEXT_4095 = 'varchar(4095) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci NULL DEFAULT NULL';

async function upMysql(queryRunner: QueryRunner): Promise<void> {
  const run = (sql: string): Promise<unknown> => queryRunner.query(sql);

  await run("ALTER TABLE `domain` MODIFY `state` char(32) NOT NULL DEFAULT 'Active'");
  await run('ALTER TABLE `account` MODIFY `domain_id` bigint unsigned NULL DEFAULT NULL');

  await run(
    'ALTER TABLE `vm_instance` ' +
      "MODIFY `hypervisor_type` char(32) NULL DEFAULT 'Simulator', " +
      `ADD COLUMN \`guest_os_id\` bigint unsigned NOT NULL DEFAULT ${OTHER_64_BIT_GUEST_OS_ID}, ` +
      "ADD COLUMN `vnc_password` varchar(255) NOT NULL DEFAULT '', " +
      "ADD COLUMN `vm_type` varchar(32) NOT NULL DEFAULT 'User'",
  );
  await run('UPDATE `vm_instance` SET `vm_type` = `type`');
  await run(`UPDATE \`vm_instance\` SET \`service_offering_id\` = ${FIRST_OFFERING_ID} WHERE \`service_offering_id\` IS NULL`);
  await run(
    'ALTER TABLE `vm_instance` MODIFY `service_offering_id` bigint unsigned NOT NULL, ' +
      'ALTER `guest_os_id` DROP DEFAULT, ALTER `vnc_password` DROP DEFAULT, ALTER `vm_type` DROP DEFAULT',
  );

  await run(
    `ALTER TABLE \`volumes\` ADD COLUMN \`disk_offering_id\` bigint unsigned NOT NULL DEFAULT ${FIRST_OFFERING_ID}, ` +
      'MODIFY `created` datetime NULL DEFAULT NULL',
  );
  await run('ALTER TABLE `volumes` ALTER `disk_offering_id` DROP DEFAULT');

  await run(`UPDATE \`configuration\` SET \`scope\` = ${scopeNameToBits((bits) => `'${bits}'`)}`);
  await run(
    `ALTER TABLE \`configuration\` MODIFY \`value\` ${CONFIG_TEXT_8191}, MODIFY \`default_value\` ${CONFIG_TEXT_8191}, ` +
      'MODIFY `scope` bigint NOT NULL DEFAULT 0',
  );

  await run('ALTER TABLE `event` MODIFY `type` varchar(50) NOT NULL');

  await run(
    'ALTER TABLE `async_job` MODIFY `job_cmd` varchar(255) NULL DEFAULT NULL, ' +
      'MODIFY `job_init_msid` bigint NULL DEFAULT NULL, MODIFY `job_executing_msid` bigint NULL DEFAULT NULL, ' +
      'MODIFY `job_complete_msid` bigint NULL DEFAULT NULL, MODIFY `related` char(40) NOT NULL',
  );

  // Plain DDL throughout: TypeORM's column API re-reads the backups' generated column
  // (active_marker) from a metadata table csbr does not keep.
  await run(
    "ALTER TABLE `backups` ADD COLUMN `name` varchar(255) NOT NULL DEFAULT '', MODIFY `date` datetime NULL DEFAULT NULL",
  );
  await run(
    'UPDATE `backups` b JOIN `vm_instance` vm ON vm.`id` = b.`vm_id` ' +
      "SET b.`name` = CONCAT(vm.`name`, '-', DATE_FORMAT(b.`date`, '%Y-%m-%dT%H:%iZ'))",
  );
  await run('ALTER TABLE `backups` ALTER `name` DROP DEFAULT');
}

async function downMysql(queryRunner: QueryRunner): Promise<void> {
  const run = (sql: string): Promise<unknown> => queryRunner.query(sql);

  await run('UPDATE `backups` SET `date` = UTC_TIMESTAMP() WHERE `date` IS NULL');
  await run('ALTER TABLE `backups` DROP COLUMN `name`, MODIFY `date` datetime NOT NULL');

  await run("UPDATE `async_job` SET `job_cmd` = '' WHERE `job_cmd` IS NULL");
  await run(
    'ALTER TABLE `async_job` MODIFY `job_cmd` varchar(255) NOT NULL, ' +
      'MODIFY `job_init_msid` bigint unsigned NULL DEFAULT NULL, MODIFY `job_executing_msid` bigint unsigned NULL DEFAULT NULL, ' +
      'MODIFY `job_complete_msid` bigint unsigned NULL DEFAULT NULL, MODIFY `related` varchar(64) NOT NULL',
  );

  await run('ALTER TABLE `event` MODIFY `type` varchar(32) NOT NULL');

  await run(
    `ALTER TABLE \`configuration\` MODIFY \`value\` ${CONFIG_TEXT_4095}, MODIFY \`default_value\` ${CONFIG_TEXT_4095}, ` +
      'MODIFY `scope` varchar(255) NULL DEFAULT NULL',
  );
  await run(`UPDATE \`configuration\` SET \`scope\` = ${scopeBitsToName}`);

  await run('UPDATE `volumes` SET `created` = UTC_TIMESTAMP() WHERE `created` IS NULL');
  await run('ALTER TABLE `volumes` DROP COLUMN `disk_offering_id`, MODIFY `created` datetime NOT NULL');

  await run(
    'ALTER TABLE `vm_instance` DROP COLUMN `guest_os_id`, DROP COLUMN `vnc_password`, DROP COLUMN `vm_type`, ' +
      "MODIFY `service_offering_id` bigint unsigned NULL DEFAULT NULL, MODIFY `hypervisor_type` varchar(32) NULL DEFAULT 'Simulator'",
  );

  await run('ALTER TABLE `account` MODIFY `domain_id` bigint unsigned NOT NULL');
  await run("ALTER TABLE `domain` MODIFY `state` varchar(32) NOT NULL DEFAULT 'Active'");
}

async function upSqlite(queryRunner: QueryRunner): Promise<void> {
  const run = (sql: string): Promise<unknown> => queryRunner.query(sql);

  await run(`ALTER TABLE vm_instance ADD COLUMN guest_os_id bigint NOT NULL DEFAULT ${OTHER_64_BIT_GUEST_OS_ID}`);
  await run("ALTER TABLE vm_instance ADD COLUMN vnc_password varchar(255) NOT NULL DEFAULT ''");
  await run("ALTER TABLE vm_instance ADD COLUMN vm_type varchar(32) NOT NULL DEFAULT 'User'");
  await run('UPDATE vm_instance SET vm_type = type');
  await run(`UPDATE vm_instance SET service_offering_id = ${FIRST_OFFERING_ID} WHERE service_offering_id IS NULL`);

  await run(`ALTER TABLE volumes ADD COLUMN disk_offering_id bigint NOT NULL DEFAULT ${FIRST_OFFERING_ID}`);

  await run(`UPDATE configuration SET scope = ${scopeNameToBits(String)}`);

  await run("ALTER TABLE backups ADD COLUMN name varchar(255) NOT NULL DEFAULT ''");
  await run(
    "UPDATE backups SET name = (SELECT vm.name FROM vm_instance vm WHERE vm.id = backups.vm_id) || '-' || " +
      "strftime('%Y-%m-%dT%H:%MZ', backups.date) WHERE EXISTS (SELECT 1 FROM vm_instance vm WHERE vm.id = backups.vm_id)",
  );
}

async function downSqlite(queryRunner: QueryRunner): Promise<void> {
  const run = (sql: string): Promise<unknown> => queryRunner.query(sql);

  await run('ALTER TABLE backups DROP COLUMN name');
  await run(`UPDATE configuration SET scope = ${scopeBitsToName}`);
  await run('ALTER TABLE volumes DROP COLUMN disk_offering_id');
  await run('ALTER TABLE vm_instance DROP COLUMN vm_type');
  await run('ALTER TABLE vm_instance DROP COLUMN vnc_password');
  await run('ALTER TABLE vm_instance DROP COLUMN guest_os_id');
}

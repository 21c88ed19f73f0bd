/**
 * Passed as `Table.engine`. TypeORM writes it verbatim after `ENGINE=` on MySQL/MariaDB (and
 * ignores it on SQLite), which is the only place the Table API lets us give a table its charset:
 * every table is InnoDB utf8mb4 whatever the database's default charset is.
 */
export const INNODB_UTF8MB4 = 'InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci';

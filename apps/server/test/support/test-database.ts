import { randomBytes } from 'node:crypto';

import { createConnection } from 'mysql2/promise';

/** A MySQL/MariaDB database of its own for one test file. */
export interface TestDatabase {
  /** `DATABASE_URL` of the new database. */
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

/** The server tests use: `CSBR_TEST_DATABASE_URL`, or the local MariaDB. */
export function testServerUrl(): string {
  return process.env.CSBR_TEST_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306';
}

/**
 * Creates an empty `csbr_t_<random>` database (utf8mb4) on the test server. Call `drop()` in
 * `afterAll`.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `csbr_t_${randomBytes(4).toString('hex')}`;
  const server = new URL(testServerUrl());
  server.pathname = '/';
  await runOnServer(server.toString(), `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: () => runOnServer(server.toString(), `DROP DATABASE IF EXISTS \`${name}\``),
  };
}

async function runOnServer(url: string, sql: string): Promise<void> {
  const connection = await createConnection({ uri: url });
  try {
    await connection.query(sql);
  } finally {
    await connection.end();
  }
}

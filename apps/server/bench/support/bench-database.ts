import { createConnection } from 'mysql2/promise';

/** The bench's own database, `csbr_bench_<pid>`, on the local MariaDB (or `CSBR_BENCH_DATABASE_URL`'s server). */
export interface BenchDatabase {
  readonly url: string;
  readonly name: string;
  drop(): Promise<void>;
}

export async function createBenchDatabase(): Promise<BenchDatabase> {
  const name = `csbr_bench_${process.pid}`;
  const server = new URL(process.env.CSBR_BENCH_DATABASE_URL ?? 'mysql://root@127.0.0.1:3306');
  server.pathname = '/';
  const run = async (sql: string) => {
    const connection = await createConnection({ uri: server.toString() });
    try {
      await connection.query(sql);
    } finally {
      await connection.end();
    }
  };
  await run(`DROP DATABASE IF EXISTS \`${name}\``);
  await run(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const url = new URL(server.toString());
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => run(`DROP DATABASE IF EXISTS \`${name}\``) };
}

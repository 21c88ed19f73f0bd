/** Runs one SQL statement on a test's database (as `BackupApiEnv.query` does). */
export type RunQuery = <T>(sql: string, params?: readonly unknown[]) => Promise<T[]>;

/** How many rows each table holds: compared before and after, it shows that a request changed nothing. */
export async function rowCounts(query: RunQuery, tables: readonly string[]): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await query<{ count: string | number }>(`SELECT COUNT(*) AS count FROM \`${table}\``);
    counts[table] = Number(row?.count);
  }
  return counts;
}

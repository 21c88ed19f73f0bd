/**
 * InnoDB refreshes what `information_schema.INNODB_TRX` shows only when it was not read in the last
 * 100 ms, so a probe reading it more often would keep seeing the same stale snapshot.
 */
const INNODB_TRX_REFRESH_MS = 150;

/** Runs a read-only SQL query and returns its rows. */
export type QueryRows = (sql: string, params: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>;

/**
 * Waits until a connection to `databaseName` holds row locks inside a transaction that is not
 * running a statement: a backup operation that took its VM lock and now waits for the provider.
 * Read from `information_schema` without taking any lock, so the probe never disturbs the operation.
 */
export async function waitForIdleRowLockHolder(
  query: QueryRows,
  databaseName: string,
  timeoutMs = 15_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await query(
      `SELECT COUNT(*) AS holders
         FROM information_schema.INNODB_TRX trx
         JOIN information_schema.PROCESSLIST process ON process.ID = trx.trx_mysql_thread_id
        WHERE process.DB = ? AND trx.trx_rows_locked > 0 AND trx.trx_query IS NULL`,
      [databaseName],
    );
    if (Number(row?.holders) > 0) return;
    if (Date.now() > deadline) throw new Error(`no transaction held a row lock within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, INNODB_TRX_REFRESH_MS));
  }
}

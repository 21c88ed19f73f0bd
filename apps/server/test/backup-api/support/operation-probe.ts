/** Runs a read-only SQL query and returns its rows. */
export type QueryRows = (sql: string, params: readonly unknown[]) => Promise<readonly Record<string, unknown>[]>;

const POLL_MS = 50;

/**
 * Waits until the backup operation of a job is recorded (`op_backup_operation`), i.e. until the
 * job took its VM's guard and is waiting for the provider, with no transaction open.
 */
export async function waitForOperationOfJob(query: QueryRows, jobId: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const [row] = await query('SELECT COUNT(*) AS operations FROM op_backup_operation WHERE job_uuid = ?', [jobId]);
    if (Number(row?.operations) > 0) return;
    if (Date.now() > deadline) throw new Error(`job ${jobId} recorded no backup operation within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Transactions of the database that hold row locks right now, from `information_schema`. */
export async function countRowLockHolders(query: QueryRows, databaseName: string): Promise<number> {
  const [row] = await query(
    `SELECT COUNT(*) AS holders
       FROM information_schema.INNODB_TRX trx
       JOIN information_schema.PROCESSLIST process ON process.ID = trx.trx_mysql_thread_id
      WHERE process.DB = ? AND trx.trx_rows_locked > 0`,
    [databaseName],
  );
  return Number(row?.holders);
}

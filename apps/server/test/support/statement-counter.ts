import { type DataSource, type Logger } from 'typeorm';

/** A TypeORM logger that only counts the statements it is handed. */
class CountingLogger implements Logger {
  count = 0;

  logQuery(): void {
    this.count += 1;
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/**
 * Counts the statements a data source sends while `work` runs, by standing in for its logger
 * (TypeORM hands every query to the logger whatever the logging option says, and looks the logger
 * up on each query, so the swap needs no special data source).
 */
export async function countStatements(dataSource: DataSource, work: () => Promise<unknown>): Promise<number> {
  const target = dataSource as unknown as { logger: Logger };
  const original = target.logger;
  const counter = new CountingLogger();
  target.logger = counter;
  try {
    await work();
  } finally {
    target.logger = original;
  }
  return counter.count;
}

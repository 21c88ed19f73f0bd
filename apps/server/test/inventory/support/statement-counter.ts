import { type DataSource, type Logger } from 'typeorm';

/**
 * Counts the statements a data source sends while `work` runs, by standing in for its logger
 * (TypeORM hands every query to the logger whatever the logging option says).
 */
export async function countStatements(dataSource: DataSource, work: () => Promise<unknown>): Promise<number> {
  const target = dataSource as unknown as { logger: Logger };
  const original = target.logger;
  let count = 0;
  target.logger = {
    logQuery: () => {
      count += 1;
    },
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
  try {
    await work();
  } finally {
    target.logger = original;
  }
  return count;
}

import { type Logger } from 'typeorm';

/** A TypeORM logger that only counts the statements sent, so tests can bound them. */
export class QueryCounter implements Logger {
  private count = 0;

  get total(): number {
    return this.count;
  }

  /** How many statements `work` sent. */
  async countDuring(work: () => Promise<unknown>): Promise<number> {
    const before = this.count;
    await work();
    return this.count - before;
  }

  logQuery(): void {
    this.count += 1;
  }

  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

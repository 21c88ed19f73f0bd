import { BackupStore } from './backups';
import { type SimulatorClock } from './clock';
import { IdFactory } from './ids';
import { Inventory } from './inventory';
import { JobStore } from './jobs';
import { SessionEngine, type SessionTiming } from './sessions';

export interface Repository {
  readonly id: string;
  readonly name: string;
}

/** Everything VBR knows. Reset replaces the whole object; the clock and tokens live outside. */
export class SimulatorState {
  readonly ids = new IdFactory();
  readonly inventory = new Inventory();
  readonly jobs = new JobStore();
  readonly backups = new BackupStore(this.ids);
  readonly sessions: SessionEngine;
  readonly repository: Repository;

  constructor(
    readonly clock: SimulatorClock,
    timing: SessionTiming,
  ) {
    this.sessions = new SessionEngine(this.ids, clock);
    this.sessions.timing = { ...timing };
    this.repository = { id: this.ids.create('repository'), name: 'Default Backup Repository' };
  }
}

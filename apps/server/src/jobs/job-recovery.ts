import { Logger } from '@nestjs/common';

import { type AsyncJobOutcome } from '../api/ports/async-job-service';
import { type JobClaims } from './job-claims';
import { type JobOutcomeWriter } from './job-outcome-writer';
import { INTERRUPTED_JOB_OUTCOME } from './job-results';

/** A job whose outcome a recoverer decided. */
export interface RecoveredJob {
  readonly jobUuid: string;
  readonly outcome: AsyncJobOutcome;
}

/**
 * Recovers the work a dead server instance left behind, for one area (the backup operations):
 * finishes or fails it, and says which jobs it ended and how. Must be safe to run again.
 */
export type WorkRecoverer = (deadMsid: string) => Promise<readonly RecoveredJob[]>;

/**
 * Ends the jobs of a server instance that died, or of this instance's previous run. First each
 * recoverer settles the work it knows of (a backup that exists on the provider is recorded and its
 * job succeeds); then every job the dead instance was still running fails with a clear message.
 * No job is ever run a second time. Jobs the dead instance had recorded but not claimed stay
 * pending: any instance claims them.
 */
export class JobRecovery {
  private readonly logger = new Logger('AsyncJobRecovery');
  private readonly recoverers: WorkRecoverer[] = [];

  constructor(
    private readonly claims: JobClaims,
    private readonly outcomes: JobOutcomeWriter,
  ) {}

  register(recoverer: WorkRecoverer): void {
    this.recoverers.push(recoverer);
  }

  /** @returns how many jobs were ended. */
  async recover(deadMsid: string): Promise<number> {
    const jobs = await this.claims.takeOver(deadMsid);
    const ended = new Set<string>();
    for (const recoverer of this.recoverers) {
      for (const { jobUuid, outcome } of await recoverer(deadMsid)) {
        if (await this.outcomes.finish(jobUuid, outcome)) ended.add(jobUuid);
      }
    }
    for (const job of jobs) {
      if (job.uuid === null || ended.has(job.uuid)) continue;
      if (await this.outcomes.finish(job.uuid, INTERRUPTED_JOB_OUTCOME)) ended.add(job.uuid);
    }
    if (ended.size > 0) {
      this.logger.warn(
        `Ended ${ended.size} async job(s) that management server ${deadMsid} left running`,
      );
    }
    return ended.size;
  }
}

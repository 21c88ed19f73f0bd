import { type SimulatorClock } from './clock';
import { type IdFactory } from './ids';
import { type SessionResult } from './jobs';

export type SessionType = 'BackupJob' | 'RestoreVm' | 'DeleteBackup';
export const SESSION_TYPES: readonly SessionType[] = ['BackupJob', 'RestoreVm', 'DeleteBackup'];
export type SessionState = 'Starting' | 'Working' | 'Postprocessing' | 'Stopping' | 'Stopped';
export type LogStatus = 'None' | 'Succeeded' | 'Warning' | 'Failed';

/** How long each phase lasts, in simulator-clock milliseconds. */
export interface SessionTiming {
  startingMs: number;
  workingMs: number;
  postprocessingMs: number;
}

export const DEFAULT_SESSION_TIMING: Readonly<SessionTiming> = {
  startingMs: 50,
  workingMs: 200,
  postprocessingMs: 50,
};

/** How an injected fault makes a session end: a forced result, or never ending ("hang"). */
export type SessionOutcome =
  | { readonly kind: 'result'; readonly result: 'Warning' | 'Failed'; readonly message: string }
  | { readonly kind: 'hang'; readonly progressPercent: number };

export interface SessionLogRecord {
  readonly id: number;
  status: LogStatus;
  readonly title: string;
  readonly startTime: number;
  updateTime: number;
}

/** A per-VM task session (`/sessions/{id}/taskSessions`). */
export interface TaskRecord {
  readonly id: string;
  readonly name: string;
  readonly type: 'Backup' | 'Restore';
  restorePointId?: string;
}

/** What a session does when it ends successfully; may turn into a failure (throw SessionFailure). */
export interface SessionWork {
  /** Side effects of a session that ends well; returns a warning message to end in Warning. */
  complete(session: SessionRecord, endTime: number): { warning?: string } | void;
  /** Runs whenever the session ends (success, failure, stop): releases the job, for instance. */
  release?(session: SessionRecord): void;
}

/** Thrown by SessionWork.complete: the session ends Failed with this message, nothing applied. */
export class SessionFailure extends Error {}

export interface SessionRecord {
  readonly id: string;
  readonly name: string;
  readonly jobId: string;
  readonly type: SessionType;
  readonly createdAt: number;
  readonly timing: Readonly<SessionTiming>;
  readonly initiatedBy: string;
  readonly resourceId?: string;
  readonly resourceReference?: string;
  state: SessionState;
  progressPercent: number;
  result: SessionResult;
  message: string;
  isCanceled: boolean;
  endTime?: number;
  usn: number;
  readonly logs: SessionLogRecord[];
  readonly tasks: TaskRecord[];
  readonly outcome?: SessionOutcome;
  stopRequestedAt?: number;
  readonly work: SessionWork;
}

export interface NewSession {
  name: string;
  jobId: string;
  type: SessionType;
  initiatedBy: string;
  resourceId?: string;
  resourceReference?: string;
  tasks?: { name: string; type: 'Backup' | 'Restore' }[];
  startTitle: string;
  work: SessionWork;
}

export interface SessionFaultSpec {
  /** Only sessions of this type; all types when absent. */
  sessionType?: SessionType;
  /** Only BackupJob sessions of this job. */
  jobId?: string;
  outcome: 'Failed' | 'Warning' | 'Hang';
  /** The result message for Failed/Warning. */
  message?: string;
  /** Sessions to affect; every matching session when absent. */
  times?: number;
}

interface ArmedSessionFault {
  readonly spec: SessionFaultSpec;
  remaining: number | undefined;
}

/** The time a session stopped by a user spends in `Stopping`. */
const STOPPING_MS = 50;

/**
 * Sessions and their state machine Starting → Working → Postprocessing → Stopped. State is a
 * function of the simulator clock: `settle()` (called before every request and control) moves
 * sessions along and applies the side effects of those that ended, in the order they ended.
 */
export class SessionEngine {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly active = new Set<SessionRecord>();
  private readonly faults: ArmedSessionFault[] = [];
  private usn = 0;
  timing: SessionTiming = { ...DEFAULT_SESSION_TIMING };

  constructor(
    private readonly ids: IdFactory,
    private readonly clock: SimulatorClock,
  ) {}

  start(spec: NewSession): SessionRecord {
    const now = this.clock.now();
    const outcome = this.takeFault(spec.type, spec.jobId);
    const session: SessionRecord = {
      id: this.ids.create('session'),
      name: spec.name,
      jobId: spec.jobId,
      type: spec.type,
      createdAt: now,
      timing: { ...this.timing },
      initiatedBy: spec.initiatedBy,
      resourceId: spec.resourceId,
      resourceReference: spec.resourceReference,
      state: 'Starting',
      progressPercent: 0,
      result: 'None',
      message: '',
      isCanceled: false,
      usn: ++this.usn,
      logs: [],
      tasks: (spec.tasks ?? []).map((task) => ({ id: this.ids.create('taskSession'), ...task })),
      outcome,
      work: spec.work,
    };
    this.log(session, 'Succeeded', spec.startTitle, now);
    this.sessions.set(session.id, session);
    this.active.add(session);
    return session;
  }

  get(id: string): SessionRecord | undefined {
    return this.sessions.get(id.toLowerCase());
  }

  all(): SessionRecord[] {
    return [...this.sessions.values()];
  }

  get activeCount(): number {
    return this.active.size;
  }

  /** Asks a running session to stop; it passes through `Stopping` and ends Failed, canceled. */
  stop(session: SessionRecord): void {
    if (session.state === 'Stopped' || session.stopRequestedAt !== undefined) return;
    session.stopRequestedAt = this.clock.now();
    this.log(session, 'Warning', 'Stop requested by user', session.stopRequestedAt);
  }

  /** Brings every active session up to the current simulator time. */
  settle(): void {
    if (this.active.size === 0) return;
    const now = this.clock.now();
    const due = [...this.active].sort((a, b) => this.endsAt(a) - this.endsAt(b));
    for (const session of due) this.advance(session, now);
  }

  /** The simulator time at which every session that can end has ended (hung ones excluded). */
  latestEnd(): number | undefined {
    let latest: number | undefined;
    for (const session of this.active) {
      const end = this.endsAt(session);
      if (Number.isFinite(end)) latest = Math.max(latest ?? end, end);
    }
    return latest;
  }

  armFault(spec: SessionFaultSpec): void {
    this.faults.push({ spec: { ...spec }, remaining: spec.times });
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  listFaults(): SessionFaultSpec[] {
    return this.faults.map((fault) => ({ ...fault.spec, times: fault.remaining }));
  }

  private takeFault(type: SessionType, jobId: string): SessionOutcome | undefined {
    const index = this.faults.findIndex(
      ({ spec }) =>
        (spec.sessionType === undefined || spec.sessionType === type) &&
        (spec.jobId === undefined || spec.jobId.toLowerCase() === jobId),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    if (fault.remaining !== undefined && --fault.remaining <= 0) this.faults.splice(index, 1);
    if (fault.spec.outcome === 'Hang') return { kind: 'hang', progressPercent: 50 };
    return {
      kind: 'result',
      result: fault.spec.outcome,
      message:
        fault.spec.message ??
        (fault.spec.outcome === 'Failed'
          ? 'Simulated failure: the operation failed'
          : 'Simulated warning: the operation completed with warnings'),
    };
  }

  private endsAt(session: SessionRecord): number {
    if (session.stopRequestedAt !== undefined) return session.stopRequestedAt + STOPPING_MS;
    if (session.outcome?.kind === 'hang') return Number.POSITIVE_INFINITY;
    const { startingMs, workingMs, postprocessingMs } = session.timing;
    return session.createdAt + startingMs + workingMs + postprocessingMs;
  }

  private advance(session: SessionRecord, now: number): void {
    const end = this.endsAt(session);
    if (now >= end) {
      this.finish(session, end);
      return;
    }
    const before = `${session.state}/${session.progressPercent}`;
    if (session.stopRequestedAt !== undefined) {
      session.state = 'Stopping';
    } else {
      const { startingMs, workingMs } = session.timing;
      const elapsed = now - session.createdAt;
      if (elapsed < startingMs) {
        session.state = 'Starting';
        session.progressPercent = 0;
      } else if (elapsed < startingMs + workingMs) {
        session.state = 'Working';
        const fraction = (elapsed - startingMs) / Math.max(1, workingMs);
        const progress = Math.min(99, Math.floor(fraction * 100));
        session.progressPercent =
          session.outcome?.kind === 'hang'
            ? Math.min(progress, session.outcome.progressPercent)
            : progress;
      } else if (session.outcome?.kind === 'hang') {
        session.state = 'Working';
        session.progressPercent = session.outcome.progressPercent;
      } else {
        session.state = 'Postprocessing';
        session.progressPercent = 99;
      }
    }
    if (before !== `${session.state}/${session.progressPercent}`) session.usn = ++this.usn;
  }

  private finish(session: SessionRecord, endTime: number): void {
    this.active.delete(session);
    if (session.stopRequestedAt !== undefined) {
      this.end(session, endTime, 'Failed', 'Stopped by user', true);
    } else if (session.outcome?.kind === 'result' && session.outcome.result === 'Failed') {
      this.end(session, endTime, 'Failed', session.outcome.message, false);
    } else {
      try {
        const done = session.work.complete(session, endTime);
        const warning =
          session.outcome?.kind === 'result'
            ? session.outcome.message
            : done
              ? done.warning
              : undefined;
        if (warning === undefined) this.end(session, endTime, 'Success', 'Success', false);
        else this.end(session, endTime, 'Warning', warning, false);
      } catch (error) {
        if (!(error instanceof SessionFailure)) throw error;
        this.end(session, endTime, 'Failed', error.message, false);
      }
    }
    session.work.release?.(session);
  }

  private end(
    session: SessionRecord,
    endTime: number,
    result: Exclude<SessionResult, 'None'>,
    message: string,
    canceled: boolean,
  ): void {
    session.state = 'Stopped';
    session.progressPercent = 100;
    session.result = result;
    session.message = message;
    session.isCanceled = canceled;
    session.endTime = endTime;
    session.usn = ++this.usn;
    const status: LogStatus = result === 'Success' ? 'Succeeded' : result;
    const title =
      result === 'Success'
        ? `${session.name} finished successfully`
        : `${session.name} finished with ${result.toLowerCase()}: ${message}`;
    this.log(session, status, title, endTime);
  }

  log(session: SessionRecord, status: LogStatus, title: string, time: number): void {
    session.logs.push({
      id: session.logs.length + 1,
      status,
      title,
      startTime: time,
      updateTime: time,
    });
  }
}

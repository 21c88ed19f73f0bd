import { type NewVm } from '../model/inventory';
import { type SeedPreset, type SeedSpec, type SeedSummary } from '../model/seed';
import {
  SESSION_TYPES,
  type SessionFaultSpec,
  type SessionState,
  type SessionTiming,
  type SessionType,
} from '../model/sessions';
import { checkTiming, toSeedSpec } from '../options';
import { type SimulatorContext } from '../simulator-context';
import { type ArmedFault, type FaultSpec } from './faults';
import { type OperationCount, type RequestLogEntry } from './request-log';
import {
  backupView,
  jobView,
  restorePointView,
  sessionView,
  vmView,
  type BackupView,
  type JobView,
  type RestorePointView,
  type SessionView,
  type VmView,
} from './views';

export interface StateSummary {
  personality: string;
  buildVersion: string;
  revisions: string[];
  now: string;
  vms: number;
  jobs: number;
  backups: number;
  backupObjects: number;
  restorePoints: number;
  sessions: number;
  activeSessions: number;
  liveTokens: number;
  requests: number;
  faults: number;
}

export interface SessionFilter {
  type?: SessionType;
  state?: SessionState;
  jobId?: string;
}

export interface RestorePointFilter {
  backupId?: string;
  vmObjectId?: string;
  skip?: number;
  limit?: number;
}

/**
 * Drives and inspects a running simulator from a test in the same process. The HTTP control API
 * under `/_simulator/` calls exactly these methods, for tests in another process.
 */
export class SimulatorControls {
  constructor(private readonly context: SimulatorContext) {}

  private get state() {
    this.context.state.sessions.settle();
    return this.context.state;
  }

  // --- state ---------------------------------------------------------------------------------

  /** Forgets all VMs, jobs, backups and sessions, then seeds (default: the empty vCenter). */
  reset(seed: SeedPreset | SeedSpec = 'empty'): SeedSummary {
    this.context.faults.clear();
    this.context.state.sessions.clearFaults();
    this.context.requests.clear();
    return this.context.reset(toSeedSpec(seed));
  }

  /** Adds the preset and/or scale data on top of the current state. */
  seed(spec: SeedPreset | SeedSpec): SeedSummary {
    return this.context.seed(toSeedSpec(spec));
  }

  summary(): StateSummary {
    const state = this.state;
    const { profile } = this.context;
    return {
      personality: profile.personality,
      buildVersion: profile.buildVersion,
      revisions: [...profile.revisions],
      now: new Date(this.context.clock.now()).toISOString(),
      vms: state.inventory.vmCount,
      jobs: state.jobs.size,
      backups: state.backups.allBackups().length,
      backupObjects: state.backups.allChains().length,
      restorePoints: state.backups.pointCount,
      sessions: state.sessions.all().length,
      activeSessions: state.sessions.activeCount,
      liveTokens: this.context.tokens.liveCount(this.context.clock.now()),
      requests: this.context.requests.total(),
      faults: this.context.faults.list().length + state.sessions.listFaults().length,
    };
  }

  listVms(filter: { name?: string } = {}): VmView[] {
    const state = this.state;
    return [...state.inventory.allVms()]
      .filter((vm) => filter.name === undefined || vm.name === filter.name)
      .map((vm) => vmView(state, vm));
  }

  getVm(objectId: string): VmView | undefined {
    const vm = this.state.inventory.getVm(objectId);
    return vm && vmView(this.state, vm);
  }

  /** Adds a VM to the vCenter (host and datastore by moref; the first ones by default). */
  addVm(spec: NewVm): VmView {
    if (typeof spec?.name !== 'string' || spec.name === '')
      throw new RangeError('A VM needs a name');
    const state = this.state;
    for (const [field, type] of [
      ['hostObjectId', 'Host'],
      ['datastoreObjectId', 'Datastore'],
    ] as const) {
      const objectId = spec[field];
      if (objectId !== undefined && state.inventory.findInfra(objectId)?.type !== type) {
        throw new RangeError(`${field} ${objectId} is not a ${type}`);
      }
    }
    return vmView(state, state.inventory.addVm(this.context.options.vcenterName, spec));
  }

  /** Deletes a VM from vCenter (backups keep its restore points). */
  removeVm(objectId: string): boolean {
    return this.state.inventory.removeVm(objectId);
  }

  listJobs(): JobView[] {
    const state = this.state;
    return state.jobs.all().map((job) => jobView(state, job));
  }

  /** A job by id or by name. */
  getJob(idOrName: string): JobView | undefined {
    const state = this.state;
    const job =
      state.jobs.get(idOrName) ?? state.jobs.all().find((candidate) => candidate.name === idOrName);
    return job && jobView(state, job);
  }

  listSessions(filter: SessionFilter = {}): SessionView[] {
    return this.state.sessions
      .all()
      .filter(
        (session) =>
          (filter.type === undefined || session.type === filter.type) &&
          (filter.state === undefined || session.state === filter.state) &&
          (filter.jobId === undefined || session.jobId === filter.jobId.toLowerCase()),
      )
      .map(sessionView);
  }

  getSession(id: string): SessionView | undefined {
    const session = this.state.sessions.get(id);
    return session && sessionView(session);
  }

  listBackups(): BackupView[] {
    return this.state.backups.allBackups().map(backupView);
  }

  /** Restore points oldest first, optionally of one backup or VM; paged with skip/limit. */
  listRestorePoints(filter: RestorePointFilter = {}): RestorePointView[] {
    const state = this.state;
    const points = state.backups
      .timeline()
      .filter(
        (point) =>
          (filter.backupId === undefined ||
            point.chain.backup.id === filter.backupId.toLowerCase()) &&
          (filter.vmObjectId === undefined || point.chain.vmObjectId === filter.vmObjectId),
      );
    const skip = filter.skip ?? 0;
    return points
      .slice(skip, skip + (filter.limit ?? points.length))
      .map((point) => restorePointView(state, point));
  }

  // --- requests ------------------------------------------------------------------------------

  /** The most recent API requests (method, path, query, operation, status; never bodies). */
  requestLog(limit?: number): RequestLogEntry[] {
    return this.context.requests.recent(limit);
  }

  /** Requests per Veeam operationId, with counts per status. */
  requestCounts(): Record<string, OperationCount> {
    return this.context.requests.countsByOperation();
  }

  clearRequestLog(): void {
    this.context.requests.clear();
  }

  // --- faults --------------------------------------------------------------------------------

  injectFault(spec: FaultSpec): ArmedFault {
    return this.context.faults.arm(spec);
  }

  removeFault(id: number): boolean {
    return this.context.faults.disarm(id);
  }

  listFaults(): ArmedFault[] {
    return this.context.faults.list();
  }

  /** Makes the next matching sessions end Failed or Warning, or hang in Working until stopped. */
  injectSessionFault(spec: SessionFaultSpec): SessionFaultSpec {
    if (!['Failed', 'Warning', 'Hang'].includes(spec?.outcome)) {
      throw new RangeError('outcome must be Failed, Warning or Hang');
    }
    if (spec.times !== undefined && (!Number.isInteger(spec.times) || spec.times < 1)) {
      throw new RangeError('times must be a positive integer');
    }
    if (spec.sessionType !== undefined && !SESSION_TYPES.includes(spec.sessionType)) {
      throw new RangeError(`sessionType must be one of ${SESSION_TYPES.join(', ')}`);
    }
    this.context.state.sessions.armFault(spec);
    return { ...spec };
  }

  listSessionFaults(): SessionFaultSpec[] {
    return this.context.state.sessions.listFaults();
  }

  /** Clears HTTP and session faults. */
  clearFaults(): void {
    this.context.faults.clear();
    this.context.state.sessions.clearFaults();
  }

  // --- tokens and time -----------------------------------------------------------------------

  /** Every access token issued so far expires now (refresh tokens keep working). */
  expireAccessTokens(): number {
    return this.context.tokens.expireAccessTokens(this.context.clock.now());
  }

  /** Every refresh token stops working: clients must log in again with the password. */
  revokeRefreshTokens(): number {
    return this.context.tokens.revokeRefreshTokens(this.context.clock.now());
  }

  /** Lifetimes of tokens issued from now on. */
  setTokenLifetimes(lifetimes: { accessSeconds?: number; refreshSeconds?: number }): void {
    const current = this.context.tokens.lifetimes;
    const next = {
      accessSeconds: lifetimes.accessSeconds ?? current.accessSeconds,
      refreshSeconds: lifetimes.refreshSeconds ?? current.refreshSeconds,
    };
    if (!(next.accessSeconds > 0) || !(next.refreshSeconds > 0)) {
      throw new RangeError('Token lifetimes must be positive');
    }
    this.context.tokens.lifetimes = next;
  }

  /** Moves the simulator clock forward: sessions progress, tokens age. */
  advanceClock(ms: number): void {
    this.context.clock.advance(ms);
    this.context.state.sessions.settle();
  }

  now(): Date {
    return new Date(this.context.clock.now());
  }

  /** Phase durations of sessions started from now on. */
  setSessionTiming(timing: Partial<SessionTiming>): void {
    this.context.setSessionTiming(checkTiming({ ...this.context.sessionTiming, ...timing }));
  }

  /** Ends every running session that can end (hung ones stay), by moving the clock; returns the ms moved. */
  finishSessions(): number {
    const sessions = this.context.state.sessions;
    sessions.settle();
    const latest = sessions.latestEnd();
    const now = this.context.clock.now();
    const step = latest === undefined ? 0 : Math.max(0, latest - now);
    this.advanceClock(step);
    return step;
  }
}

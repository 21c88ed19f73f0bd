import { badRequest, type VbrError } from '../http/vbr-error';
import { retentionOf, type JobRecord } from './jobs';
import { SessionFailure, type SessionRecord } from './sessions';
import { type SimulatorState } from './simulator-state';

/** The error VBR gives when a job is started twice (wording unverified, status 400). */
export function jobAlreadyRunning(job: JobRecord): VbrError {
  return badRequest(`Failed to start the job: job '${job.name}' is already running.`);
}

/**
 * Starts a job: a BackupJob session that, when it ends, adds one restore point per included VM
 * (Full for a new chain or an active full, else Increment), a backup file per point, and trims
 * the chain to the job's retention. Returns undefined for a job with no VM (1.3 answers 204).
 */
export function startJob(
  state: SimulatorState,
  job: JobRecord,
  options: { activeFull: boolean; initiatedBy: string },
): SessionRecord | undefined {
  if (job.runningSessionId !== undefined) throw jobAlreadyRunning(job);
  if (job.isDisabled) throw badRequest(`Failed to start the job: job '${job.name}' is disabled.`);
  if (job.includes.length === 0) return undefined;
  const session = state.sessions.start({
    name: job.name,
    jobId: job.id,
    type: 'BackupJob',
    initiatedBy: options.initiatedBy,
    tasks: job.includes.map((include) => ({ name: include.name, type: 'Backup' })),
    startTitle: `Job started at ${new Date(state.clock.now()).toISOString()}`,
    work: {
      complete: (run, endTime) => backUpIncludes(state, job, run, endTime, options.activeFull),
      release: (run) => {
        if (job.runningSessionId === run.id) job.runningSessionId = undefined;
        job.lastRunAt = run.createdAt;
        job.lastResult = run.result;
        job.lastSessionId = run.id;
      },
    },
  });
  job.runningSessionId = session.id;
  return session;
}

function backUpIncludes(
  state: SimulatorState,
  job: JobRecord,
  session: SessionRecord,
  endTime: number,
  activeFull: boolean,
): { warning?: string } {
  const missing: string[] = [];
  const pointTime = session.createdAt + session.timing.startingMs;
  for (const [index, include] of job.includes.entries()) {
    const vm = state.inventory.getVm(include.objectId);
    if (vm === undefined) {
      missing.push(include.name);
      state.sessions.log(
        session,
        'Failed',
        `Processing ${include.name}: VM not found (${include.objectId})`,
        endTime,
      );
      continue;
    }
    const backup =
      state.backups.backupOfJob(job.id) ??
      state.backups.createBackup(
        job.id,
        job.name,
        String(job.storage['backupRepositoryId']),
        pointTime,
      );
    const chain =
      backup.chains.find((candidate) => candidate.vmObjectId === vm.objectId) ??
      state.backups.createChain(backup, vm);
    const point = state.backups.addPoint(
      chain,
      pointTime,
      activeFull || chain.points.length === 0,
      session.id,
    );
    chain.lastRunFailed = false;
    const task = session.tasks[index];
    if (task) task.restorePointId = state.backups.pointId(point);
    state.sessions.log(session, 'Succeeded', `Processing ${vm.name}`, endTime);
    state.backups.applyRetention(chain, retentionOf(job), endTime);
  }
  if (missing.length === job.includes.length) {
    throw new SessionFailure(`No VM could be processed: ${missing.join(', ')} not found`);
  }
  if (missing.length > 0)
    return { warning: `Some VMs were not processed: ${missing.join(', ')} not found` };
  return {};
}

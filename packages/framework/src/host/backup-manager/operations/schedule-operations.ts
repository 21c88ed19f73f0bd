import { BackupError } from '../../../errors/backup-error';
import { type Caller, type Page, type PageRequest } from '../../ports';
import {
  nextBackupRunTime,
  normalizeScheduleTimeZone,
  parseBackupScheduleIntervalType,
  planScheduledRun,
} from '../../backup-schedule/schedule-arithmetic';
import { backupsToPrune } from '../../backup-schedule/retention';
import {
  type BackupSchedule,
  type BackupScheduleQuery,
  type BackupScheduleRepository,
  type BackupScheduleView,
} from '../../backup-schedule/schedule-ports';
import { type ManagerContext } from '../manager-context';
import { Messages } from '../messages';
import { type OperationOptions } from '../operation-options';
import { ScheduleMessages } from '../schedule-messages';
import { type ConfigureScheduleRequest, type DeleteScheduleRequest, type ScheduledRunResult } from '../types';
import { createBackup, deleteBackup } from './backup-operations';
import { ownerOf } from './vm-owner';

/**
 * `createBackupSchedule` / `updateBackupSchedule` (CloudStack 4.22: both upsert the VM's schedule
 * of the interval type). The next run is computed at once in the schedule's zone.
 */
export async function configureSchedule(
  context: ManagerContext,
  schedules: BackupScheduleRepository,
  caller: Caller,
  request: ConfigureScheduleRequest,
): Promise<BackupSchedule> {
  const intervalType = parseBackupScheduleIntervalType(request.intervalType);
  if (intervalType === undefined) throw new BackupError('INVALID_PARAMETER', ScheduleMessages.invalidIntervalType);
  const { vms, mappings, policies } = context.repositories;
  const vm = await vms.findById(request.vmId);
  if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.vmNotFound);
  await context.zones.requireEnabledZone(vm.zoneId);
  await context.access.checkAccess(caller, ownerOf(vm));
  const mapping = await mappings.findByVm(vm.id);
  if (mapping === undefined) throw new BackupError('INVALID_STATE', ScheduleMessages.withoutOffering);
  const policy = await policies.findById(mapping.policyId);
  // CloudStack's rule (BackupManagerImpl.configureBackupSchedule, 4.14 to 4.22): a missing offering or
  // one without user-driven backups refuses every caller, root admins included.
  if (policy === undefined || policy.allowUserDrivenBackups === false) {
    throw new BackupError('INVALID_STATE', ScheduleMessages.offeringDoesNotAllow);
  }
  const maxBackups = request.maxBackups ?? 0;
  if (!Number.isInteger(maxBackups) || maxBackups < 0) {
    throw new BackupError('INVALID_PARAMETER', ScheduleMessages.negativeMaxBackups(maxBackups, vm.name));
  }
  const timeZone = normalizeScheduleTimeZone(request.timeZone);
  if (timeZone !== request.timeZone) {
    context.logger.warn('Using a time zone equivalent for a backup schedule', { given: request.timeZone, used: timeZone });
  }
  const scheduledAt = nextBackupRunTime(intervalType, request.schedule, timeZone, context.clock.now());
  const fields = {
    schedule: request.schedule,
    timeZone,
    scheduledAt,
    maxBackups,
    quiesceVm: request.quiesceVm ?? null,
  };
  const existing = await schedules.findByVmAndType(vm.id, intervalType);
  if (existing === undefined) {
    return schedules.insert({ vmId: vm.id, intervalType, accountId: vm.accountId, domainId: vm.domainId, ...fields });
  }
  await schedules.update(existing.id, fields);
  return { ...existing, ...fields };
}

/** `listBackupSchedule`: a named VM must be the caller's to see. */
export async function listSchedules(
  context: ManagerContext,
  schedules: BackupScheduleRepository,
  caller: Caller,
  query: BackupScheduleQuery,
  page: PageRequest,
): Promise<Page<BackupScheduleView>> {
  if (query.vmId !== undefined) {
    const vm = await context.repositories.vms.findById(query.vmId);
    if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.vmNotFound);
    await context.access.checkAccess(caller, ownerOf(vm));
  }
  return schedules.list(query, page);
}

/** `deleteBackupSchedule`: one schedule by id, or every schedule of a VM. */
export async function deleteSchedule(
  context: ManagerContext,
  schedules: BackupScheduleRepository,
  caller: Caller,
  request: DeleteScheduleRequest,
): Promise<void> {
  if (request.uuid !== undefined) {
    const found = await schedules.list({ uuid: request.uuid, scope: { kind: 'all' } }, { offset: 0, limit: 1 });
    const schedule = found.items[0];
    if (schedule === undefined) throw new BackupError('NOT_FOUND', ScheduleMessages.scheduleNotFound(request.uuid));
    const vm = await context.repositories.vms.findById(schedule.vmId, { includeRemoved: true });
    if (vm !== undefined) await context.access.checkAccess(caller, ownerOf(vm));
    if (!(await schedules.delete(schedule.id))) throw new BackupError('OPERATION_FAILED', ScheduleMessages.deleteFailed);
    return;
  }
  if (request.vmId === undefined) throw new BackupError('INVALID_PARAMETER', ScheduleMessages.deleteNeedsVmOrId);
  const vm = await context.repositories.vms.findById(request.vmId);
  if (vm === undefined) throw new BackupError('NOT_FOUND', Messages.vmNotFound);
  await context.zones.requireEnabledZone(vm.zoneId);
  await context.access.checkAccess(caller, ownerOf(vm));
  const page = await schedules.list({ vmId: vm.id, scope: { kind: 'all' } }, { offset: 0 });
  if (page.items.length === 0) throw new BackupError('NOT_FOUND', ScheduleMessages.vmHasNoSchedule);
  for (const schedule of page.items) await schedules.delete(schedule.id);
}

/**
 * The scheduler's claim (spec §7.2, run by the instance that holds the scheduler lease): every due
 * schedule gets its next run time, computed from `now`, with a compare-and-set, so a slot starts
 * exactly one run however many instances try, and slots missed while no instance ran collapse into
 * one run. Schedules whose VM is gone or no longer assigned are deleted, as CloudStack does.
 * Returns the schedules to run now.
 */
export async function claimDueSchedules(
  context: ManagerContext,
  schedules: BackupScheduleRepository,
  now: Date,
  limit: number,
): Promise<readonly BackupSchedule[]> {
  const claimed: BackupSchedule[] = [];
  for (const schedule of await schedules.listDue(now, limit)) {
    if (schedule.scheduledAt === null) continue;
    const vm = await context.repositories.vms.findById(schedule.vmId);
    const mapping = vm === undefined ? undefined : await context.repositories.mappings.findByVm(vm.id);
    if (vm === undefined || mapping === undefined) {
      await schedules.delete(schedule.id);
      context.logger.info('Deleted the backup schedule of a VM without a backup offering', { schedule: schedule.uuid });
      continue;
    }
    // CloudStack's poll task skips (and keeps) the schedule while its offering is missing or does not
    // allow user-driven backups: no run and no failure. csbr also moves it to its next slot, so that
    // skipped schedules never fill the page of due ones.
    const policy = await context.repositories.policies.findById(mapping.policyId);
    const allowed = policy !== undefined && policy.allowUserDrivenBackups !== false;
    let plan;
    try {
      plan = planScheduledRun(schedule, schedule.scheduledAt, now);
    } catch (error) {
      context.logger.warn('Skipping a backup schedule that cannot be computed', {
        schedule: schedule.uuid,
        error: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    if (!plan.due) continue;
    if ((await schedules.advance(schedule.id, schedule.scheduledAt, plan.nextRunAt)) && allowed) {
      claimed.push({ ...schedule, scheduledAt: plan.nextRunAt });
    }
  }
  return claimed;
}

/**
 * One scheduled backup (the job the scheduler submits): the normal guarded `createBackup` with the
 * schedule's `quiescevm`, then `maxbackups` retention. Retention deletes the oldest good backups of
 * the schedule beyond `maxbackups` one by one through the provider, each a guarded delete with no
 * transaction open; a failed delete is logged and left for the next run. A provider that can only
 * delete whole chains is never asked to (that would delete the good backups too).
 */
export async function runSchedule(
  context: ManagerContext,
  schedules: BackupScheduleRepository,
  caller: Caller,
  scheduleId: string,
  options: OperationOptions,
): Promise<ScheduledRunResult> {
  const schedule = await schedules.findById(scheduleId);
  if (schedule === undefined) throw new BackupError('NOT_FOUND', ScheduleMessages.scheduleNotFound(scheduleId));
  const backup = await createBackup(
    context,
    caller,
    { vmId: schedule.vmId, ...(schedule.quiesceVm === null ? {} : { quiesce: schedule.quiesceVm }) },
    options,
    { id: schedule.id, intervalType: schedule.intervalType },
  );
  if (backup === undefined) return { pruned: [] };
  const pruned: string[] = [];
  for (const old of backupsToPrune(await schedules.listGoodBackups(schedule.id), schedule.maxBackups)) {
    if (old.id === backup.id) continue;
    try {
      await deleteBackup(context, caller, { backupId: old.id }, withoutJob(options));
      pruned.push(old.id);
    } catch (error) {
      context.logger.warn('Backup retention could not delete an old backup; the next run tries again', {
        schedule: schedule.uuid,
        backup: old.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return { backup, pruned };
}

/** The deletes run inside the schedule's job but are not that job's operation. */
function withoutJob(options: OperationOptions): OperationOptions {
  return {
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.progress === undefined ? {} : { progress: options.progress }),
  };
}

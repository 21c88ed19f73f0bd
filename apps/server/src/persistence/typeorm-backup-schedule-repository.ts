import { randomUUID } from 'node:crypto';

import {
  BACKUP_SCHEDULE_INTERVAL_TYPES,
  type BackupSchedule,
  type BackupScheduleIntervalType,
  type BackupScheduleQuery,
  type BackupScheduleRepository,
  type BackupScheduleView,
  type NewBackupSchedule,
  type Page,
  type PageRequest,
  type ScheduledBackupRef,
} from '@csbr/framework/host';
import { type EntityManager, IsNull, LessThanOrEqual, Not } from 'typeorm';

import { BackupEntity, BackupScheduleEntity, VmInstanceEntity } from '../database/entities';
import { applyAccountScope } from './account-scope';
import { violatedUniqueConstraint } from './database-errors';
import { insertRow } from './insert-row';
import { startsWithPattern, LIKE_ESCAPE } from './like-pattern';
import { fetchPage, rawText } from './query-rows';

/** `backup_schedule` (CloudStack 4.22). Every method is one statement. */
export class TypeOrmBackupScheduleRepository implements BackupScheduleRepository {
  constructor(private readonly manager: EntityManager) {}

  async findById(id: string): Promise<BackupSchedule | undefined> {
    const row = await this.manager.findOneBy(BackupScheduleEntity, { id });
    return row === null ? undefined : toSchedule(row);
  }

  async findByVmAndType(vmId: string, intervalType: BackupScheduleIntervalType): Promise<BackupSchedule | undefined> {
    const row = await this.manager.findOneBy(BackupScheduleEntity, { vmId, scheduleType: ordinalOf(intervalType) });
    return row === null ? undefined : toSchedule(row);
  }

  async insert(schedule: NewBackupSchedule): Promise<BackupSchedule> {
    const uuid = randomUUID();
    try {
      const id = await insertRow(this.manager, BackupScheduleEntity, {
        uuid,
        vmId: schedule.vmId,
        scheduleType: ordinalOf(schedule.intervalType),
        schedule: schedule.schedule,
        timezone: schedule.timeZone,
        scheduledTimestamp: schedule.scheduledAt,
        maxBackups: schedule.maxBackups,
        quiesceVm: schedule.quiesceVm,
        accountId: schedule.accountId,
        domainId: schedule.domainId,
      });
      return { ...schedule, id, uuid };
    } catch (error) {
      // A concurrent create of the same VM and interval type won: this one updates it instead.
      if (violatedUniqueConstraint(error) === undefined) throw error;
      const existing = await this.findByVmAndType(schedule.vmId, schedule.intervalType);
      if (existing === undefined) throw error;
      await this.update(existing.id, schedule);
      return { ...existing, ...schedule, id: existing.id, uuid: existing.uuid };
    }
  }

  async update(
    id: string,
    fields: Pick<BackupSchedule, 'schedule' | 'timeZone' | 'scheduledAt' | 'maxBackups' | 'quiesceVm'>,
  ): Promise<void> {
    await this.manager.update(BackupScheduleEntity, { id }, {
      schedule: fields.schedule,
      timezone: fields.timeZone,
      scheduledTimestamp: fields.scheduledAt,
      maxBackups: fields.maxBackups,
      quiesceVm: fields.quiesceVm,
    });
  }

  async delete(id: string): Promise<boolean> {
    const result = await this.manager.delete(BackupScheduleEntity, { id });
    return (result.affected ?? 0) > 0;
  }

  /** Schedules of VMs that are not removed, with the VM's names, oldest first. */
  list(query: BackupScheduleQuery, page: PageRequest): Promise<Page<BackupScheduleView>> {
    const select = this.manager
      .createQueryBuilder(BackupScheduleEntity, 'schedule')
      .innerJoin(VmInstanceEntity, 'vm', 'vm.id = schedule.vmId')
      .addSelect('vm.uuid', 'vmUuid')
      .addSelect('vm.name', 'vmName')
      .where('vm.removed IS NULL');
    if (query.id !== undefined) select.andWhere('schedule.id = :id', { id: query.id });
    if (query.uuid !== undefined) select.andWhere('schedule.uuid = :uuid', { uuid: query.uuid });
    if (query.vmId !== undefined) select.andWhere('schedule.vmId = :vmId', { vmId: query.vmId });
    if (query.keyword !== undefined && query.keyword !== '') {
      select.andWhere(`vm.name LIKE :keyword ${LIKE_ESCAPE}`, { keyword: startsWithPattern(query.keyword) });
    }
    applyAccountScope(select, query.scope, { account: 'vm.accountId', domain: 'vm.domainId' });
    return fetchPage(select, page, ({ entity, raw }) => ({
      ...toSchedule(entity),
      vmUuid: rawText(raw, 'vmUuid'),
      vmName: rawText(raw, 'vmName'),
    }));
  }

  async listDue(now: Date, limit: number): Promise<readonly BackupSchedule[]> {
    const rows = await this.manager.find(BackupScheduleEntity, {
      where: { scheduledTimestamp: LessThanOrEqual(now), asyncJobId: IsNull() },
      order: { scheduledTimestamp: 'ASC', id: 'ASC' },
      take: limit,
    });
    return rows.map(toSchedule);
  }

  async advance(id: string, expected: Date, next: Date): Promise<boolean> {
    const result = await this.manager.update(
      BackupScheduleEntity,
      { id, scheduledTimestamp: expected },
      { scheduledTimestamp: next },
    );
    return (result.affected ?? 0) > 0;
  }

  async listGoodBackups(scheduleId: string): Promise<readonly ScheduledBackupRef[]> {
    const rows = await this.manager.find(BackupEntity, {
      select: { id: true, date: true },
      where: { backupScheduleId: scheduleId, status: 'BackedUp', removed: IsNull(), externalId: Not(IsNull()) },
      order: { date: 'ASC', id: 'ASC' },
    });
    return rows.map((row) => ({ id: row.id, date: row.date }));
  }
}

function ordinalOf(type: BackupScheduleIntervalType): number {
  return BACKUP_SCHEDULE_INTERVAL_TYPES.indexOf(type);
}

function toSchedule(row: BackupScheduleEntity): BackupSchedule {
  return {
    id: row.id,
    uuid: row.uuid,
    vmId: row.vmId,
    intervalType: BACKUP_SCHEDULE_INTERVAL_TYPES[row.scheduleType ?? 0] ?? 'HOURLY',
    schedule: row.schedule ?? '',
    timeZone: row.timezone ?? 'GMT',
    scheduledAt: row.scheduledTimestamp,
    maxBackups: Number(row.maxBackups),
    quiesceVm: row.quiesceVm,
    accountId: row.accountId ?? '',
    domainId: row.domainId ?? '',
  };
}

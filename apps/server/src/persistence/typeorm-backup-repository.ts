import { randomUUID } from 'node:crypto';

import { type Backup, BackupError, type BackupIntervalType, type BackupStatus } from '@csbr/framework';
import {
  type BackupQuery,
  type BackupRepository,
  type BackupView,
  type CompletedBackupFields,
  type NewBackup,
  type Page,
  type PageRequest,
} from '@csbr/framework/host';
import { type EntityManager, In, IsNull } from 'typeorm';

import { insertMany } from '../inventory/records/insert-many';

import { BackupEntity } from '../database/entities';
import { violatedUniqueConstraint } from './database-errors';
import { EntitySql } from './entity-sql';
import { insertRow } from './insert-row';
import { updateValues } from './write-rows';
import { containsPattern, LIKE_ESCAPE } from './like-pattern';
import { addAccountScope, fetchRawPage, sqlDate, SqlConditions, sqlId, sqlOptionalText, type SqlRow, sqlText } from './raw-page';
import { volumeInfosFromJson, volumeInfosToJson } from './volume-info-json';

/** `backups` as the job path's hand-written lookups select it. */
const backupSql = (manager: EntityManager) => EntitySql.of(manager, BackupEntity, 'b');

/**
 * CloudStack's `Backup.Type` in ordinal order: `backups.backup_interval_type` holds the index.
 * (`backup_schedule.schedule_type` counts from HOURLY instead: DateUtil.IntervalType.)
 */
export const BACKUP_INTERVAL_TYPES: readonly BackupIntervalType[] = ['MANUAL', 'HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY'];

/** Rows per multi-row INSERT: well under MySQL's 65,535 and SQLite's 32,766 placeholders. */
const ROWS_PER_STATEMENT = 1000;

/** Backups (`backups`): one row per provider restore point. */
export class TypeOrmBackupRepository implements BackupRepository {
  constructor(private readonly manager: EntityManager) {}

  async findById(id: string, options?: { includeRemoved?: boolean }): Promise<Backup | undefined> {
    const backup = await backupSql(this.manager).findOne(
      this.manager,
      options?.includeRemoved === true ? 'b.id = ?' : 'b.id = ? AND b.removed IS NULL',
      [id],
    );
    return backup === undefined ? undefined : toBackup(backup);
  }

  /** Throws `ALREADY_EXISTS` when the VM already has an active backup with the same external id. */
  async insert(backup: NewBackup): Promise<Backup> {
    const uuid = randomUUID();
    let id: string;
    try {
      id = await insertRow(this.manager, BackupEntity, backupRow(backup, uuid));
    } catch (error) {
      if (violatedUniqueConstraint(error) === undefined) throw error;
      throw new BackupError(
        'ALREADY_EXISTS',
        `A backup with external ID ${backup.externalId} already exists for VM ${backup.vmId}`,
        { cause: error },
      );
    }
    return { ...backup, volumes: [...backup.volumes], id, uuid };
  }

  async markRemoved(ids: readonly string[], at: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.manager.update(
      BackupEntity,
      { id: In([...ids]), removed: IsNull() },
      { removed: at, status: 'Removed' satisfies BackupStatus },
    );
  }

  async setStatus(id: string, status: BackupStatus): Promise<void> {
    await this.manager.update(BackupEntity, { id, removed: IsNull() }, { status });
  }

  async complete(id: string, fields: CompletedBackupFields): Promise<void> {
    await updateValues(
      this.manager,
      BackupEntity,
      {
        externalId: fields.externalId,
        type: fields.type,
        date: fields.date,
        size: String(fields.size),
        protectedSize: String(fields.protectedSize),
        status: 'BackedUp' satisfies BackupStatus,
      },
      'id = ?',
      [id],
    );
  }

  async discard(id: string): Promise<void> {
    await this.manager.delete(BackupEntity, { id });
  }

  async findActiveByExternalId(vmId: string, externalId: string): Promise<Backup | undefined> {
    const backup = await backupSql(this.manager).findOne(
      this.manager,
      'b.vm_id = ? AND b.external_id = ? AND b.removed IS NULL',
      [vmId, externalId],
    );
    return backup === undefined ? undefined : toBackup(backup);
  }

  async listActiveByVm(vmId: string): Promise<readonly Backup[]> {
    const backups = await this.manager.find(BackupEntity, {
      where: { vmId, removed: IsNull() },
      order: { id: 'ASC' },
    });
    return backups.map(toBackup);
  }

  async updateSizes(id: string, size: number, protectedSize: number): Promise<void> {
    await this.manager.update(
      BackupEntity,
      { id },
      { size: String(size), protectedSize: String(protectedSize) },
    );
  }

  /** Multi-row INSERTs of a thousand rows; the uuids are made here, so nothing is read back. */
  async insertMany(backups: readonly NewBackup[]): Promise<readonly string[]> {
    const created: string[] = [];
    for (let start = 0; start < backups.length; start += ROWS_PER_STATEMENT) {
      const chunk = backups.slice(start, start + ROWS_PER_STATEMENT).map((backup) => ({ backup, uuid: randomUUID() }));
      try {
        await insertMany(
          this.manager,
          BackupEntity,
          chunk.map(({ backup, uuid }) => backupRow(backup, uuid)),
        );
      } catch (error) {
        if (violatedUniqueConstraint(error) === undefined) throw error;
        throw new BackupError('ALREADY_EXISTS', 'One of the backups is already recorded for its VM', { cause: error });
      }
      created.push(...chunk.map(({ uuid }) => uuid));
    }
    return created;
  }

  async listActiveExternalIds(
    vmIds: readonly string[],
    externalIds: readonly string[],
  ): Promise<ReadonlyMap<string, ReadonlySet<string>>> {
    const found = new Map<string, Set<string>>();
    if (vmIds.length === 0 || externalIds.length === 0) return found;
    const rows = await this.manager
      .createQueryBuilder(BackupEntity, 'backup')
      .select(['backup.vmId', 'backup.externalId'])
      .where('backup.vmId IN (:...vmIds)', { vmIds: [...vmIds] })
      .andWhere('backup.externalId IN (:...externalIds)', { externalIds: [...externalIds] })
      .andWhere('backup.removed IS NULL')
      .getMany();
    for (const row of rows) {
      if (row.externalId !== null) found.set(row.vmId, (found.get(row.vmId) ?? new Set()).add(row.externalId));
    }
    return found;
  }

  async countActiveByVms(vmIds: readonly string[]): Promise<ReadonlyMap<string, number>> {
    if (vmIds.length === 0) return new Map();
    const rows = await this.manager
      .createQueryBuilder(BackupEntity, 'backup')
      .select('backup.vmId', 'vmId')
      .addSelect('COUNT(*)', 'count')
      .where('backup.vmId IN (:...vmIds)', { vmIds: [...vmIds] })
      .andWhere('backup.removed IS NULL')
      .groupBy('backup.vmId')
      .getRawMany<{ vmId: string | number; count: string | number }>();
    return new Map(rows.map((row) => [String(row.vmId), Number(row.count)]));
  }

  /**
   * One `COUNT(*)` and one page (the page's ids first, then those rows joined to the VM, owner,
   * zone and policy names), in hand-written SQL mapped straight to views: no entity is hydrated.
   */
  list(query: BackupQuery, page: PageRequest): Promise<Page<BackupView>> {
    const where = new SqlConditions().add('b.removed IS NULL');
    if (query.id !== undefined) where.add('b.id = ?', query.id);
    if (query.vmId !== undefined) where.add('b.vm_id = ?', query.vmId);
    if (query.zoneId !== undefined) where.add('b.zone_id = ?', query.zoneId);
    if (query.policyId !== undefined) where.add('b.backup_offering_id = ?', query.policyId);
    if (query.name !== undefined) where.add('b.name = ?', query.name);
    if (query.keyword !== undefined) {
      // CloudStack 4.21+: the backup's name or its VM's host name.
      const pattern = containsPattern(query.keyword);
      where.join('JOIN vm_instance keyword_vm ON keyword_vm.id = b.vm_id');
      where.add(`(b.name LIKE ? ${LIKE_ESCAPE} OR keyword_vm.name LIKE ? ${LIKE_ESCAPE})`, pattern, pattern);
    }
    addAccountScope(where, query.scope, { account: 'b.account_id', domain: 'b.domain_id' });
    return fetchRawPage(
      this.manager,
      { from: 'backups b', alias: 'b', where, columns: BACKUP_VIEW_COLUMNS, joins: BACKUP_VIEW_JOINS, toItem: toBackupView },
      page,
    );
  }
}

/** The columns of a backup's view, and the names they come from (joined to `b`). */
const BACKUP_VIEW_COLUMNS =
  'b.id, b.uuid, b.vm_id, b.name, b.description, b.backup_interval_type, b.backup_schedule_id, b.external_id,' +
  ' b.type, b.date, b.size, b.protected_size, b.status, b.backup_offering_id, b.account_id, b.domain_id,' +
  ' b.zone_id, b.backed_volumes, v.uuid AS vm_uuid, v.name AS vm_name, v.state AS vm_state, v.removed AS vm_removed,' +
  ' m.policy_id AS vm_policy_id, a.uuid AS account_uuid, a.account_name, d.uuid AS domain_uuid,' +
  ' d.name AS domain_name, z.uuid AS zone_uuid, z.name AS zone_name, p.uuid AS policy_uuid, p.name AS policy_name';
/** `m`: the VM's current policy (one mapping per VM at most), for `vmbackupofferingremoved`. */
const BACKUP_VIEW_JOINS =
  'LEFT JOIN vm_instance v ON v.id = b.vm_id LEFT JOIN backup_policy_vm_map m ON m.vm_id = b.vm_id' +
  ' LEFT JOIN account a ON a.id = b.account_id' +
  ' LEFT JOIN domain d ON d.id = b.domain_id LEFT JOIN data_center z ON z.id = b.zone_id' +
  ' LEFT JOIN backup_policy p ON p.id = b.backup_offering_id';

function toBackupView(row: SqlRow): BackupView {
  const id = sqlId(row.id);
  const policyId = sqlId(row.backup_offering_id);
  const policyUuid = sqlOptionalText(row.policy_uuid);
  const vmPolicyId = row.vm_policy_id === null || row.vm_policy_id === undefined ? undefined : sqlId(row.vm_policy_id);
  const vmExpunged = sqlDate(row.vm_removed) !== null || sqlOptionalText(row.vm_state) === 'Expunging';
  return {
    id,
    uuid: sqlText(row.uuid),
    vmId: sqlId(row.vm_id),
    name: sqlText(row.name),
    ...recordedFields(sqlOptionalText(row.description), row.backup_interval_type, row.backup_schedule_id),
    externalId: sqlText(row.external_id),
    type: sqlText(row.type),
    date: sqlDate(row.date) ?? new Date(Number.NaN),
    size: Number(row.size ?? 0),
    protectedSize: Number(row.protected_size ?? 0),
    status: (sqlOptionalText(row.status) ?? 'BackedUp') as BackupStatus,
    policyId,
    accountId: sqlId(row.account_id),
    domainId: sqlId(row.domain_id),
    zoneId: sqlId(row.zone_id),
    volumes: volumeInfosFromJson(sqlOptionalText(row.backed_volumes) ?? null, `backups.backed_volumes of backup ${id}`),
    vmUuid: sqlText(row.vm_uuid),
    vmName: sqlText(row.vm_name),
    accountUuid: sqlText(row.account_uuid),
    accountName: sqlText(row.account_name),
    domainUuid: sqlText(row.domain_uuid),
    domainName: sqlText(row.domain_name),
    zoneUuid: sqlText(row.zone_uuid),
    zoneName: sqlText(row.zone_name),
    ...(policyUuid === undefined ? {} : { policyUuid, policyName: sqlText(row.policy_name) }),
    // CloudStack sets these only when true.
    ...(vmPolicyId === policyId ? {} : { vmPolicyRemoved: true }),
    ...(vmExpunged ? { vmExpunged: true } : {}),
  };
}

/** A backup's description, interval type and schedule, from their columns (NULL: absent). */
function recordedFields(
  description: string | undefined,
  intervalType: unknown,
  scheduleId: unknown,
): Pick<Backup, 'description' | 'intervalType' | 'scheduleId'> {
  const type = intervalType === null || intervalType === undefined ? undefined : BACKUP_INTERVAL_TYPES[Number(intervalType)];
  return {
    ...(description === undefined ? {} : { description }),
    ...(type === undefined ? {} : { intervalType: type }),
    ...(scheduleId === null || scheduleId === undefined ? {} : { scheduleId: sqlId(scheduleId) }),
  };
}

/** The `backup_interval_type` of a backup's interval type (its `Backup.Type` ordinal). */
function intervalTypeOrdinal(type: BackupIntervalType | undefined): number | null {
  return type === undefined ? null : BACKUP_INTERVAL_TYPES.indexOf(type);
}

/** The row of a new backup. */
function backupRow(backup: NewBackup, uuid: string) {
  return {
    uuid,
    vmId: backup.vmId,
    name: backup.name,
    description: backup.description ?? null,
    intervalType: intervalTypeOrdinal(backup.intervalType),
    backupScheduleId: backup.scheduleId ?? null,
    // An in-progress backup has no restore point yet: NULL, which the unique key ignores.
    externalId: backup.externalId === '' ? null : backup.externalId,
    type: backup.type,
    date: backup.date,
    size: String(backup.size),
    protectedSize: String(backup.protectedSize),
    status: backup.status,
    policyId: backup.policyId,
    accountId: backup.accountId,
    domainId: backup.domainId,
    zoneId: backup.zoneId,
    volumes: volumeInfosToJson(backup.volumes),
    removed: null,
  };
}

function toBackup(backup: BackupEntity): Backup {
  return {
    id: backup.id,
    uuid: backup.uuid,
    vmId: backup.vmId,
    name: backup.name,
    ...recordedFields(backup.description ?? undefined, backup.intervalType, backup.backupScheduleId),
    externalId: backup.externalId ?? '',
    type: backup.type,
    date: backup.date,
    size: Number(backup.size ?? 0),
    protectedSize: Number(backup.protectedSize ?? 0),
    status: (backup.status ?? 'BackedUp') as BackupStatus,
    policyId: backup.policyId,
    accountId: backup.accountId,
    domainId: backup.domainId,
    zoneId: backup.zoneId,
    volumes: volumeInfosFromJson(backup.volumes, `backups.backed_volumes of backup ${backup.id}`),
    ...(backup.removed === null ? {} : { removed: backup.removed }),
  };
}

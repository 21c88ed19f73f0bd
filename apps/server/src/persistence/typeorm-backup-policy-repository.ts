import { randomUUID } from 'node:crypto';

import { type BackupPolicy, BackupError } from '@csbr/framework';
import {
  type BackupPolicyChanges,
  type BackupPolicyQuery,
  type BackupPolicyRepository,
  type BackupPolicyView,
  type NewBackupPolicy,
  type Page,
  type PageRequest,
} from '@csbr/framework/host';
import { type EntityManager, IsNull } from 'typeorm';

import { BackupPolicyEntity } from '../database/entities';
import { violatedUniqueConstraint } from './database-errors';
import { EntitySql } from './entity-sql';
import { insertRow } from './insert-row';
import { containsPattern, LIKE_ESCAPE } from './like-pattern';
import { fetchRawPage, sqlDate, SqlConditions, sqlId, type SqlRow, sqlText } from './raw-page';

/** Imported backup policies (`backup_policy`). */
export class TypeOrmBackupPolicyRepository implements BackupPolicyRepository {
  constructor(private readonly manager: EntityManager) {}

  async findById(
    id: string,
    options?: { includeRemoved?: boolean },
  ): Promise<BackupPolicy | undefined> {
    const policy = await EntitySql.of(this.manager, BackupPolicyEntity, 'p').findOne(
      this.manager,
      options?.includeRemoved === true ? 'p.id = ?' : 'p.id = ? AND p.removed IS NULL',
      [id],
    );
    return policy === undefined ? undefined : toBackupPolicy(policy);
  }

  async findActiveByExternalId(
    zoneId: string,
    externalId: string,
  ): Promise<BackupPolicy | undefined> {
    const policy = await this.manager.findOne(BackupPolicyEntity, {
      where: { zoneId, externalId, removed: IsNull() },
      order: { id: 'ASC' },
    });
    return policy === null ? undefined : toBackupPolicy(policy);
  }

  async findActiveByName(zoneId: string, name: string): Promise<BackupPolicy | undefined> {
    const policy = await this.manager.findOne(BackupPolicyEntity, {
      where: { zoneId, name, removed: IsNull() },
      order: { id: 'ASC' },
    });
    return policy === null ? undefined : toBackupPolicy(policy);
  }

  async insert(policy: NewBackupPolicy): Promise<BackupPolicy> {
    const uuid = randomUUID();
    try {
      const id = await insertRow(this.manager, BackupPolicyEntity, {
        uuid,
        name: policy.name,
        description: policy.description,
        externalId: policy.externalId,
        zoneId: policy.zoneId,
        created: policy.created,
        userDrivenBackup: policy.allowUserDrivenBackups ?? true,
      });
      return { ...policy, allowUserDrivenBackups: policy.allowUserDrivenBackups ?? true, id, uuid };
    } catch (error) {
      throw duplicatePolicyError(error, policy) ?? error;
    }
  }

  async lockActive(id: string): Promise<BackupPolicy | undefined> {
    const select = this.manager
      .createQueryBuilder(BackupPolicyEntity, 'policy')
      .where('policy.id = :id', { id })
      .andWhere('policy.removed IS NULL');
    // SQLite has no row locks; the embedded database runs one transaction at a time anyway.
    if (this.manager.connection.options.type !== 'sqljs') select.setLock('pessimistic_write');
    const policy = await select.getOne();
    return policy === null ? undefined : toBackupPolicy(policy);
  }

  async softDelete(id: string, at: Date): Promise<boolean> {
    const result = await this.manager.update(
      BackupPolicyEntity,
      { id, removed: IsNull() },
      { removed: at },
    );
    return (result.affected ?? 0) > 0;
  }

  async update(id: string, changes: BackupPolicyChanges): Promise<boolean> {
    const current = await this.findById(id);
    if (current === undefined) return false;
    const values = {
      ...(changes.name === undefined ? {} : { name: changes.name }),
      ...(changes.description === undefined ? {} : { description: changes.description }),
      ...(changes.allowUserDrivenBackups === undefined
        ? {}
        : { userDrivenBackup: changes.allowUserDrivenBackups }),
    };
    if (Object.keys(values).length === 0) return true;
    try {
      const result = await this.manager.update(BackupPolicyEntity, { id, removed: IsNull() }, values);
      return (result.affected ?? 0) > 0;
    } catch (error) {
      throw duplicatePolicyError(error, current) ?? error;
    }
  }

  /** One `COUNT(*)` and one page joined to the zone names, in hand-written SQL mapped straight to views. */
  list(query: BackupPolicyQuery, page: PageRequest): Promise<Page<BackupPolicyView>> {
    const where = new SqlConditions().add('p.removed IS NULL');
    if (query.id !== undefined) where.add('p.id = ?', query.id);
    if (query.zoneId !== undefined) where.add('p.zone_id = ?', query.zoneId);
    if (query.keyword !== undefined) where.add(`p.name LIKE ? ${LIKE_ESCAPE}`, containsPattern(query.keyword));
    return fetchRawPage(
      this.manager,
      {
        from: 'backup_policy p',
        alias: 'p',
        where,
        columns: POLICY_VIEW_COLUMNS,
        joins: 'LEFT JOIN data_center z ON z.id = p.zone_id',
        toItem: toPolicyView,
      },
      page,
    );
  }
}

/** The columns of a policy's view, with its zone's uuid and name (joined to `p`). */
const POLICY_VIEW_COLUMNS =
  'p.id, p.uuid, p.name, p.description, p.external_id, p.zone_id, p.created, p.user_driven_backup,' +
  ' z.uuid AS zone_uuid, z.name AS zone_name';

function toPolicyView(row: SqlRow): BackupPolicyView {
  return {
    id: sqlId(row.id),
    uuid: sqlText(row.uuid),
    name: sqlText(row.name),
    description: sqlText(row.description),
    externalId: sqlText(row.external_id),
    zoneId: sqlId(row.zone_id),
    created: sqlDate(row.created) ?? new Date(0),
    allowUserDrivenBackups: Number(row.user_driven_backup) === 1,
    zoneUuid: sqlText(row.zone_uuid),
    zoneName: sqlText(row.zone_name),
  };
}

function toBackupPolicy(policy: BackupPolicyEntity): BackupPolicy {
  return {
    id: policy.id,
    uuid: policy.uuid,
    name: policy.name,
    description: policy.description,
    externalId: policy.externalId,
    zoneId: policy.zoneId,
    created: policy.created ?? new Date(0),
    allowUserDrivenBackups: policy.userDrivenBackup,
    ...(policy.removed === null ? {} : { removed: policy.removed }),
  };
}

/**
 * The CloudStack message for the active-row unique index the insert hit: (zone, external id) or
 * (zone, name). MySQL names the index, SQLite lists its columns.
 */
function duplicatePolicyError(
  error: unknown,
  policy: Pick<NewBackupPolicy, 'externalId'>,
): BackupError | undefined {
  const constraint = violatedUniqueConstraint(error);
  if (constraint === undefined) return undefined;
  if (constraint.includes('external_id')) {
    return new BackupError(
      'ALREADY_EXISTS',
      `A backup policy with external ID ${policy.externalId} already exists`,
      {
        cause: error,
      },
    );
  }
  if (/(__|\.)name\b/.test(constraint)) {
    return new BackupError(
      'ALREADY_EXISTS',
      'A backup policy with the same name already exists in this zone',
      {
        cause: error,
      },
    );
  }
  return undefined;
}

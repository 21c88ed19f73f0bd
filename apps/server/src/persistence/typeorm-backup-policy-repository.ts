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

import { BackupPolicyEntity, DataCenterEntity } from '../database/entities';
import { violatedUniqueConstraint } from './database-errors';
import { insertRow } from './insert-row';
import { containsPattern, LIKE_ESCAPE } from './like-pattern';
import { fetchPage, rawText } from './query-rows';

/** Imported backup policies (`backup_policy`). */
export class TypeOrmBackupPolicyRepository implements BackupPolicyRepository {
  constructor(private readonly manager: EntityManager) {}

  async findById(
    id: string,
    options?: { includeRemoved?: boolean },
  ): Promise<BackupPolicy | undefined> {
    const policy = await this.manager.findOneBy(BackupPolicyEntity, {
      id,
      ...(options?.includeRemoved === true ? {} : { removed: IsNull() }),
    });
    return policy === null ? undefined : toBackupPolicy(policy);
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

  list(query: BackupPolicyQuery, page: PageRequest): Promise<Page<BackupPolicyView>> {
    const select = this.manager
      .createQueryBuilder(BackupPolicyEntity, 'policy')
      .leftJoin(DataCenterEntity, 'zone', 'zone.id = policy.zoneId')
      .addSelect('zone.uuid', 'zoneUuid')
      .addSelect('zone.name', 'zoneName')
      .where('policy.removed IS NULL');
    if (query.id !== undefined) select.andWhere('policy.id = :id', { id: query.id });
    if (query.zoneId !== undefined)
      select.andWhere('policy.zoneId = :zoneId', { zoneId: query.zoneId });
    if (query.keyword !== undefined) {
      select.andWhere(`policy.name LIKE :keyword ${LIKE_ESCAPE}`, {
        keyword: containsPattern(query.keyword),
      });
    }
    return fetchPage(select, page, ({ entity, raw }) => ({
      ...toBackupPolicy(entity),
      zoneUuid: rawText(raw, 'zoneUuid'),
      zoneName: rawText(raw, 'zoneName'),
    }));
  }
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

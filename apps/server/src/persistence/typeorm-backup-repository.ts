import { randomUUID } from 'node:crypto';

import { type Backup, BackupError, type BackupStatus } from '@csbr/framework';
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

import {
  AccountEntity,
  BackupEntity,
  BackupPolicyEntity,
  DataCenterEntity,
  DomainEntity,
  VmInstanceEntity,
} from '../database/entities';
import { applyAccountScope } from './account-scope';
import { violatedUniqueConstraint } from './database-errors';
import { insertRow } from './insert-row';
import { containsPattern, LIKE_ESCAPE } from './like-pattern';
import { fetchPage, rawOptionalText, rawText } from './query-rows';
import { volumeInfosFromJson, volumeInfosToJson } from './volume-info-json';

/** Rows per multi-row INSERT: well under MySQL's 65,535 and SQLite's 32,766 placeholders. */
const ROWS_PER_STATEMENT = 1000;

/** Backups (`backups`): one row per provider restore point. */
export class TypeOrmBackupRepository implements BackupRepository {
  constructor(private readonly manager: EntityManager) {}

  async findById(id: string, options?: { includeRemoved?: boolean }): Promise<Backup | undefined> {
    const backup = await this.manager.findOneBy(BackupEntity, {
      id,
      ...(options?.includeRemoved === true ? {} : { removed: IsNull() }),
    });
    return backup === null ? undefined : toBackup(backup);
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
    await this.manager.update(
      BackupEntity,
      { id },
      {
        externalId: fields.externalId,
        type: fields.type,
        date: fields.date,
        size: String(fields.size),
        protectedSize: String(fields.protectedSize),
        status: 'BackedUp' satisfies BackupStatus,
      },
    );
  }

  async discard(id: string): Promise<void> {
    await this.manager.delete(BackupEntity, { id });
  }

  async findActiveByExternalId(vmId: string, externalId: string): Promise<Backup | undefined> {
    const backup = await this.manager.findOneBy(BackupEntity, { vmId, externalId, removed: IsNull() });
    return backup === null ? undefined : toBackup(backup);
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

  /** One COUNT and one SELECT that joins the VM, owner, zone and policy names, whatever the page size. */
  list(query: BackupQuery, page: PageRequest): Promise<Page<BackupView>> {
    const select = this.manager
      .createQueryBuilder(BackupEntity, 'backup')
      .leftJoin(VmInstanceEntity, 'vm', 'vm.id = backup.vmId')
      .leftJoin(AccountEntity, 'account', 'account.id = backup.accountId')
      .leftJoin(DomainEntity, 'domain', 'domain.id = backup.domainId')
      .leftJoin(DataCenterEntity, 'zone', 'zone.id = backup.zoneId')
      .leftJoin(BackupPolicyEntity, 'policy', 'policy.id = backup.policyId')
      .addSelect('vm.uuid', 'vmUuid')
      .addSelect('vm.name', 'vmName')
      .addSelect('account.uuid', 'accountUuid')
      .addSelect('account.accountName', 'accountName')
      .addSelect('domain.uuid', 'domainUuid')
      .addSelect('domain.name', 'domainName')
      .addSelect('zone.uuid', 'zoneUuid')
      .addSelect('zone.name', 'zoneName')
      .addSelect('policy.uuid', 'policyUuid')
      .addSelect('policy.name', 'policyName')
      .where('backup.removed IS NULL');
    if (query.id !== undefined) select.andWhere('backup.id = :id', { id: query.id });
    if (query.vmId !== undefined) select.andWhere('backup.vmId = :vmId', { vmId: query.vmId });
    if (query.zoneId !== undefined)
      select.andWhere('backup.zoneId = :zoneId', { zoneId: query.zoneId });
    if (query.policyId !== undefined)
      select.andWhere('backup.policyId = :policyId', { policyId: query.policyId });
    if (query.name !== undefined) select.andWhere('backup.name = :name', { name: query.name });
    if (query.keyword !== undefined) {
      // CloudStack 4.21+: the backup's name or its VM's host name.
      select.andWhere(`(backup.name LIKE :keyword ${LIKE_ESCAPE} OR vm.name LIKE :keyword ${LIKE_ESCAPE})`, {
        keyword: containsPattern(query.keyword),
      });
    }
    applyAccountScope(select, query.scope, {
      account: 'backup.accountId',
      domain: 'backup.domainId',
      joinedDomainAlias: 'domain',
    });
    return fetchPage(select, page, ({ entity, raw }) => {
      const policyUuid = rawOptionalText(raw, 'policyUuid');
      return {
        ...toBackup(entity),
        vmUuid: rawText(raw, 'vmUuid'),
        vmName: rawText(raw, 'vmName'),
        accountUuid: rawText(raw, 'accountUuid'),
        accountName: rawText(raw, 'accountName'),
        domainUuid: rawText(raw, 'domainUuid'),
        domainName: rawText(raw, 'domainName'),
        zoneUuid: rawText(raw, 'zoneUuid'),
        zoneName: rawText(raw, 'zoneName'),
        ...(policyUuid === undefined ? {} : { policyUuid, policyName: rawText(raw, 'policyName') }),
      };
    });
  }
}

/** The row of a new backup. */
function backupRow(backup: NewBackup, uuid: string) {
  return {
    uuid,
    vmId: backup.vmId,
    name: backup.name,
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

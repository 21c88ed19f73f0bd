import { Injectable } from '@nestjs/common';
import { type AccountScope, type Page, type PageRequest } from '@csbr/framework/host';
import { DataSource, In } from 'typeorm';

import { UUID_ENTITY_TABLES } from '../accounts/uuid-entity-tables';
import { AccountEntity, DomainEntity, EventEntity, UserEntity } from '../database/entities';
import { idText } from '../inventory/support/id-text';
import { applyAccountScope } from '../persistence/account-scope';
import { containsPattern, LIKE_ESCAPE } from '../persistence/like-pattern';
import { type EntityRow, entityRows, rawOptionalText, rawText } from '../persistence/query-rows';
import { type EventView } from './event-view';

/** Filters of `listEvents`. */
export interface EventQuery {
  readonly uuid?: string;
  readonly type?: string;
  readonly level?: string;
  readonly keyword?: string;
  /** Events created at or after. */
  readonly startDate?: Date;
  /** Events created at or before. */
  readonly endDate?: Date;
  readonly scope: AccountScope;
}

/** MySQL refuses OFFSET without LIMIT; this stands for "no limit". */
const NO_LIMIT = Number.MAX_SAFE_INTEGER;

/** CloudStack's action events (`event`), newest first. */
@Injectable()
export class EventsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * A COUNT, one joined SELECT for the page, then one look-up per resource type on the page to
   * show resources by uuid (a handful of statements whatever the page size).
   */
  async list(query: EventQuery, page: PageRequest): Promise<Page<EventView>> {
    const builder = this.dataSource.manager
      .createQueryBuilder(EventEntity, 'event')
      .innerJoin(AccountEntity, 'account', 'account.id = event.accountId')
      .innerJoin(DomainEntity, 'domain', 'domain.id = event.domainId')
      .leftJoin(UserEntity, 'actor', 'actor.id = event.userId')
      .leftJoin(EventEntity, 'parent', 'parent.id = event.startId')
      .addSelect('account.accountName', 'accountName')
      .addSelect('domain.uuid', 'domainUuid')
      .addSelect('domain.name', 'domainName')
      .addSelect('actor.username', 'username')
      .addSelect('parent.uuid', 'parentUuid')
      .where('event.display = 1');
    applyAccountScope(builder, query.scope, { account: 'event.accountId', domain: 'event.domainId', joinedDomainAlias: 'domain' });
    if (query.uuid !== undefined) builder.andWhere('event.uuid = :uuid', { uuid: query.uuid });
    if (query.type !== undefined) builder.andWhere('event.type = :type', { type: query.type });
    if (query.level !== undefined) builder.andWhere('event.level = :level', { level: query.level.toUpperCase() });
    if (query.startDate !== undefined) builder.andWhere('event.created >= :startDate', { startDate: query.startDate });
    if (query.endDate !== undefined) builder.andWhere('event.created <= :endDate', { endDate: query.endDate });
    if (query.keyword !== undefined) {
      builder.andWhere(
        `(event.type LIKE :keyword ${LIKE_ESCAPE} OR event.description LIKE :keyword ${LIKE_ESCAPE} OR event.level LIKE :keyword ${LIKE_ESCAPE})`,
        { keyword: containsPattern(query.keyword) },
      );
    }
    const total = await builder.getCount();
    if (total === 0 || page.offset >= total || page.limit === 0) return { items: [], total };
    const paged = builder.clone().orderBy('event.id', 'DESC').offset(page.offset).limit(page.limit ?? NO_LIMIT);
    const rows = await entityRows(paged);
    const resourceUuids = await this.resourceUuids(rows.map((row) => row.entity));
    return { items: rows.map((row) => toView(row, resourceUuids)), total };
  }

  /** `<type>:<internal id>` → uuid, for the resources of the listed events, removed ones included. */
  private async resourceUuids(events: readonly EventEntity[]): Promise<Map<string, string>> {
    const idsByType = new Map<string, Set<string>>();
    for (const event of events) {
      if (event.resourceType === null || event.resourceId === null) continue;
      if (!Object.hasOwn(UUID_ENTITY_TABLES, event.resourceType)) continue;
      const ids = idsByType.get(event.resourceType) ?? new Set<string>();
      ids.add(event.resourceId);
      idsByType.set(event.resourceType, ids);
    }
    const uuids = new Map<string, string>();
    for (const [type, ids] of idsByType) {
      const target = UUID_ENTITY_TABLES[type];
      if (target === undefined) continue;
      const rows = await this.dataSource.manager
        .createQueryBuilder()
        .select('entity.id', 'id')
        .addSelect('entity.uuid', 'uuid')
        .from(target, 'entity')
        .where({ id: In([...ids]) })
        .getRawMany<{ id: unknown; uuid: unknown }>();
      for (const row of rows) {
        const id = idText(row.id);
        if (id !== undefined && typeof row.uuid === 'string') uuids.set(`${type}:${id}`, row.uuid);
      }
    }
    return uuids;
  }
}

function toView(row: EntityRow<EventEntity>, resourceUuids: ReadonlyMap<string, string>): EventView {
  const { entity } = row;
  const resourceKey = entity.resourceType === null || entity.resourceId === null ? undefined : `${entity.resourceType}:${entity.resourceId}`;
  return {
    event: entity,
    username: rawOptionalText(row.raw, 'username'),
    accountName: rawText(row.raw, 'accountName'),
    domainUuid: rawText(row.raw, 'domainUuid'),
    domainName: rawText(row.raw, 'domainName'),
    parentUuid: rawOptionalText(row.raw, 'parentUuid'),
    resourceUuid: resourceKey === undefined ? undefined : resourceUuids.get(resourceKey),
  };
}

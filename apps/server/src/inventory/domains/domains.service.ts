import { randomUUID } from 'node:crypto';

import { Injectable } from '@nestjs/common';
import { type Caller, type Page, type PageRequest } from '@csbr/framework/host';
import { DataSource, type EntityManager, IsNull, type SelectQueryBuilder } from 'typeorm';

import { DomainEntity } from '../../database/entities';
import { insertRow } from '../../persistence/insert-row';
import { containsPattern, LIKE_ESCAPE, startsWithPattern } from '../../persistence/like-pattern';
import { fetchPage, rawOptionalText } from '../../persistence/query-rows';
import { invalidParameter } from '../../api/errors/cloudstack-exceptions';
import { assertDomainAccess } from '../support/domain-access';
import { runInTransaction } from '../../persistence/run-in-transaction';
import { type DomainView } from './domain-view';

/** Filters of `listDomains`. */
export interface DomainQuery {
  readonly id?: string;
  readonly name?: string;
  readonly level?: number;
  readonly keyword?: string;
  readonly listAll: boolean;
}

/** The domain tree (`domain`): paths `/`, `/<name>/`, `/<parent>/<name>/`. */
@Injectable()
export class DomainsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates a subdomain of `parentId` (the caller's domain when left out). Root admins create
   * anywhere, domain admins within their own tree.
   */
  async create(caller: Caller, name: string, parentId: string | undefined): Promise<DomainView> {
    const id = await runInTransaction(this.dataSource, async (manager) => {
      const parent = await this.requireDomain(manager, parentId ?? caller.domainId);
      assertDomainAccess(caller, { id: parent.id, uuid: parent.uuid ?? '', path: parent.path });
      return createDomain(manager, parent, name, new Date());
    });
    const view = await this.findView(id);
    if (view === undefined) throw new Error(`Domain ${id} disappeared after it was created`);
    return view;
  }

  /** The non-removed domain, or undefined. */
  async find(id: string): Promise<DomainEntity | undefined> {
    return (await this.dataSource.manager.findOneBy(DomainEntity, { id, removed: IsNull() })) ?? undefined;
  }

  async findView(id: string): Promise<DomainView | undefined> {
    const [view] = (await fetchPage(this.views().andWhere('domain.id = :id', { id }), { offset: 0, limit: 1 }, toView)).items;
    return view;
  }

  /**
   * CloudStack's `searchForDomains`: the caller's domain (or `id`, which the caller must be allowed
   * to see); with `listall=true` that domain and everything below it.
   */
  async list(caller: Caller, query: DomainQuery, page: PageRequest): Promise<Page<DomainView>> {
    let base = { id: caller.domainId, path: caller.domainPath };
    if (query.id !== undefined) {
      const domain = await this.find(query.id);
      if (domain === undefined) return { items: [], total: 0 };
      assertDomainAccess(caller, { id: domain.id, uuid: domain.uuid ?? '', path: domain.path });
      base = { id: domain.id, path: domain.path };
    }
    const builder = this.views();
    if (query.listAll && caller.roleType !== 'User') {
      builder.andWhere(`domain.path LIKE :path ${LIKE_ESCAPE}`, { path: startsWithPattern(base.path) });
    } else {
      builder.andWhere('domain.id = :baseId', { baseId: base.id });
    }
    if (query.name !== undefined) builder.andWhere('domain.name = :name', { name: query.name });
    if (query.level !== undefined) builder.andWhere('domain.level = :level', { level: query.level });
    if (query.keyword !== undefined) {
      builder.andWhere(`domain.name LIKE :keyword ${LIKE_ESCAPE}`, { keyword: containsPattern(query.keyword) });
    }
    return fetchPage(builder, page, toView);
  }

  private views(): SelectQueryBuilder<DomainEntity> {
    return this.dataSource.manager
      .createQueryBuilder(DomainEntity, 'domain')
      .leftJoin(DomainEntity, 'parentDomain', 'parentDomain.id = domain.parent')
      .addSelect('parentDomain.uuid', 'parentUuid')
      .addSelect('parentDomain.name', 'parentName')
      .where('domain.removed IS NULL');
  }

  private async requireDomain(manager: EntityManager, id: string): Promise<DomainEntity> {
    const domain = await manager.findOneBy(DomainEntity, { id, removed: IsNull() });
    if (domain === null) throw invalidParameter('Unable to find domain');
    return domain;
  }
}

/**
 * Inserts a child of `parent` inside the caller's transaction and counts it in the parent; the
 * name must be unique among the parent's children. Shared with the bulk import.
 */
export async function createDomain(
  manager: EntityManager,
  parent: DomainEntity,
  name: string,
  created: Date,
): Promise<string> {
  if (name.trim() === '' || name.includes('/')) {
    throw invalidParameter(`Invalid domain name ${name}: it must not be empty or contain '/'`);
  }
  if (await manager.existsBy(DomainEntity, { parent: parent.id, name, removed: IsNull() })) {
    throw invalidParameter(`Domain with name ${name} already exists for the parent id=${parent.uuid ?? ''}`);
  }
  const id = await insertRow(manager, DomainEntity, {
    parent: parent.id,
    name,
    uuid: randomUUID(),
    owner: parent.owner,
    path: `${parent.path}${name}/`,
    level: parent.level + 1,
    childCount: 0,
    nextChildSeq: '1',
    state: 'Active',
    created,
    removed: null,
  });
  await manager
    .createQueryBuilder()
    .update(DomainEntity)
    .set({ childCount: () => 'child_count + 1', nextChildSeq: () => 'next_child_seq + 1' })
    .where('id = :id', { id: parent.id })
    .execute();
  return id;
}

function toView(row: { entity: DomainEntity; raw: Readonly<Record<string, unknown>> }): DomainView {
  return {
    domain: row.entity,
    parentUuid: rawOptionalText(row.raw, 'parentUuid'),
    parentName: rawOptionalText(row.raw, 'parentName'),
  };
}

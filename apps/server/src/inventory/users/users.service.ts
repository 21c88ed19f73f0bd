import { Injectable } from '@nestjs/common';
import { type AccountScope, type Page, type PageRequest } from '@csbr/framework/host';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';

import { AccountEntity, DomainEntity, UserEntity } from '../../database/entities';
import { applyAccountScope } from '../../persistence/account-scope';
import { containsPattern, LIKE_ESCAPE } from '../../persistence/like-pattern';
import { type EntityRow, entityRows, fetchPage, rawText } from '../../persistence/query-rows';
import { type UserView } from './user-view';

/** Filters of `listUsers`. */
export interface UserQuery {
  readonly id?: string;
  readonly username?: string;
  readonly accountType?: number;
  readonly state?: string;
  readonly keyword?: string;
  readonly scope: AccountScope;
}

/** Users (`user`) with their account and domain. */
@Injectable()
export class UsersService {
  constructor(private readonly dataSource: DataSource) {}

  async list(query: UserQuery, page: PageRequest): Promise<Page<UserView>> {
    const builder = selectUserViews(this.dataSource.manager);
    applyAccountScope(builder, query.scope, { account: 'user.accountId', domain: 'account.domainId', joinedDomainAlias: 'domain' });
    if (query.id !== undefined) builder.andWhere('user.id = :id', { id: query.id });
    if (query.username !== undefined) builder.andWhere('user.username = :username', { username: query.username });
    if (query.accountType !== undefined) builder.andWhere('account.type = :accountType', { accountType: query.accountType });
    if (query.state !== undefined) builder.andWhere('user.state = :state', { state: query.state });
    if (query.keyword !== undefined) {
      builder.andWhere(`user.username LIKE :keyword ${LIKE_ESCAPE}`, { keyword: containsPattern(query.keyword) });
    }
    return fetchPage(builder, page, toUserView);
  }

  /** The non-removed user with its account's owner ids, for access checks. */
  async findOwner(id: string): Promise<{ readonly accountId: string; readonly domainId: string } | undefined> {
    const [row] = await entityRows(selectUserViews(this.dataSource.manager).andWhere('user.id = :id', { id }));
    return row === undefined ? undefined : { accountId: row.entity.accountId, domainId: rawText(row.raw, 'domainId') };
  }
}

/** Non-removed users of non-removed accounts, with the names their response shows. */
export function selectUserViews(manager: EntityManager): SelectQueryBuilder<UserEntity> {
  return manager
    .createQueryBuilder(UserEntity, 'user')
    .innerJoin(AccountEntity, 'account', 'account.id = user.accountId')
    .innerJoin(DomainEntity, 'domain', 'domain.id = account.domainId')
    .addSelect('account.uuid', 'accountUuid')
    .addSelect('account.accountName', 'accountName')
    .addSelect('account.type', 'accountType')
    .addSelect('domain.id', 'domainId')
    .addSelect('domain.uuid', 'domainUuid')
    .addSelect('domain.name', 'domainName')
    .where('user.removed IS NULL')
    .andWhere('account.removed IS NULL');
}

export function toUserView(row: EntityRow<UserEntity>): UserView {
  return {
    user: row.entity,
    accountUuid: rawText(row.raw, 'accountUuid'),
    accountName: rawText(row.raw, 'accountName'),
    accountType: Number(row.raw.accountType),
    domainUuid: rawText(row.raw, 'domainUuid'),
    domainName: rawText(row.raw, 'domainName'),
  };
}

import { type EntityManager, type SelectQueryBuilder } from 'typeorm';

import { AccountEntity, DomainEntity, UserEntity } from '../database/entities';

/** A user row with its account and domain, loaded in one statement. */
export interface UserWithAccount {
  readonly user: UserEntity;
  readonly account: AccountEntity;
  readonly domain: DomainEntity;
}

/**
 * Non-removed users of non-removed accounts, joined with the account (`account`) and its domain
 * (`domain`), for the caller filters to narrow down (`user.apiKey = …`, `account.domainId = …`).
 */
export function selectUsersWithAccount(manager: EntityManager): SelectQueryBuilder<UserEntity> {
  return manager
    .createQueryBuilder(UserEntity, 'user')
    .innerJoinAndSelect('user.account', 'account')
    .innerJoinAndSelect('account.domain', 'domain')
    .where('user.removed IS NULL')
    .andWhere('account.removed IS NULL');
}

/** The first row of the query with its joined account and domain, or undefined. */
export async function firstUserWithAccount(
  query: SelectQueryBuilder<UserEntity>,
): Promise<UserWithAccount | undefined> {
  const user = await query.orderBy('user.id', 'ASC').getOne();
  if (user === null || user.account === undefined || user.account.domain === undefined) return undefined;
  return { user, account: user.account, domain: user.account.domain };
}

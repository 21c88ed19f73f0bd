import { type Caller, type RoleType } from '@csbr/framework/host';

import { type AccountEntity, AccountType, type DomainEntity, type UserEntity } from '../database/entities';

/**
 * CloudStack's role type of an account type (`account.type`): 1 admin, 2 domain admin, 0 user.
 * Other types (resource domain admin, read-only admin, project) get the least privilege.
 */
export function roleTypeOf(accountType: number): RoleType {
  switch (accountType) {
    case AccountType.Admin:
      return 'Admin';
    case AccountType.DomainAdmin:
      return 'DomainAdmin';
    default:
      return 'User';
  }
}

/** The caller a user acts as: internal ids, the account's name and the domain's path. */
export function callerOf(user: UserEntity, account: AccountEntity, domain: DomainEntity): Caller {
  return {
    userId: user.id,
    accountId: account.id,
    accountName: account.accountName ?? '',
    domainId: domain.id,
    domainPath: domain.path,
    roleType: roleTypeOf(account.type),
  };
}

/** CloudStack's `state` of users and accounts that may act (`disabled` and `locked` may not). */
export const ENABLED_STATE = 'enabled';

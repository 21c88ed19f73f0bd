import { type Caller, type RoleType } from '@csbr/framework/host';

import { type FixtureUser } from '../../accounts/support/account-fixtures';

/** The caller a fixture user acts as. */
export function callerOf(user: FixtureUser, roleType: RoleType = 'User'): Caller {
  return {
    userId: user.id,
    accountId: user.account.id,
    accountName: user.account.name,
    domainId: user.account.domain.id,
    domainPath: user.account.domain.path,
    roleType,
  };
}

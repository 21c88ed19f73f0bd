import { type AccountScope, type Caller } from '@csbr/framework/host';
import { type DomainRecord } from '../ports/account-directory';

/** The list-scoping parameters, with `domainid` and `account` already looked up. */
export interface AccountScopeRequest {
  /** The domain of `domainid`, when sent. */
  readonly domain?: DomainRecord;
  /** The internal id of the account named by `account` (in `domain`, or the caller's domain), when sent. */
  readonly accountId?: string;
  readonly isRecursive?: boolean;
  readonly listAll?: boolean;
  /** Whether the command was asked for one resource by `id`. */
  readonly hasIdFilter?: boolean;
}

/**
 * CloudStack's list scoping (`AccountManagerImpl.buildACLSearchParameters`, protocol doc §7), once
 * access to the named domain and account has been checked:
 * - a User always sees its own account;
 * - an `account` (with or without `domainid`) narrows to that account;
 * - a `domainid` narrows to that domain, with its subdomains when `isrecursive=true`;
 * - otherwise, without `listall=true`, admins see their own account, except when asking for one `id`:
 *   then the root admin sees everything and a domain admin its domain tree;
 * - with `listall=true` the root admin sees everything, a domain admin its domain tree.
 */
export function computeAccountScope(caller: Caller, request: AccountScopeRequest): AccountScope {
  if (caller.roleType === 'User') {
    return { kind: 'account', accountId: caller.accountId };
  }
  if (request.accountId !== undefined) {
    return { kind: 'account', accountId: request.accountId };
  }
  if (request.domain !== undefined) {
    return {
      kind: 'domain',
      domainId: request.domain.id,
      domainPath: request.domain.path,
      recursive: request.isRecursive === true,
    };
  }
  const callerDomainTree: AccountScope = {
    kind: 'domain',
    domainId: caller.domainId,
    domainPath: caller.domainPath,
    recursive: true,
  };
  if (request.listAll !== true) {
    if (request.hasIdFilter !== true) {
      return { kind: 'account', accountId: caller.accountId };
    }
    return caller.roleType === 'Admin' ? { kind: 'all' } : callerDomainTree;
  }
  return caller.roleType === 'Admin' ? { kind: 'all' } : callerDomainTree;
}

/** Whether the caller may see resources of the domain: root admin any, domain admin its tree, user its own. */
export function canAccessDomain(caller: Caller, domain: DomainRecord): boolean {
  switch (caller.roleType) {
    case 'Admin':
      return true;
    case 'DomainAdmin':
      return domain.path.startsWith(caller.domainPath);
    case 'User':
      return domain.id === caller.domainId;
  }
}

import { type Caller, isRootAdmin } from '@csbr/framework/host';

/** Who owns a resource, as the access rule reads it: the account, and the path of its domain. */
export interface ResourceOwnerPath {
  readonly accountId: string;
  /** Undefined when the owner's domain is gone: then only a root admin may reach the resource. */
  readonly domainPath: string | undefined;
}

/**
 * CloudStack's ownership rule (`AccountManager.checkAccess` with the domain checker): a root admin
 * may act on anything, an account on its own resources, a domain admin (or an admin of a
 * subdomain) on resources owned within its domain or below it; a user on nothing else.
 */
export function callerMayAccess(caller: Caller, owner: ResourceOwnerPath): boolean {
  if (isRootAdmin(caller) || caller.accountId === owner.accountId) return true;
  if (caller.roleType === 'User' || owner.domainPath === undefined) return false;
  return withSlash(owner.domainPath).startsWith(withSlash(caller.domainPath));
}

/** `/sales` and `/sales/` name the same domain; without the slash `/sales` would match `/salesforce/`. */
function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

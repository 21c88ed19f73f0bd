import { BackupError } from '../errors/backup-error';
import { isRootAdmin } from '../host/backup-manager/caller-rules';
import { type AccessChecker, type Caller, type ResourceOwner } from '../host/ports';

/** Finds a domain's path (`/`, `/sales/`, …) by domain id. @public */
export interface DomainPathLookup {
  domainPath(domainId: string): string | undefined;
}

/**
 * CloudStack's ownership rule as an {@link AccessChecker}: the owner account, an admin of the
 * owner's domain or of any parent domain, and root admins may act on a resource.
 *
 * @example
 * ```ts
 * const access = new AllowOwnerAccessChecker(store); // the in-memory store knows domain paths
 * ```
 * @public
 * @since 1.0.0
 */
export class AllowOwnerAccessChecker implements AccessChecker {
  private readonly domains: DomainPathLookup;

  /** @param domains - domain paths, as a lookup (e.g. the in-memory store) or a map id → path. */
  constructor(domains: DomainPathLookup | ReadonlyMap<string, string>) {
    this.domains = isLookup(domains) ? domains : { domainPath: (id) => domains.get(id) };
  }

  checkAccess(caller: Caller, owner: ResourceOwner): Promise<void> {
    if (this.allows(caller, owner)) return Promise.resolve();
    return Promise.reject(
      new BackupError(
        'PERMISSION_DENIED',
        `Account ${caller.accountName} does not have permission to operate with resources of account ${owner.accountId}`,
      ),
    );
  }

  private allows(caller: Caller, owner: ResourceOwner): boolean {
    if (caller.accountId === owner.accountId || isRootAdmin(caller)) return true;
    if (caller.roleType === 'User') return false;
    // Admins of a domain manage its subdomains too; a root admin's domain is `/`.
    const ownerPath = this.domains.domainPath(owner.domainId);
    return ownerPath !== undefined && withSlash(ownerPath).startsWith(withSlash(caller.domainPath));
  }
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

function isLookup(
  value: DomainPathLookup | ReadonlyMap<string, string>,
): value is DomainPathLookup {
  return typeof (value as Partial<DomainPathLookup>).domainPath === 'function';
}

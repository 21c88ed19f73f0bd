import { BackupError } from '@csbr/framework';
import {
  type AccessChecker,
  type Caller,
  isRootAdmin,
  type ResourceOwner,
} from '@csbr/framework/host';
import { type EntityManager } from 'typeorm';

import { DomainEntity } from '../database/entities';

/**
 * CloudStack's ownership rule (`AccountManager.checkAccess` with the domain checker): root admins
 * may act on anything, an account on its own resources, and a domain admin on resources owned
 * within its domain or a subdomain (by domain path, read from the `domain` table).
 */
export class DbAccessChecker implements AccessChecker {
  constructor(private readonly manager: EntityManager) {}

  async checkAccess(caller: Caller, owner: ResourceOwner): Promise<void> {
    if (isRootAdmin(caller) || caller.accountId === owner.accountId) return;
    if (caller.roleType === 'User') {
      throw new BackupError(
        'PERMISSION_DENIED',
        `Account ${caller.accountName} does not have permission to operate with resources of another account`,
      );
    }
    const domain = await this.manager.findOne(DomainEntity, {
      select: { id: true, uuid: true, path: true },
      where: { id: owner.domainId },
    });
    if (domain !== null && withSlash(domain.path).startsWith(withSlash(caller.domainPath))) return;
    throw new BackupError(
      'PERMISSION_DENIED',
      `Account ${caller.accountName} does not have permission to operate within domain id=${
        domain?.uuid ?? owner.domainId
      }`,
    );
  }
}

/** `/sales` and `/sales/` name the same domain; without the slash `/sales` would match `/salesforce/`. */
function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

import { BackupError } from '@csbr/framework';
import {
  type AccessChecker,
  type Caller,
  isRootAdmin,
  type ResourceOwner,
} from '@csbr/framework/host';
import { type EntityManager } from 'typeorm';

import { callerMayAccess } from '../accounts/owner-access';
import { DomainEntity } from '../database/entities';

/**
 * CloudStack's ownership rule ({@link callerMayAccess}), with the owner's domain path read from the
 * `domain` table, as the framework's `AccessChecker`.
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
    if (callerMayAccess(caller, { accountId: owner.accountId, domainPath: domain?.path })) return;
    throw new BackupError(
      'PERMISSION_DENIED',
      `Account ${caller.accountName} does not have permission to operate within domain id=${
        domain?.uuid ?? owner.domainId
      }`,
    );
  }
}

import { type EntityManager, type SelectQueryBuilder } from 'typeorm';

import { AccountEntity, AsyncJobEntity, DomainEntity, UserEntity } from '../database/entities';

/**
 * Non-removed jobs (`job`) with what their records show of the owner in the same statement: the
 * account (`account`), its domain (`domain`) and the submitting user. Left joins, so a job
 * outlives a hard-deleted owner.
 */
export function selectAsyncJobs(manager: EntityManager): SelectQueryBuilder<AsyncJobEntity> {
  return manager
    .createQueryBuilder(AsyncJobEntity, 'job')
    .leftJoin(AccountEntity, 'account', 'account.id = job.accountId')
    .leftJoin(DomainEntity, 'domain', 'domain.id = account.domainId')
    .leftJoin(UserEntity, 'submitter', 'submitter.id = job.userId')
    .addSelect('account.uuid', 'accountUuid')
    .addSelect('account.accountName', 'accountName')
    .addSelect('account.domainId', 'domainId')
    .addSelect('domain.uuid', 'domainUuid')
    .addSelect('domain.path', 'domainPath')
    .addSelect('submitter.uuid', 'userUuid')
    .where('job.removed IS NULL');
}

import { type AccountScope } from '@csbr/framework/host';
import { type ObjectLiteral, type SelectQueryBuilder } from 'typeorm';

import { DomainEntity } from '../database/entities';
import { LIKE_ESCAPE, startsWithPattern } from './like-pattern';

/** Where a listed row's owner is in the query. */
export interface OwnerColumns {
  /** e.g. `backup.accountId`. */
  readonly account: string;
  /** e.g. `backup.domainId`. */
  readonly domain: string;
  /** Alias of a `domain` row already joined on the owner's domain, if any. */
  readonly joinedDomainAlias?: string;
}

/**
 * Restricts `query` to the accounts a list may show (CloudStack's list scoping): one account,
 * one domain, or a domain and its subdomains (by domain path prefix).
 */
export function applyAccountScope<E extends ObjectLiteral>(
  query: SelectQueryBuilder<E>,
  scope: AccountScope,
  owner: OwnerColumns,
): void {
  switch (scope.kind) {
    case 'all':
      return;
    case 'account':
      query.andWhere(`${owner.account} = :scopeAccountId`, { scopeAccountId: scope.accountId });
      return;
    case 'domain': {
      if (!scope.recursive) {
        query.andWhere(`${owner.domain} = :scopeDomainId`, { scopeDomainId: scope.domainId });
        return;
      }
      let domainAlias = owner.joinedDomainAlias;
      if (domainAlias === undefined) {
        domainAlias = 'scopeDomain';
        query.innerJoin(DomainEntity, domainAlias, `${domainAlias}.id = ${owner.domain}`);
      }
      query.andWhere(`${domainAlias}.path LIKE :scopeDomainPath ${LIKE_ESCAPE}`, {
        scopeDomainPath: startsWithPattern(scope.domainPath),
      });
      return;
    }
  }
}

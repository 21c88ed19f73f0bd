import { type DomainEntity } from '../../database/entities';
import { field } from '../support/response-field';

/** A domain with its parent's uuid and name, read in one statement. */
export interface DomainView {
  readonly domain: DomainEntity;
  readonly parentUuid?: string;
  readonly parentName?: string;
}

/** CloudStack's `DomainResponse` (object name `domain`), the fields csbr has. */
export function toDomainResponse(view: DomainView): object {
  const { domain } = view;
  return {
    id: domain.uuid ?? '',
    name: domain.name ?? '',
    level: domain.level,
    parentdomainid: view.parentUuid,
    parentdomainname: view.parentName,
    haschild: domain.childCount > 0,
    path: domainDisplayPath(domain),
    state: domain.state,
    created: domain.created ?? undefined,
  };
}

/**
 * CloudStack shows a domain's path by names from ROOT (`ROOT/sales/emea`), while `domain.path`
 * holds `/sales/emea/`.
 */
export function domainDisplayPath(domain: Pick<DomainEntity, 'path'>): string {
  const inner = domain.path.replace(/^\/|\/$/g, '');
  return inner === '' ? 'ROOT' : `ROOT/${inner}`;
}

export const DOMAIN_RESPONSE = {
  objectName: 'domain',
  fields: [
    field('id', 'string', 'the ID of the domain'),
    field('name', 'string', 'the name of the domain'),
    field('level', 'integer', 'the level of the domain'),
    field('parentdomainid', 'string', 'the domain ID of the parent domain'),
    field('parentdomainname', 'string', 'the domain name of the parent domain'),
    field('haschild', 'boolean', 'whether the domain has one or more sub-domains'),
    field('path', 'string', 'the path of the domain'),
    field('state', 'string', 'the state of the domain'),
    field('created', 'date', 'the date when this domain was created'),
  ],
} as const;

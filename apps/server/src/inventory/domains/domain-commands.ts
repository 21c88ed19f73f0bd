import { type AnyCommandDefinition, defineCommand } from '../../api/command-definition';
import { listResult, objectResult } from '../../api/command-results';
import { listParams } from '../../api/common-params';
import { DOMAIN_RESPONSE, toDomainResponse } from './domain-view';
import { type DomainsService } from './domains.service';

/** `createDomain`, `listDomains`. */
export function domainCommands(domains: DomainsService): AnyCommandDefinition[] {
  const createDomain = defineCommand({
    name: 'createDomain',
    description: 'Creates a domain. Domain admins may create subdomains of their own domain tree.',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin'],
    eventType: 'DOMAIN.CREATE',
    eventResource: { type: 'Domain' },
    eventDescription: 'creating Domain',
    related: ['listDomains'],
    params: [
      { name: 'name', type: 'string', required: true, description: 'creates domain with this name' },
      {
        name: 'parentdomainid',
        type: 'uuid',
        entity: 'Domain',
        related: ['listDomains'],
        description: "assigns new domain a parent domain by domain ID of the parent. If no parent domain is specified, the caller's domain is used",
      },
      { name: 'networkdomain', type: 'string', description: 'accepted for compatibility and ignored: csbr manages no networks' },
    ],
    response: DOMAIN_RESPONSE,
    handler: async ({ params, caller }) =>
      objectResult('domain', toDomainResponse(await domains.create(caller, params.name, params.parentdomainid))),
  });

  const listDomains = defineCommand({
    name: 'listDomains',
    description:
      "Lists domains: the caller's domain, or with listall=true the caller's domain and every domain below it.",
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    related: ['createDomain'],
    params: [
      ...listParams(),
      { name: 'id', type: 'uuid', entity: 'Domain', description: 'List domain by domain ID.' },
      { name: 'name', type: 'string', description: 'List domain by domain name.' },
      { name: 'level', type: 'integer', description: 'List domains by domain level.' },
      {
        name: 'listall',
        type: 'boolean',
        description: "If set to false, list only resources belonging to the command's caller; if set to true - list resources that the caller is authorized to see. Default value is false",
      },
      { name: 'details', type: 'list', description: 'accepted for compatibility and ignored' },
    ],
    response: DOMAIN_RESPONSE,
    handler: async ({ params, caller, paging }) => {
      const page = await domains.list(
        caller,
        {
          id: params.id,
          name: params.name,
          level: params.level,
          keyword: params.keyword,
          listAll: params.listall === true,
        },
        paging,
      );
      return listResult('domain', { items: page.items.map(toDomainResponse), total: page.total });
    },
  });

  return [createDomain, listDomains];
}

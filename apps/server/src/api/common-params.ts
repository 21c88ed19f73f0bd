/**
 * Parameters CloudStack's base list commands add (`BaseListCmd`, `BaseListAccountResourcesCmd`).
 * Spread them into a command's `params`:
 * `params: [...listParams(), ...accountScopeParams(), { name: 'id', … }]`.
 */

/** `keyword`, `page`, `pagesize` (`BaseListCmd`); `context.paging` is computed from the last two. */
export function listParams() {
  return [
    { name: 'keyword', type: 'string', description: 'List by keyword' },
    { name: 'page', type: 'integer', description: 'The page number of the result set; sent together with pagesize' },
    {
      name: 'pagesize',
      type: 'integer',
      description: 'The number of items per page (at most default.page.size, 500 by default); -1 lists everything',
    },
  ] as const;
}

/**
 * `account`, `domainid`, `isrecursive`, `listall` (`BaseListAccountResourcesCmd`). Turn them into an
 * `AccountScope` with `AccountScopeResolver.resolve(context)`.
 */
export function accountScopeParams() {
  return [
    {
      name: 'account',
      type: 'string',
      description: 'list resources by account. Must be used with the domainId parameter.',
    },
    {
      name: 'domainid',
      type: 'uuid',
      entity: 'Domain',
      related: ['listDomains'],
      description: 'list only resources belonging to the domain specified',
    },
    {
      name: 'isrecursive',
      type: 'boolean',
      description:
        "defaults to false, but if true, lists all resources from the parent specified by the domainId till leaves.",
    },
    {
      name: 'listall',
      type: 'boolean',
      description:
        "If set to false, list only resources belonging to the command's caller; if set to true - list resources " +
        'that the caller is authorized to see. Default value is false',
    },
  ] as const;
}

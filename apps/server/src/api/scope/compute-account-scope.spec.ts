import { type Caller } from '@csbr/framework/host';
import { canAccessDomain, computeAccountScope } from './compute-account-scope';

function caller(roleType: Caller['roleType'], domainPath = '/sales/'): Caller {
  return { userId: 'u1', accountId: 'a1', accountName: 'acct', domainId: 'd1', domainPath, roleType };
}

const subdomain = { id: 'd2', uuid: 'd2-uuid', path: '/sales/emea/' };
const callerTree = { kind: 'domain', domainId: 'd1', domainPath: '/sales/', recursive: true };

describe('computeAccountScope', () => {
  it('limits a user to its own account whatever it asks for', () => {
    for (const request of [{}, { listAll: true }, { domain: subdomain }, { accountId: 'a9' }, { hasIdFilter: true }]) {
      expect(computeAccountScope(caller('User'), request)).toEqual({ kind: 'account', accountId: 'a1' });
    }
  });

  it('shows admins their own account unless listall=true or an id is asked for', () => {
    expect(computeAccountScope(caller('Admin', '/'), {})).toEqual({ kind: 'account', accountId: 'a1' });
    expect(computeAccountScope(caller('DomainAdmin'), {})).toEqual({ kind: 'account', accountId: 'a1' });
    expect(computeAccountScope(caller('Admin', '/'), { listAll: true })).toEqual({ kind: 'all' });
    expect(computeAccountScope(caller('DomainAdmin'), { listAll: true })).toEqual(callerTree);
    expect(computeAccountScope(caller('Admin', '/'), { hasIdFilter: true })).toEqual({ kind: 'all' });
    expect(computeAccountScope(caller('DomainAdmin'), { hasIdFilter: true })).toEqual(callerTree);
  });

  it('narrows to a domain, recursively with isrecursive=true, or to an account', () => {
    expect(computeAccountScope(caller('DomainAdmin'), { domain: subdomain })).toEqual({
      kind: 'domain',
      domainId: 'd2',
      domainPath: '/sales/emea/',
      recursive: false,
    });
    expect(computeAccountScope(caller('Admin', '/'), { domain: subdomain, isRecursive: true })).toMatchObject({ recursive: true });
    expect(computeAccountScope(caller('Admin', '/'), { domain: subdomain, accountId: 'a7', listAll: true })).toEqual({
      kind: 'account',
      accountId: 'a7',
    });
  });
});

describe('canAccessDomain', () => {
  it('lets the root admin see any domain, a domain admin its tree and a user its own domain', () => {
    const other = { id: 'd3', uuid: 'd3-uuid', path: '/marketing/' };
    expect(canAccessDomain(caller('Admin', '/'), other)).toBe(true);
    expect(canAccessDomain(caller('DomainAdmin'), subdomain)).toBe(true);
    expect(canAccessDomain(caller('DomainAdmin'), other)).toBe(false);
    expect(canAccessDomain(caller('User'), { id: 'd1', uuid: 'x', path: '/sales/' })).toBe(true);
    expect(canAccessDomain(caller('User'), subdomain)).toBe(false);
  });
});

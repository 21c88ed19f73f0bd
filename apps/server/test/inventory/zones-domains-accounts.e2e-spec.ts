import { CLOUDSTACK_DATE, UUID } from '../support/cloudstack-formats';
import { type InventoryEnv, startInventoryEnv } from './support/inventory-env';

describe('zones, domains, accounts and users over signed HTTP', () => {
  let env: InventoryEnv;

  beforeAll(async () => {
    env = await startInventoryEnv();
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('zones', () => {
    it('creates a zone and answers it wrapped as CloudStack does', async () => {
      const reply = await env.admin.call('createZone', {
        name: 'zone-create',
        dns1: '8.8.8.8',
        internaldns1: '10.0.0.1',
        networktype: 'advanced',
      });

      expect(reply.status).toBe(200);
      expect(reply.responseName).toBe('createzoneresponse');
      expect(reply.body).toEqual({
        zone: {
          id: expect.stringMatching(UUID),
          name: 'zone-create',
          dns1: '8.8.8.8',
          internaldns1: '10.0.0.1',
          networktype: 'Advanced',
          securitygroupsenabled: false,
          allocationstate: 'Enabled',
          zonetoken: expect.stringMatching(UUID),
          localstorageenabled: false,
        },
      });
    });

    it('refuses a second zone with the same name', async () => {
      await env.createZone('zone-twice');

      const reply = await env.admin.call('createZone', { name: 'zone-twice', dns1: '1.1.1.1', internaldns1: '10.0.0.1', networktype: 'Basic' });

      expect(reply.status).toBe(431);
      expect(reply.body).toMatchObject({
        errorcode: 431,
        cserrorcode: 4350,
        errortext: 'A zone with that name already exists. Please specify a unique zone name.',
      });
    });

    it('lists zones by id and name, with the total count; users do not see disabled zones', async () => {
      const enabled = await env.createZone('zone-listed');
      await env.createZone('zone-disabled', { allocationstate: 'Disabled' });
      const user = await env.createUser({ name: 'zone-lister' });

      const byId = await env.admin.ok('listZones', { id: enabled });
      const byName = await env.admin.ok('listZones', { name: 'zone-disabled' });
      const asUser = await user.client.ok('listZones', { keyword: 'zone-' });
      const asAdmin = await env.admin.ok('listZones', { keyword: 'zone-' });

      expect(byId).toEqual({ count: 1, zone: [expect.objectContaining({ id: enabled, name: 'zone-listed' })] });
      expect(byName.zone[0]).toMatchObject({ name: 'zone-disabled', allocationstate: 'Disabled' });
      expect(asUser.zone.map((zone: { name: string }) => zone.name)).not.toContain('zone-disabled');
      expect(asAdmin.zone.map((zone: { name: string }) => zone.name)).toContain('zone-disabled');
      expect(asAdmin.count).toBe(asAdmin.zone.length);
    });

    it('pages zones in SQL: count is the total, the page holds pagesize items', async () => {
      for (const name of ['page-a', 'page-b', 'page-c']) await env.createZone(name);

      const first = await env.admin.ok('listZones', { keyword: 'page-', page: 1, pagesize: 2 });
      const second = await env.admin.ok('listZones', { keyword: 'page-', page: 2, pagesize: 2 });

      expect(first.count).toBe(3);
      expect(first.zone.map((zone: { name: string }) => zone.name)).toEqual(['page-a', 'page-b']);
      expect(second.zone.map((zone: { name: string }) => zone.name)).toEqual(['page-c']);
    });

    it('answers an empty list as {}', async () => {
      expect(await env.admin.call('listZones', { name: 'no-such-zone' })).toMatchObject({ status: 200, body: {} });
    });

    it('deletes an empty zone, and refuses one that still has virtual machines', async () => {
      const empty = await env.createZone('zone-empty');
      const busy = await env.createZone('zone-busy');
      await env.deployVm(env.admin, { zoneid: busy, name: 'keeps-zone-busy' });

      const deleted = await env.admin.call('deleteZone', { id: empty });
      const refused = await env.admin.call('deleteZone', { id: busy });

      expect(deleted).toMatchObject({ status: 200, responseName: 'deletezoneresponse', body: { success: true } });
      expect(await env.admin.call('listZones', { id: empty })).toMatchObject({ status: 431 });
      expect(refused.status).toBe(530);
      expect(refused.body.errortext).toBe('The zone cannot be deleted because there are virtual machines in this zone.');
    });

    it('keeps zone management to root admins (401 from the role check)', async () => {
      const user = await env.createUser({ name: 'zone-creator' });

      const reply = await user.client.call('createZone', { name: 'not-mine', dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Basic' });

      expect(reply.status).toBe(401);
    });
  });

  describe('domains', () => {
    it('creates subdomains under ROOT and under another domain', async () => {
      const { domain: sales } = await env.admin.ok('createDomain', { name: 'sales' });
      const { domain: emea } = await env.admin.ok('createDomain', { name: 'emea', parentdomainid: sales.id });

      const root = (await env.admin.ok('listDomains', {})).domain[0];
      expect(root).toMatchObject({ name: 'ROOT', level: 0, path: 'ROOT', haschild: true });
      expect(sales).toEqual({
        id: expect.stringMatching(UUID),
        name: 'sales',
        level: 1,
        parentdomainid: root.id,
        parentdomainname: 'ROOT',
        haschild: false,
        path: 'ROOT/sales',
        state: 'Active',
        created: expect.stringMatching(CLOUDSTACK_DATE),
      });
      expect(emea).toMatchObject({ name: 'emea', level: 2, parentdomainid: sales.id, path: 'ROOT/sales/emea' });
    });

    it('refuses a duplicate name under the same parent', async () => {
      await env.admin.ok('createDomain', { name: 'dup' });

      const reply = await env.admin.call('createDomain', { name: 'dup' });

      expect(reply.status).toBe(431);
      expect(reply.body.errortext).toMatch(/^Domain with name dup already exists for the parent id=/);
    });

    it("lists the caller's domain, and its whole tree with listall=true", async () => {
      const { domain: parent } = await env.admin.ok('createDomain', { name: 'tree' });
      await env.admin.ok('createDomain', { name: 'leaf', parentdomainid: parent.id });
      const domainAdmin = await env.createUser({ name: 'tree-admin', accounttype: 2, domainid: parent.id });

      const own = await domainAdmin.client.ok('listDomains', {});
      const tree = await domainAdmin.client.ok('listDomains', { listall: true });

      expect(own).toEqual({ count: 1, domain: [expect.objectContaining({ name: 'tree' })] });
      expect(tree.domain.map((domain: { path: string }) => domain.path)).toEqual(['ROOT/tree', 'ROOT/tree/leaf']);
    });

    it('lets a domain admin create subdomains in its tree only', async () => {
      const { domain: own } = await env.admin.ok('createDomain', { name: 'mine' });
      const { domain: other } = await env.admin.ok('createDomain', { name: 'theirs' });
      const domainAdmin = await env.createUser({ name: 'mine-admin', accounttype: 2, domainid: own.id });

      const created = await domainAdmin.client.call('createDomain', { name: 'sub' });
      const refused = await domainAdmin.client.call('createDomain', { name: 'intruder', parentdomainid: other.id });

      expect(created.body.domain).toMatchObject({ path: 'ROOT/mine/sub', parentdomainid: own.id });
      expect(refused.status).toBe(531);
      expect(refused.body).toMatchObject({ cserrorcode: 4365, errortext: `Account mine-admin does not have permission to operate within domain id=${other.id}` });
    });
  });

  describe('accounts and users', () => {
    it('creates an account with its first user', async () => {
      const { domain } = await env.admin.ok('createDomain', { name: 'accounts-domain' });

      const reply = await env.admin.call('createAccount', {
        username: 'carol',
        password: 'secret-password',
        email: 'carol@example.com',
        firstname: 'Carol',
        lastname: 'Jones',
        accounttype: 0,
        account: 'carol-account',
        domainid: domain.id,
        timezone: 'Europe/Paris',
      });

      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        account: {
          id: expect.stringMatching(UUID),
          name: 'carol-account',
          accounttype: 0,
          roletype: 'User',
          domainid: domain.id,
          domain: 'accounts-domain',
          domainpath: 'ROOT/accounts-domain',
          state: 'enabled',
          created: expect.stringMatching(CLOUDSTACK_DATE),
          user: [
            {
              id: expect.stringMatching(UUID),
              username: 'carol',
              firstname: 'Carol',
              lastname: 'Jones',
              email: 'carol@example.com',
              created: expect.stringMatching(CLOUDSTACK_DATE),
              state: 'enabled',
              account: 'carol-account',
              accounttype: 0,
              roletype: 'User',
              domainid: domain.id,
              domain: 'accounts-domain',
              timezone: 'Europe/Paris',
              accountid: reply.body.account.id,
              isdefault: false,
              usersource: 'native',
            },
          ],
          isdefault: false,
        },
      });
      const [row] = await env.query<{ password: string }>('SELECT password FROM user WHERE username = ?', ['carol']);
      expect(row?.password).toMatch(/^scrypt\$/);
    });

    it('refuses an existing account name and a missing account type with CloudStack\u2019s texts', async () => {
      await env.createUser({ name: 'taken' });
      const base = { password: 'p', email: 'e@example.com', firstname: 'f', lastname: 'l' };

      const duplicate = await env.admin.call('createAccount', { ...base, username: 'other', account: 'taken', accounttype: 0 });
      const untyped = await env.admin.call('createAccount', { ...base, username: 'untyped' });

      expect(duplicate.body).toMatchObject({ errorcode: 431, errortext: 'The specified account: taken already exists' });
      expect(untyped.body).toMatchObject({ errorcode: 431, errortext: 'Neither account type nor role ID is not specified' });
    });

    it('keeps domain admins from creating root admins', async () => {
      const { domain } = await env.admin.ok('createDomain', { name: 'da-domain' });
      const domainAdmin = await env.createUser({ name: 'da', accounttype: 2, domainid: domain.id });

      const reply = await domainAdmin.client.call('createAccount', {
        username: 'wannabe',
        password: 'p',
        email: 'w@example.com',
        firstname: 'w',
        lastname: 'w',
        accounttype: 1,
      });

      expect(reply.status).toBe(531);
    });

    it("scopes listAccounts: a user sees its own account; an admin its domain, the tree with listall", async () => {
      const { domain } = await env.admin.ok('createDomain', { name: 'scoped-accounts' });
      const user = await env.createUser({ name: 'scoped-user', domainid: domain.id });
      await env.createUser({ name: 'scoped-neighbour', domainid: domain.id });

      const asUser = await user.client.ok('listAccounts', { listall: true });
      const adminOwnDomain = await env.admin.ok('listAccounts', {});
      const adminTree = await env.admin.ok('listAccounts', { listall: true });
      const adminInDomain = await env.admin.ok('listAccounts', { domainid: domain.id });

      expect(asUser.account.map((account: { name: string }) => account.name)).toEqual(['scoped-user']);
      expect(adminOwnDomain.account.map((account: { name: string }) => account.name)).not.toContain('scoped-user');
      expect(adminTree.account.map((account: { name: string }) => account.name)).toEqual(
        expect.arrayContaining(['admin', 'system', 'scoped-user', 'scoped-neighbour']),
      );
      expect(adminInDomain.account.map((account: { name: string }) => account.name)).toEqual(['scoped-user', 'scoped-neighbour']);
    });

    it('lists users with their account scoping and never shows secret keys', async () => {
      const user = await env.createUser({ name: 'listed-user' });

      const own = await user.client.ok('listUsers', {});
      const other = await user.client.call('listUsers', { account: 'admin', domainid: (await env.admin.ok('listDomains', {})).domain[0].id });

      expect(own).toEqual({
        count: 1,
        user: [expect.objectContaining({ id: user.userId, username: 'listed-user', apikey: user.client.apiKey, account: 'listed-user' })],
      });
      expect(own.user[0]).not.toHaveProperty('secretkey');
      expect(other.status).toBe(531);
    });

    it('registers and reads API keys, for oneself or as an admin, but not for another account', async () => {
      const alice = await env.createUser({ name: 'keys-alice' });
      const bob = await env.createUser({ name: 'keys-bob' });

      const renewed = await alice.client.ok('registerUserKeys', { id: alice.userId });
      const read = await env.admin.ok('getUserKeys', { id: alice.userId });
      const stolen = await bob.client.call('getUserKeys', { id: alice.userId });
      const oldKeys = await alice.client.call('listUsers', {});

      expect(renewed.userkeys).toEqual({ apikey: expect.any(String), secretkey: expect.any(String) });
      expect(read).toEqual({ userkeys: renewed.userkeys });
      // Another account's user is an unknown id to Bob (README, "Security decisions").
      expect(stolen).toMatchObject({ status: 431, body: { errorcode: 431, cserrorcode: 9999 } });
      expect(oldKeys.status).toBe(401);
      const [row] = await env.query<{ secret_key: string }>('SELECT secret_key FROM user WHERE uuid = ?', [alice.userId]);
      expect(row?.secret_key).toMatch(/^enc:v1:/);
    });

    it('deletes an account as a job: its users are removed and its VMs expunged', async () => {
      const zone = await env.createZone('zone-of-doomed');
      const doomed = await env.createUser({ name: 'doomed' });
      const vm = await env.deployVm(doomed.client, { zoneid: zone, name: 'doomed-vm' });

      const job = await env.admin.runJob('deleteAccount', { id: doomed.accountId });

      expect(job).toMatchObject({
        jobstatus: 1,
        jobresultcode: 0,
        jobresult: { success: true },
        jobinstancetype: 'Account',
        jobinstanceid: doomed.accountId,
        cmd: 'org.apache.cloudstack.api.command.admin.account.DeleteAccountCmd',
      });
      expect(await doomed.client.call('listZones', {})).toMatchObject({ status: 401 });
      const [row] = await env.query<{ state: string; removed: Date | null }>('SELECT state, removed FROM vm_instance WHERE uuid = ?', [vm.id]);
      expect(row).toMatchObject({ state: 'Expunging', removed: expect.any(Date) });
      expect(await env.admin.call('listAccounts', { id: doomed.accountId })).toMatchObject({ status: 431 });
    });

    it('refuses to delete the default accounts', async () => {
      const { account } = await env.admin.ok('listAccounts', { name: 'admin' });

      const job = await env.admin.runJob('deleteAccount', { id: account[0].id });

      expect(job).toMatchObject({ jobstatus: 2, jobresult: { errorcode: 431, errortext: "The account is default and can't be removed" } });
    });
  });
});

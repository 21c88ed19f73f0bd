import { ApiClient } from './support/api-client';
import { MARKETING_DOMAIN, SALES_DOMAIN, THINGS, USERS } from './support/fake-ports';
import { startTestApi, type TestApi } from './support/test-api';

describe('list scoping from account, domainid, isrecursive, listall (e2e)', () => {
  let api: TestApi;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startTestApi();
    client = new ApiClient(api.endpoint);
  });

  afterAll(async () => {
    await api.close();
  });

  async function scope(user: (typeof USERS)[keyof typeof USERS], params: Record<string, string> = {}) {
    return client.call(user, 'scopeThing', params);
  }

  it('keeps the root admin to its own account unless listall=true or an id is given', async () => {
    expect((await scope(USERS.admin)).json.scopethingresponse).toEqual({ kind: 'account', accountId: USERS.admin.caller.accountId });
    expect((await scope(USERS.admin, { listall: 'true' })).json.scopethingresponse).toEqual({ kind: 'all' });
    expect((await scope(USERS.admin, { id: THINGS[0].uuid })).json.scopethingresponse).toEqual({ kind: 'all' });
  });

  it('gives a domain admin its domain tree with listall, or a domain it administers', async () => {
    expect((await scope(USERS.domainAdmin, { listall: 'true' })).json.scopethingresponse).toEqual({
      kind: 'domain',
      domainId: SALES_DOMAIN.id,
      domainPath: '/sales/',
      recursive: true,
    });
    expect((await scope(USERS.domainAdmin, { domainid: SALES_DOMAIN.uuid, isrecursive: 'true' })).json.scopethingresponse).toMatchObject({
      kind: 'domain',
      recursive: true,
    });
    expect((await scope(USERS.domainAdmin, { domainid: SALES_DOMAIN.uuid, account: 'bob' })).json.scopethingresponse).toEqual({
      kind: 'account',
      accountId: USERS.bob.caller.accountId,
    });
  });

  it('refuses a domain outside the caller\'s reach with 531/4365', async () => {
    const reply = await scope(USERS.domainAdmin, { domainid: MARKETING_DOMAIN.uuid });
    expect(reply.status).toBe(531);
    expect(reply.json.scopethingresponse).toEqual({
      uuidList: [],
      errorcode: 531,
      cserrorcode: 4365,
      errortext: `Account salesadmin does not have permission to operate within domain id=${MARKETING_DOMAIN.uuid}`,
    });
  });

  it('refuses an unknown account with 431/4350', async () => {
    const reply = await scope(USERS.admin, { domainid: SALES_DOMAIN.uuid, account: 'nobody' });
    expect(reply.status).toBe(431);
    expect(reply.json.scopethingresponse).toMatchObject({
      cserrorcode: 4350,
      errortext: `Unable to find account by name nobody in domain ${SALES_DOMAIN.uuid}`,
    });
  });

  it('keeps a user to its own account, and refuses another account by name', async () => {
    expect((await scope(USERS.alice, { listall: 'true' })).json.scopethingresponse).toEqual({
      kind: 'account',
      accountId: USERS.alice.caller.accountId,
    });
    expect((await scope(USERS.alice, { account: 'bob' })).status).toBe(531);
  });
});

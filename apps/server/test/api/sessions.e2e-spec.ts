import { ApiClient, type TestReply } from './support/api-client';
import { SALES_DOMAIN, USERS } from './support/fake-ports';
import { startTestApi, type TestApi } from './support/test-api';

/** The `name=value` part of each Set-Cookie, by name. */
function cookieJar(reply: TestReply): Map<string, string> {
  return new Map(
    reply.setCookies.map((line) => {
      const pair = line.split(';')[0] ?? '';
      const equals = pair.indexOf('=');
      return [pair.slice(0, equals), pair.slice(equals + 1)];
    }),
  );
}

function cookieHeader(jar: Map<string, string>): Record<string, string> {
  return { cookie: [...jar].map(([name, value]) => `${name}=${value}`).join('; ') };
}

describe('username/password sessions (e2e)', () => {
  let api: TestApi;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startTestApi();
    client = new ApiClient(api.endpoint);
  });

  afterAll(async () => {
    await api.close();
  });

  async function login(user = USERS.alice, extra: Record<string, string> = { domain: 'sales' }): Promise<{
    reply: TestReply;
    jar: Map<string, string>;
    sessionKey: string;
  }> {
    const reply = await client.post({ command: 'login', response: 'json', username: user.username, password: user.password, ...extra });
    const jar = cookieJar(reply);
    return { reply, jar, sessionKey: jar.get('sessionkey') ?? '' };
  }

  it('logs in with POST: flat loginresponse, JSESSIONID and sessionkey cookies', async () => {
    const { reply, jar, sessionKey } = await login();
    expect(reply.status).toBe(200);
    expect(reply.setCookies).toEqual([
      expect.stringMatching(/^JSESSIONID=[\w-]+; Path=\/client; HttpOnly$/),
      expect.stringMatching(/^sessionkey=[\w-]{27}; Path=\/client; HttpOnly; SameSite=Lax$/),
    ]);
    expect(reply.json).toEqual({
      loginresponse: {
        username: 'alice',
        userid: USERS.alice.caller.userId,
        domainid: SALES_DOMAIN.uuid,
        timeout: 1800,
        account: 'alice',
        firstname: 'ALICE',
        lastname: 'Tester',
        type: '0',
        registered: 'false',
        sessionkey: sessionKey,
        is2faenabled: 'false',
        is2faverified: 'true',
        issuerfor2fa: 'CloudStack',
      },
    });
    expect(Object.keys(reply.json.loginresponse)[0]).toBe('username');
    expect(jar.get('JSESSIONID')).not.toBe(sessionKey);
  });

  it('shows the admin type, time zone and offset', async () => {
    const { reply } = await login(USERS.admin, { domainId: '10000000-0000-4000-8000-000000000001' });
    expect(reply.json.loginresponse).toMatchObject({ type: '1', timezone: 'Asia/Kolkata', timezoneoffset: '5.5' });
  });

  it('answers login by GET with 405 and a plain sentence', async () => {
    const reply = await client.get({ command: 'login', response: 'json', username: 'alice', password: 'x' });
    expect(reply.status).toBe(405);
    expect(reply.text).toBe('Please use HTTP POST to authenticate using this API');
  });

  it('answers a failed login with 531 under loginresponse, without cserrorcode', async () => {
    const reply = await client.post({ command: 'login', response: 'json', username: 'alice', password: 'wrong', domain: '/sales/' });
    expect(reply.status).toBe(531);
    expect(reply.text).toBe(
      '{"loginresponse":{"uuidList":[],"errorcode":531,"errortext":"Failed to authenticate user alice in domain /sales/; please provide valid credentials"}}',
    );
    expect(reply.setCookies).toEqual([]);
  });

  it('runs session requests with the JSESSIONID cookie plus the sessionkey cookie and parameter, unsigned', async () => {
    const { jar, sessionKey } = await login();
    const reply = await client.get({ command: 'listThings', response: 'json', sessionkey: sessionKey }, cookieHeader(jar));
    expect(reply.status).toBe(200);
    expect(reply.json.listthingsresponse.count).toBe(3);
    const posted = await client.post({ command: 'listThings', response: 'json', sessionkey: sessionKey, keyword: 'beta' }, [], cookieHeader(jar));
    expect(posted.json.listthingsresponse.count).toBe(1);
  });

  it('refuses a session request without the right sessionkey and ends the session', async () => {
    const { jar, sessionKey } = await login();
    const reply = await client.get({ command: 'listThings', response: 'json', sessionkey: 'forged' }, cookieHeader(jar));
    expect(reply.status).toBe(401);
    expect(reply.text).toBe(
      '{"listthingsresponse":{"uuidList":[],"errorcode":401,"errortext":"unable to verify user credentials"}}',
    );
    const after = await client.get({ command: 'listThings', response: 'json', sessionkey: sessionKey }, cookieHeader(jar));
    expect(after.status).toBe(401);
    expect(after.json.listthingsresponse.errortext).toBe('unable to verify user credentials and/or request signature');
  });

  it('requires the sessionkey parameter, not only the cookie (CookieAndParameter)', async () => {
    const { jar } = await login();
    const reply = await client.get({ command: 'listThings', response: 'json' }, cookieHeader(jar));
    expect(reply.status).toBe(401);
  });

  it('answers an unknown command in a session with 432 under errorresponse', async () => {
    const { jar, sessionKey } = await login();
    const reply = await client.get({ command: 'noSuchCommand', response: 'json', sessionkey: sessionKey }, cookieHeader(jar));
    expect(reply.status).toBe(432);
    expect(reply.text).toBe(
      '{"errorresponse":{"uuidList":[],"errorcode":432,"cserrorcode":9999,"errortext":"Unknown API command: noSuchCommand"}}',
    );
  });

  it('answers a session request without command with 400', async () => {
    const { jar, sessionKey } = await login();
    const reply = await client.get({ response: 'json', sessionkey: sessionKey }, cookieHeader(jar));
    expect(reply.status).toBe(400);
    expect(reply.json).toEqual({ null: { uuidList: [], errorcode: 400, errortext: 'no command specified' } });
  });

  it('applies roles to session callers too', async () => {
    const { jar, sessionKey } = await login();
    const reply = await client.get({ command: 'adminThing', response: 'json', sessionkey: sessionKey }, cookieHeader(jar));
    expect(reply.status).toBe(401);
    expect(reply.json.adminthingresponse.errortext).toBe(
      "The given command 'adminThing' either does not exist, is not available for user.",
    );
  });

  it('expires a session after 1800 s without requests', async () => {
    const { jar, sessionKey } = await login();
    api.clock.advanceSeconds(1799);
    expect((await client.get({ command: 'listThings', response: 'json', sessionkey: sessionKey }, cookieHeader(jar))).status).toBe(200);
    api.clock.advanceSeconds(1800);
    expect((await client.get({ command: 'listThings', response: 'json', sessionkey: sessionKey }, cookieHeader(jar))).status).toBe(401);
  });

  it('logs out: success, every cookie cleared, the session gone', async () => {
    const { jar, sessionKey } = await login();
    const reply = await client.get({ command: 'logout', response: 'json' }, cookieHeader(jar));
    expect(reply.status).toBe(200);
    expect(reply.text).toBe('{"logoutresponse":{"description":"success"}}');
    expect(reply.setCookies).toEqual([
      expect.stringMatching(/^JSESSIONID=; Path=\/client; Max-Age=0/),
      expect.stringMatching(/^sessionkey=; Path=\/client; Max-Age=0/),
    ]);
    const after = await client.get({ command: 'listThings', response: 'json', sessionkey: sessionKey }, cookieHeader(jar));
    expect(after.status).toBe(401);
  });

  it('answers logout in XML by default', async () => {
    const reply = await client.get({ command: 'logout' });
    expect(reply.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><logoutresponse cloud-stack-version="4.14.0.0"><description>success</description></logoutresponse>',
    );
  });
});

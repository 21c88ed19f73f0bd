import { ApiClient, signedParams } from './support/api-client';
import { USERS } from './support/fake-ports';
import { startTestApi, type TestApi } from './support/test-api';
import { signParams } from './support/test-signer';

const SIGNATURE_FAILURE = 'unable to verify user credentials and/or request signature';

describe('API-key authentication (e2e)', () => {
  let api: TestApi;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startTestApi();
    client = new ApiClient(api.endpoint);
  });

  afterAll(async () => {
    await api.close();
  });

  it('answers a correctly signed request', async () => {
    const reply = await client.call(USERS.alice, 'listThings');
    expect(reply.status).toBe(200);
    expect(reply.contentType).toBe('application/json; charset=UTF-8');
    expect(reply.json.listthingsresponse.count).toBe(3);
  });

  it('accepts version 1 requests without expires', async () => {
    const reply = await client.get(signedParams(USERS.alice, { command: 'listThings', response: 'json' }, { expires: null }));
    expect(reply.status).toBe(200);
  });

  it.each([
    ['+0000 (cs, csclient)', '2099-01-01T00:00:00+0000'],
    ['+00:00', '2099-01-01T00:00:00+00:00'],
    ['Z (cloudstack-go)', '2099-01-01T00:00:00Z'],
    ['fractional seconds', '2099-01-01T00:00:00.123456Z'],
  ])('accepts expires written with %s', async (_label, expires) => {
    const reply = await client.get(signedParams(USERS.alice, { command: 'listThings', response: 'json' }, { expires }));
    expect(reply.status).toBe(200);
  });

  it('matches apiKey, signature, signatureVersion and expires names ignoring case', async () => {
    const params: [string, string][] = [
      ['apikey', USERS.alice.apiKey],
      ['command', 'listThings'],
      ['response', 'json'],
      ['signatureversion', '3'],
      ['EXPIRES', '2099-01-01T00:00:00Z'],
    ];
    params.push(['Signature', signParams(params, USERS.alice.secretKey)]);
    expect((await client.get(params)).status).toBe(200);
  });

  it('refuses a bad signature: 401 under the command name, without cserrorcode', async () => {
    const params = signedParams(USERS.alice, { command: 'listThings', response: 'json' }).map(([name, value]) =>
      name === 'signature' ? ([name, signParams([['x', 'y']], USERS.alice.secretKey)] as const) : ([name, value] as const),
    );
    const reply = await client.get(params);
    expect(reply.status).toBe(401);
    expect(reply.text).toBe(`{"listthingsresponse":{"uuidList":[],"errorcode":401,"errortext":"${SIGNATURE_FAILURE}"}}`);
    expect(reply.description).toBe(SIGNATURE_FAILURE);
  });

  it('refuses a signature made with another secret, and a value changed after signing', async () => {
    const otherSecret = signedParams({ ...USERS.alice, secretKey: 'wrong' }, { command: 'listThings', response: 'json' });
    expect((await client.get(otherSecret)).status).toBe(401);
    const tampered = signedParams(USERS.alice, { command: 'listThings', response: 'json', keyword: 'alpha' }).map(
      ([name, value]) => (name === 'keyword' ? (['keyword', 'beta'] as const) : ([name, value] as const)),
    );
    expect((await client.get(tampered)).status).toBe(401);
  });

  it('refuses an expired request', async () => {
    const reply = await client.get(
      signedParams(USERS.alice, { command: 'listThings', response: 'json' }, { expires: '2020-01-01T00:00:00+0000' }),
    );
    expect(reply.status).toBe(401);
    expect(reply.json).toEqual({ listthingsresponse: { uuidList: [], errorcode: 401, errortext: SIGNATURE_FAILURE } });
  });

  it('refuses signatureVersion=3 with a missing or unparseable expires', async () => {
    const missing: [string, string][] = [
      ['apiKey', USERS.alice.apiKey],
      ['command', 'listThings'],
      ['response', 'json'],
      ['signatureVersion', '3'],
    ];
    missing.push(['signature', signParams(missing, USERS.alice.secretKey)]);
    expect((await client.get(missing)).status).toBe(401);
    const unparseable = signedParams(USERS.alice, { command: 'listThings', response: 'json' }, { expires: 'next week' });
    expect((await client.get(unparseable)).status).toBe(401);
  });

  it('refuses an unknown API key', async () => {
    const reply = await client.call({ ...USERS.alice, apiKey: 'no-such-key' }, 'listThings');
    expect(reply.status).toBe(401);
    expect(reply.json.listthingsresponse.errortext).toBe(SIGNATURE_FAILURE);
  });

  it('refuses a disabled user and a user of a disabled account', async () => {
    for (const user of [USERS.disabledUser, USERS.disabledAccount]) {
      const reply = await client.call(user, 'listThings');
      expect(reply.status).toBe(401);
      expect(reply.json).toEqual({ listthingsresponse: { uuidList: [], errorcode: 401, errortext: SIGNATURE_FAILURE } });
    }
  });

  it('refuses a request without signature or without apiKey', async () => {
    const unsigned = signedParams(USERS.alice, { command: 'listThings', response: 'json' }).filter(
      ([name]) => name !== 'signature',
    );
    expect((await client.get(unsigned)).status).toBe(401);
    const keyless = signedParams(USERS.alice, { command: 'listThings', response: 'json' }).filter(([name]) => name !== 'apiKey');
    expect((await client.get(keyless)).status).toBe(401);
  });

  it('refuses a user calling an admin command with CloudStack\'s 401 text', async () => {
    const reply = await client.call(USERS.alice, 'adminThing');
    expect(reply.status).toBe(401);
    expect(reply.text).toBe(
      '{"adminthingresponse":{"uuidList":[],"errorcode":401,"cserrorcode":9999,' +
        `"errortext":"The given command 'adminThing' either does not exist, is not available for user."}}`,
    );
    const admin = await client.call(USERS.admin, 'adminThing');
    expect(admin.status).toBe(200);
    expect(admin.json.adminthingresponse.thing.id).toBe('40000000-0000-4000-8000-000000000001');
  });

  it('answers an unknown command with 401 under errorresponse, before any signature check', async () => {
    const reply = await client.get({ command: 'noSuchCommand', response: 'json' });
    expect(reply.status).toBe(401);
    expect(reply.text).toBe(`{"errorresponse":{"uuidList":[],"errorcode":401,"errortext":"${SIGNATURE_FAILURE}"}}`);
    const signed = await client.call(USERS.admin, 'listthings');
    expect(signed.json).toEqual({ errorresponse: { uuidList: [], errorcode: 401, errortext: SIGNATURE_FAILURE } });
  });

  it('answers a request without command under "null", or errorresponse when it has no parameters at all', async () => {
    const withParams = await client.get({ response: 'json' });
    expect(withParams.status).toBe(401);
    expect(withParams.json).toEqual({ null: { uuidList: [], errorcode: 401, errortext: SIGNATURE_FAILURE } });
    const bare = await client.get({});
    expect(bare.status).toBe(401);
    expect(bare.contentType).toBe('text/xml; charset=UTF-8');
    expect(bare.text).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><errorresponse cloud-stack-version="4.14.0.0">' +
        `<errorcode>401</errorcode><errortext>${SIGNATURE_FAILURE}</errortext></errorresponse>`,
    );
  });

  it('accepts a signed form POST, with parameters split between query string and body', async () => {
    const params = signedParams(USERS.alice, { command: 'listThings', response: 'json', keyword: 'a b+c' });
    const reply = await client.post(params.slice(2), params.slice(0, 2));
    expect(reply.status).toBe(200);
    expect(reply.json).toEqual({ listthingsresponse: {} });
  });

  it('serves paths under /client/api too', async () => {
    const reply = await client.get(signedParams(USERS.alice, { command: 'listThings', response: 'json' }), {}, '/v1/extra');
    expect(reply.status).toBe(200);
  });

  it('signs and binds the first value of a repeated parameter, so an appended value cannot sneak in', async () => {
    const params = signedParams(USERS.alice, { command: 'listThings', response: 'json', keyword: 'alpha' });
    const reply = await client.get([...params, ['keyword', 'beta']]);
    expect(reply.status).toBe(200);
    expect(reply.json.listthingsresponse.thing.map((thing: { name: string }) => thing.name)).toEqual(['alpha']);
  });

  it('accepts values with ~ signed the Java way or left unencoded as cs and cloudmonkey do', async () => {
    const javaSigned = signedParams(USERS.alice, { command: 'listThings', response: 'json', keyword: 'a~b' });
    expect((await client.get(javaSigned)).status).toBe(200);
    const clientStyle = javaSigned.filter(([name]) => name !== 'signature');
    const canonical = [...clientStyle]
      .sort(([left], [right]) => (left < right ? -1 : 1))
      .map(([name, value]) => `${name}=${encodeURIComponent(value).replace(/[!'()]/g, (c) => `%${c.charCodeAt(0).toString(16)}`)}`)
      .join('&')
      .toLowerCase();
    expect(canonical).toContain('keyword=a~b');
    const { createHmac } = await import('node:crypto');
    const signature = createHmac('sha1', USERS.alice.secretKey).update(canonical).digest('base64');
    expect((await client.get([...clientStyle, ['signature', signature]])).status).toBe(200);
  });
});

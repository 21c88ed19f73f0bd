import { ApiClient, signedParams } from './support/api-client';
import { THINGS, USERS } from './support/fake-ports';
import { startTestApi, type TestApi } from './support/test-api';
import { toQueryString } from './support/test-signer';

const UNKNOWN_THING = '40000000-0000-4000-8000-00000000dead';
const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

describe('envelopes and errors (e2e)', () => {
  let api: TestApi;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startTestApi();
    client = new ApiClient(api.endpoint);
  });

  afterAll(async () => {
    await api.close();
  });

  describe('success envelopes', () => {
    it('writes a list with count, item key, CloudStack dates, booleans and numbers, and no null fields', async () => {
      const reply = await client.call(USERS.alice, 'listThings', { keyword: 'alpha' });
      expect(reply.status).toBe(200);
      expect(reply.text).toBe(
        '{"listthingsresponse":{"count":1,"thing":[{"id":"40000000-0000-4000-8000-000000000001","name":"alpha",' +
          `"created":"2019-10-01T12:00:00+0000","size":1024,"enabled":true,"details":{"color":"<alpha> & 'co'"}}]}}`,
      );
    });

    it('writes an empty list as {}', async () => {
      const reply = await client.call(USERS.alice, 'listThings', { keyword: 'nothing matches' });
      expect(reply.text).toBe('{"listthingsresponse":{}}');
    });

    it('writes count as the total across pages', async () => {
      const reply = await client.call(USERS.alice, 'listThings', { page: '2', pagesize: '2' });
      expect(reply.json).toEqual({ listthingsresponse: { count: 3, thing: [expect.objectContaining({ name: 'gamma' })] } });
      const pastTheEnd = await client.call(USERS.alice, 'listThings', { page: '3', pagesize: '2' });
      expect(pastTheEnd.text).toBe('{"listthingsresponse":{"count":3}}');
      const unlimited = await client.call(USERS.alice, 'listThings', { pagesize: '-1' });
      expect(unlimited.json.listthingsresponse.thing).toHaveLength(3);
    });

    it('answers XML when response is missing or not json, and JSON for response=JSON', async () => {
      const xml = await client.get(signedParams(USERS.alice, { command: 'listThings', keyword: 'beta' }));
      expect(xml.status).toBe(200);
      expect(xml.contentType).toBe('text/xml; charset=UTF-8');
      expect(xml.text).toBe(
        `${XML_DECLARATION}<listthingsresponse cloud-stack-version="4.14.0.0"><count>1</count><thing>` +
          '<id>40000000-0000-4000-8000-000000000002</id><name>beta</name><created>2019-10-01T12:00:00+0000</created>' +
          '<size>2048</size><enabled>false</enabled><details><color>&lt;beta&gt; &amp; &apos;co&apos;</color></details>' +
          '</thing></listthingsresponse>',
      );
      const upper = await client.get(signedParams(USERS.alice, { command: 'listThings', response: 'JSON' }));
      expect(upper.contentType).toBe('application/json; charset=UTF-8');
    });

    it('binds typed parameters: uuids to internal ids, numbers, booleans, tz dates and maps', async () => {
      const reply = await client.call(USERS.alice, 'typedThing', {
        thingid: THINGS[1].uuid,
        count: '42',
        flag: 'True',
        label: 'hello',
        when: '2030-01-01T01:00:00+0100',
        'tags[0].key': 'env',
        'tags[0].value': 'prod',
        unknownparam: 'ignored',
      });
      expect(reply.status).toBe(200);
      expect(reply.text).toBe(
        '{"typedthingresponse":{"thingid":"thing-2","count":42,"flag":true,"label":"hello",' +
          '"when":"2030-01-01T00:00:00+0000","tags":[{"key":"env","value":"prod"}]}}',
      );
    });
  });

  describe('parameter errors (431)', () => {
    it.each([
      [
        'a missing required parameter',
        {},
        9999,
        'Unable to execute API command typedthing due to missing parameter thingid',
      ],
      [
        'a value of the wrong type',
        { thingid: THINGS[0].uuid, count: 'ten' },
        9999,
        'Unable to execute API command typedthing due to invalid value ten for parameter count',
      ],
      [
        'an unknown uuid',
        { thingid: UNKNOWN_THING },
        9999,
        `Unable to execute API command typedthing due to invalid value. Invalid parameter thingid value=${UNKNOWN_THING} due to incorrect long value format, or entity does not exist or due to incorrect parameter annotation for the field in api cmd class.`,
      ],
      [
        'a string over its length',
        { thingid: THINGS[0].uuid, label: 'eleven char' },
        9999,
        'Unable to execute API command typedthing due to invalid value. Value greater than max allowed length 10 for param: label',
      ],
      [
        'an unparseable date',
        { thingid: THINGS[0].uuid, when: 'yesterday' },
        9999,
        'Unable to parse date yesterday for command typedthing, please pass dates in the format mentioned in the api documentation',
      ],
      [
        'an ASCII control character',
        { thingid: THINGS[0].uuid, label: 'a\u0007b' },
        9999,
        'Received value containing illegal ASCII non-printable characters for parameter label',
      ],
    ])('answers %s with CloudStack\'s wording', async (_label, params, csErrorCode, errortext) => {
      const reply = await client.call(USERS.alice, 'typedThing', params);
      expect(reply.status).toBe(431);
      expect(reply.json).toEqual({
        typedthingresponse: { uuidList: [], errorcode: 431, cserrorcode: csErrorCode, errortext },
      });
      expect(reply.description).toBe(errortext.replace(/[^\t\u0020-\u007e]/g, '?'));
    });

    it('allows tabs and line breaks in values', async () => {
      const reply = await client.call(USERS.alice, 'typedThing', { thingid: THINGS[0].uuid, label: 'a\tb\r\nc' });
      expect(reply.status).toBe(200);
    });

    it('refuses an oversized page size with 431/4350', async () => {
      const reply = await client.call(USERS.alice, 'listThings', { page: '1', pagesize: '501' });
      expect(reply.status).toBe(431);
      expect(reply.json).toEqual({
        listthingsresponse: {
          uuidList: [],
          errorcode: 431,
          cserrorcode: 4350,
          errortext: "Page size can't exceed max allowed page size value: 500",
        },
      });
    });

    it('requires page and pagesize together', async () => {
      expect((await client.call(USERS.alice, 'listThings', { page: '1' })).json.listthingsresponse).toEqual({
        uuidList: [],
        errorcode: 431,
        cserrorcode: 9999,
        errortext: '"pagesize" parameter is required when "page" is specified',
      });
      expect((await client.call(USERS.alice, 'listThings', { pagesize: '10' })).json.listthingsresponse.errortext).toBe(
        '"page" parameter is required when "pagesize" is specified',
      );
      expect((await client.call(USERS.alice, 'listThings', { page: '1', pagesize: '-1' })).json.listthingsresponse).toMatchObject({
        errorcode: 431,
        cserrorcode: 4350,
        errortext: "Can't specify page parameter when pagesize is -1 (Unlimited)",
      });
    });

    it('writes parameter errors in XML too', async () => {
      const reply = await client.get(signedParams(USERS.alice, { command: 'typedThing' }));
      expect(reply.status).toBe(431);
      expect(reply.text).toBe(
        `${XML_DECLARATION}<typedthingresponse cloud-stack-version="4.14.0.0"><errorcode>431</errorcode>` +
          '<cserrorcode>9999</cserrorcode><errortext>Unable to execute API command typedthing due to missing parameter thingid</errortext>' +
          '</typedthingresponse>',
      );
    });
  });

  describe('command failures', () => {
    it('maps an INVALID_PARAMETER BackupError to 431/4350', async () => {
      const reply = await client.call(USERS.alice, 'invalidThing');
      expect(reply.status).toBe(431);
      expect(reply.json).toEqual({
        invalidthingresponse: { uuidList: [], errorcode: 431, cserrorcode: 4350, errortext: 'Invalid thing value' },
      });
    });

    it('hides an unexpected error behind 530/4250 and the generic message, never a stack trace', async () => {
      const reply = await client.call(USERS.admin, 'brokenThing');
      expect(reply.status).toBe(530);
      expect(reply.text).toBe(
        '{"brokenthingresponse":{"uuidList":[],"errorcode":530,"cserrorcode":4250,' +
          '"errortext":"Internal error executing command, please contact your system administrator"}}',
      );
      expect(reply.text).not.toContain('hunter2');
    });
  });

  describe('the /client/api routes', () => {
    /** Status, headers (without `Date`) and body of one answer. */
    const answerOf = async (response: Response) => ({
      status: response.status,
      headers: Object.fromEntries([...response.headers].filter(([name]) => name !== 'date')),
      body: await response.text(),
    });
    const cases: [string, () => string][] = [
      ['a signed list', () => toQueryString(signedParams(USERS.alice, { command: 'listThings', response: 'json', keyword: 'alpha' }))],
      ['an XML list', () => toQueryString(signedParams(USERS.alice, { command: 'listThings' }))],
      ['a bad signature', () => toQueryString([...signedParams(USERS.alice, { command: 'listThings', response: 'json' }).slice(0, -1), ['signature', 'bad']])],
      ['no command', () => 'response=json'],
    ];

    it.each(cases)('answers %s on /client/api (ahead of Express) exactly as Nest\'s controller does under /client/api/', async (_name, query) => {
      const fast = await answerOf(await fetch(`${api.endpoint}?${query()}`));
      const viaExpress = await answerOf(await fetch(`${api.endpoint}/?${query()}`));
      const under = await answerOf(await fetch(`${api.endpoint}/anything?${query()}`));
      expect(fast.body).not.toBe('');
      expect(viaExpress).toEqual(fast);
      expect(under).toEqual(fast);
      expect(fast.headers['x-powered-by']).toBeUndefined();
    });

    it('answers a form POST on /client/api exactly as under /client/api/', async () => {
      const body = toQueryString(signedParams(USERS.alice, { command: 'listThings', response: 'json', keyword: 'beta' }));
      const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      const fast = await answerOf(await post(api.endpoint));
      expect(fast.status).toBe(200);
      expect(await answerOf(await post(`${api.endpoint}/`))).toEqual(fast);
    });

    it('leaves HEAD and other methods to Express, as before', async () => {
      const query = toQueryString(signedParams(USERS.alice, { command: 'listThings', response: 'json' }));
      expect((await fetch(`${api.endpoint}?${query}`, { method: 'HEAD' })).status).toBe(200);
      expect((await fetch(`${api.endpoint}?command=listThings&response=json`, { method: 'PUT' })).status).toBe(404);
    });
  });
});

import { ApiClient, signedParams } from './support/api-client';
import { THINGS, USERS } from './support/fake-ports';
import { startTestApi, type BodyMode, type TestApi } from './support/test-api';

/**
 * `/client/api` itself is answered by the fast route ahead of Express; `/client/api/` goes through
 * Express and Nest's controller, where Nest's body parsers could get to the body first.
 */
const ROUTES: readonly [BodyMode, string][] = [
  ['nestDefaults', ''],
  ['nestDefaults', '/'],
  ['rawBody', '/'],
  ['noBodyParser', '/'],
];

describe.each(ROUTES)('form POST bodies with Nest body parsing %s to /client/api%s (e2e)', (bodyMode, suffix) => {
  let api: TestApi;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startTestApi({ bodyMode });
    client = new ApiClient(`${api.endpoint}${suffix}`);
  });

  afterAll(async () => {
    await api.close();
  });

  it('reads map parameters, UTF-8 values and + as space from the body exactly as signed', async () => {
    const params = signedParams(USERS.alice, {
      command: 'typedThing',
      response: 'json',
      thingid: THINGS[0].uuid,
      label: 'é a+b',
      'tags[0].key': 'k',
      'tags[0].value': 'v w',
    });
    const reply = await client.post(params);
    expect(reply.status).toBe(200);
    expect(reply.json.typedthingresponse).toEqual({ thingid: 'thing-1', label: 'é a+b', tags: [{ key: 'k', value: 'v w' }] });
  });

  it('uses the first of repeated names in the body', async () => {
    const params = signedParams(USERS.alice, { command: 'listThings', response: 'json', keyword: 'gamma' });
    const reply = await client.post([...params, ['keyword', 'alpha']]);
    expect(reply.json.listthingsresponse.thing.map((thing: { name: string }) => thing.name)).toEqual(['gamma']);
  });

  it('answers a body over 4 MiB with an error envelope naming the large parameter, not the body parser\'s error', async () => {
    const reply = await client.post({ junk: 'x'.repeat(4 * 1024 * 1024 + 1), command: 'listThings', response: 'json' });
    expect(reply.status).toBe(431);
    expect(reply.json).toEqual({
      listthingsresponse: {
        uuidList: [],
        errorcode: 431,
        cserrorcode: 4350,
        errortext: 'Value of parameter junk is greater than the maximum allowed size of 16384 bytes',
      },
    });
  });
});

import { signedParams } from './support/api-client';
import { USERS } from './support/fake-ports';
import { toQueryString } from './support/test-signer';
import { startTestApi, type TestApi } from './support/test-api';

/** Status, headers (without `Date`) and body of one answer. */
async function answerOf(response: Response): Promise<{ status: number; headers: Record<string, string>; body: string }> {
  const headers = Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));
  return { status: response.status, headers, body: await response.text() };
}

describe('the /client/api routes (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
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
    const head = await fetch(`${api.endpoint}?${toQueryString(signedParams(USERS.alice, { command: 'listThings', response: 'json' }))}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    const put = await fetch(`${api.endpoint}?command=listThings&response=json`, { method: 'PUT' });
    expect(put.status).toBe(404);
  });
});

import { ApiClient } from './support/api-client';
import { USERS } from './support/fake-ports';
import { startTestApi, type TestApi } from './support/test-api';

interface ApiItem {
  name: string;
  description: string;
  isasync: boolean;
  since?: string;
  related?: string;
  params: { name: string; description: string; type: string; length: number; required: boolean; since?: string; related?: string }[];
  response: { name: string; description: string; type: string; response?: unknown[] }[];
}

const PARAM_TYPES = ['boolean', 'date', 'float', 'double', 'integer', 'short', 'long', 'list', 'map', 'object', 'string', 'tzdate', 'uuid'];

describe('listApis (e2e)', () => {
  let api: TestApi;
  let client: ApiClient;

  beforeAll(async () => {
    api = await startTestApi();
    client = new ApiClient(api.endpoint);
  });

  afterAll(async () => {
    await api.close();
  });

  async function listApis(user = USERS.admin, params: Record<string, string> = {}): Promise<ApiItem[]> {
    const reply = await client.call(user, 'listApis', params);
    expect(reply.status).toBe(200);
    expect(reply.text).not.toContain('\n');
    expect(reply.json.listapisresponse.count).toBe(reply.json.listapisresponse.api.length);
    return reply.json.listapisresponse.api as ApiItem[];
  }

  it('describes every command with the fields cloudmonkey sync and Marvin codegen require', async () => {
    const apis = await listApis();
    expect(apis.map((item) => item.name)).toEqual(
      expect.arrayContaining(['listApis', 'queryAsyncJobResult', 'listAsyncJobs', 'listThings', 'adminThing', 'slowThing']),
    );
    for (const item of apis) {
      expect(typeof item.name).toBe('string');
      expect(typeof item.description).toBe('string');
      expect(typeof item.isasync).toBe('boolean');
      expect(Array.isArray(item.params)).toBe(true);
      expect(Array.isArray(item.response)).toBe(true);
      for (const param of item.params) {
        expect(Object.keys(param).slice(0, 5)).toEqual(['name', 'description', 'type', 'length', 'required']);
        expect(typeof param.name).toBe('string');
        expect(typeof param.description).toBe('string');
        expect(PARAM_TYPES).toContain(param.type);
        expect(Number.isInteger(param.length)).toBe(true);
        expect(typeof param.required).toBe('boolean');
      }
      for (const field of item.response) {
        expect(typeof field.name).toBe('string');
        expect(typeof field.description).toBe('string');
        expect(typeof field.type).toBe('string');
      }
    }
  });

  it('shows a list command with its paging parameters, since, related, and nested response fields', async () => {
    const [item] = await listApis(USERS.admin, { name: 'listThings' });
    expect(item).toMatchObject({ name: 'listThings', description: 'Lists things', since: '4.14.0', isasync: false, related: 'adminThing' });
    expect(Object.keys(item ?? {})).toEqual(['name', 'description', 'since', 'isasync', 'related', 'params', 'response']);
    expect(item?.params).toEqual([
      { name: 'keyword', description: 'List by keyword', type: 'string', length: 255, required: false },
      { name: 'page', description: expect.any(String), type: 'integer', length: 255, required: false },
      { name: 'pagesize', description: expect.any(String), type: 'integer', length: 255, required: false },
      { name: 'id', description: 'the id of the thing', type: 'uuid', length: 255, required: false, related: 'listThings' },
    ]);
    expect(item?.response).toContainEqual({
      name: 'details',
      description: 'details',
      type: 'map',
      response: [{ name: 'color', description: 'a color', type: 'string' }],
    });
  });

  it('marks async commands and required parameters', async () => {
    const [item] = await listApis(USERS.alice, { name: 'slowThing' });
    expect(item).toMatchObject({ isasync: true, params: [{ name: 'id', type: 'uuid', required: true }] });
  });

  it('shows a user only the commands and parameters its role may use', async () => {
    const names = (await listApis(USERS.alice)).map((item) => item.name);
    expect(names).toContain('listThings');
    expect(names).not.toContain('adminThing');
    const [adminThing] = await listApis(USERS.admin, { name: 'adminThing' });
    expect(adminThing?.params.map((param) => param.name)).toEqual(['secretinfo']);
  });

  it('answers an unknown or forbidden name as CloudStack\'s discovery plugin does', async () => {
    for (const [user, name] of [
      [USERS.admin, 'noSuchApi'],
      [USERS.alice, 'adminThing'],
    ] as const) {
      const reply = await client.call(user, 'listApis', { name });
      expect(reply.status).toBe(530);
      expect(reply.json).toEqual({
        listapisresponse: {
          uuidList: [],
          errorcode: 530,
          cserrorcode: 9999,
          errortext: 'Api Discovery plugin was unable to find an api by that name or process any apis',
        },
      });
    }
  });
});

import { CommandRegistry } from '../../src/api/command-registry';
import { type BackupApiEnv, startBackupApiEnv } from '../backup-api/support/backup-api-env';
import { type SignedClient } from '../support/signed-client';
import { CLOUDSTACK_422_BACKUP_COMMANDS, type ReleasedCommand } from './support/cloudstack-422-backup-api';

interface ApiParamItem {
  name: string;
  description: string;
  type: string;
  length: number;
  required: boolean;
  since?: string;
  related?: string;
}

interface ApiResponseItem {
  name: string;
  description: string;
  type: string;
  response?: ApiResponseItem[];
}

interface ApiItem {
  name: string;
  description: string;
  since?: string;
  isasync: boolean;
  related?: string;
  params: ApiParamItem[];
  response: ApiResponseItem[];
}

/** CloudStack's `CommandType`s as listApis shows them (protocol doc §9). */
const PARAM_TYPES = ['boolean', 'date', 'float', 'double', 'integer', 'short', 'long', 'list', 'map', 'object', 'string', 'tzdate', 'uuid'];

/**
 * Where csbr knowingly answers otherwise than the 4.22 table, and why. Anything else that differs
 * fails the audit.
 */
const KNOWN_DIFFERENCES: Readonly<Record<string, Partial<Pick<ReleasedCommand, 'objectName'>>>> = {
  // The seed's createBackup (same name in both vocabularies) answers the recorded backup; CloudStack
  // 4.22 answers {"success":true}. Clients of either read the job as done either way.
  createBackup: { objectName: 'backup' },
};

/**
 * The audit of csbr's backup API against CloudStack 4.22's (shared doc
 * `cloudstack-backup-api-4.22.md`): every command of the doc's table but the four repository commands,
 * read back from csbr's own `listApis` (admin and user), with the parameters, required flags,
 * `since`, `isasync`, roles and response object names. And the `listApis` shape cloudmonkey's `sync`
 * reads, for every command the server registers.
 */
describe('csbr speaks CloudStack 4.22\'s backup API (listApis audit, MariaDB + HTTP)', () => {
  let env: BackupApiEnv;
  let user: SignedClient;
  let adminApis: Map<string, ApiItem>;
  let userApis: Map<string, ApiItem>;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    user = env.clientFor(await env.seed.account('audit-user'));
    adminApis = await listApis(env.admin);
    userApis = await listApis(user);
  });

  afterAll(async () => {
    await env?.close();
  });

  async function listApis(client: SignedClient): Promise<Map<string, ApiItem>> {
    const reply = await client.call('listApis');
    expect(reply.status).toBe(200);
    const items = reply.body.api as ApiItem[];
    expect(reply.body.count).toBe(items.length);
    return new Map(items.map((item) => [item.name, item]));
  }

  it.each(CLOUDSTACK_422_BACKUP_COMMANDS.map((command) => [command.name, command] as const))(
    '%s has 4.22\'s parameters, required flags, since, isasync and roles',
    (name, expected) => {
      const api = adminApis.get(name);
      expect(api).toBeDefined();
      expect({ name, isasync: api?.isasync, since: api?.since }).toEqual({ name, isasync: expected.isAsync, since: expected.since });

      const actual = new Map((api?.params ?? []).map((param) => [param.name, param]));
      for (const param of expected.params) {
        const found = actual.get(param.name);
        expect({ param: param.name, present: found !== undefined, required: found?.required }).toEqual({
          param: param.name,
          present: true,
          required: param.required,
        });
        if (param.since !== undefined) expect({ param: param.name, since: found?.since }).toEqual({ param: param.name, since: param.since });
      }
      const documented = new Set([...expected.params.map((param) => param.name), ...(expected.extraParamsAllowed ?? [])]);
      const undocumented = [...actual.keys()].filter((paramName) => !documented.has(paramName));
      expect({ name, undocumented }).toEqual({ name, undocumented: [] });
      for (const extra of expected.extraParamsAllowed ?? []) {
        if (actual.has(extra)) expect({ param: extra, required: actual.get(extra)?.required }).toEqual({ param: extra, required: false });
      }

      // Roles: the admin-only commands are not shown to a user at all; the others are, with the same parameters.
      if (expected.roles === 'admin') {
        expect({ name, shownToUser: userApis.has(name) }).toEqual({ name, shownToUser: false });
      } else {
        expect({ name, shownToUser: userApis.has(name) }).toEqual({ name, shownToUser: true });
      }
    },
  );

  it.each(CLOUDSTACK_422_BACKUP_COMMANDS.map((command) => [command.name, command] as const))(
    '%s answers under 4.22\'s response object name',
    (name, expected) => {
      const definition = env.app.get(CommandRegistry).get(name);
      const objectName = definition?.response.objectName ?? 'success';
      expect({ name, objectName }).toEqual({ name, objectName: KNOWN_DIFFERENCES[name]?.objectName ?? expected.objectName });
    },
  );

  it.each(
    CLOUDSTACK_422_BACKUP_COMMANDS.filter((command) => command.responseFields !== undefined).map(
      (command) => [command.name, command] as const,
    ),
  )('%s describes 4.22\'s response fields with their types (csbr may add its own)', (name, expected) => {
    for (const apis of [adminApis, userApis]) {
      const described = new Map((apis.get(name)?.response ?? []).map((field) => [field.name, field.type]));
      const missing = (expected.responseFields ?? [])
        .filter((field) => described.get(field.name) !== field.type)
        .map((field) => `${field.name}: ${described.get(field.name) ?? 'absent'}, not ${field.type}`);
      expect({ name, missing }).toEqual({ name, missing: [] });
    }
  });

  it('describes every registered command in the shape cloudmonkey\'s sync and Marvin\'s codegen read', () => {
    const registered = env.app.get(CommandRegistry).list().map((definition) => definition.name);
    expect([...adminApis.keys()].sort()).toEqual([...registered].sort());
    for (const api of adminApis.values()) {
      expect({ api: api.name, problems: shapeProblems(api) }).toEqual({ api: api.name, problems: [] });
    }
    for (const api of userApis.values()) {
      expect({ api: api.name, problems: shapeProblems(api) }).toEqual({ api: api.name, problems: [] });
    }
  });
});

/** Everything about one listApis item that cloudmonkey's `sync` (Go type assertions) or CloudStack's shape would reject. */
function shapeProblems(api: ApiItem): string[] {
  const problems: string[] = [];
  const keys = Object.keys(api);
  const allowedKeys = ['name', 'description', 'since', 'isasync', 'related', 'params', 'response'];
  for (const key of keys) if (!allowedKeys.includes(key)) problems.push(`unexpected key ${key}`);
  if (!isText(api.name)) problems.push('name');
  if (!isText(api.description)) problems.push('description');
  if (typeof api.isasync !== 'boolean') problems.push('isasync');
  if (api.since !== undefined && !isVersion(api.since)) problems.push(`since ${String(api.since)}`);
  if (api.related !== undefined && !isApiList(api.related)) problems.push(`related ${String(api.related)}`);
  if (!Array.isArray(api.params)) problems.push('params');
  if (!Array.isArray(api.response) || api.response.length === 0) problems.push('response');
  const names = new Set<string>();
  for (const param of api.params ?? []) {
    const at = `param ${String(param.name)}`;
    if (!/^[a-z0-9]+$/.test(param.name)) problems.push(`${at}: name`);
    if (names.has(param.name)) problems.push(`${at}: twice`);
    names.add(param.name);
    if (!isText(param.description)) problems.push(`${at}: description`);
    if (!PARAM_TYPES.includes(param.type)) problems.push(`${at}: type ${String(param.type)}`);
    if (!Number.isInteger(param.length) || param.length <= 0) problems.push(`${at}: length`);
    if (typeof param.required !== 'boolean') problems.push(`${at}: required`);
    if (param.since !== undefined && !isVersion(param.since)) problems.push(`${at}: since ${String(param.since)}`);
    if (param.related !== undefined && !isApiList(param.related)) problems.push(`${at}: related`);
    const paramKeys = ['name', 'description', 'type', 'length', 'required', 'since', 'related'];
    for (const key of Object.keys(param)) if (!paramKeys.includes(key)) problems.push(`${at}: unexpected key ${key}`);
  }
  problems.push(...responseProblems(api.response ?? [], 'response'));
  return problems;
}

function responseProblems(fields: readonly ApiResponseItem[], path: string): string[] {
  const problems: string[] = [];
  for (const field of fields) {
    const at = `${path}.${String(field.name)}`;
    if (!isText(field.name)) problems.push(`${at}: name`);
    if (!isText(field.description)) problems.push(`${at}: description`);
    // The Java field type's simple name, lowercased (protocol doc §9).
    if (typeof field.type !== 'string' || !/^[a-z][a-z0-9]*$/.test(field.type)) problems.push(`${at}: type ${String(field.type)}`);
    for (const key of Object.keys(field)) if (!['name', 'description', 'type', 'response'].includes(key)) problems.push(`${at}: unexpected key ${key}`);
    if (field.response !== undefined) {
      if (!Array.isArray(field.response)) problems.push(`${at}: response`);
      else problems.push(...responseProblems(field.response, at));
    }
  }
  return problems;
}

function isText(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function isVersion(value: unknown): boolean {
  return typeof value === 'string' && /^\d+(\.\d+){1,3}$/.test(value);
}

function isApiList(value: unknown): boolean {
  return typeof value === 'string' && /^[a-zA-Z]+(,[a-zA-Z]+)*$/.test(value);
}

import { type ChildProcess, spawn } from 'node:child_process';

/**
 * The floor: a bare `node:http` + mysql2 server that answers the three list commands the bench
 * measures with the best SQL for the same answer (one COUNT from an index, one page joined to the
 * names it shows, run at once on a pool as large as csbr's) and the same JSON. It checks the
 * request's HMAC signature against the one key it knows, as csbr checks it (without csbr's user
 * lookup), so both servers do the same per-request crypto. Nothing else: no framework, no
 * entities, no mapping layers. It is what csbr's list paths are measured against.
 */
const CHILD = `
const http = require('node:http');
const { createHmac } = require('node:crypto');
const mysql = require(process.env.BENCH_MYSQL2);
const pool = mysql.createPool({ uri: process.env.DATABASE_URL, connectionLimit: Number(process.env.BENCH_POOL ?? 10), dateStrings: true });
const apiKey = process.env.BENCH_API_KEY;
const secret = process.env.BENCH_SECRET_KEY;
const javaEncode = (value) => encodeURIComponent(value).replace(/[!'()~]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
const DATE = "'%Y-%m-%dT%H:%i:%s+0000'";
const LISTS = {
  listbackups: {
    response: 'listbackupsresponse', item: 'backup',
    count: 'SELECT COUNT(*) AS n FROM backups WHERE removed IS NULL',
    page: 'SELECT b.uuid AS id, b.name, v.uuid AS virtualmachineid, v.name AS virtualmachinename, b.external_id AS externalid, b.type,' +
      ' DATE_FORMAT(b.date, ' + DATE + ') AS created, b.size, b.protected_size AS virtualsize, b.backed_volumes AS volumes, b.status,' +
      ' p.uuid AS policyid, p.name AS policyname, p.uuid AS backupofferingid, p.name AS backupofferingname, a.uuid AS accountid, a.account_name AS account, d.uuid AS domainid, d.name AS domain,' +
      ' z.uuid AS zoneid, z.name AS zone' +
      ' FROM (SELECT id FROM backups WHERE removed IS NULL ORDER BY id LIMIT ? OFFSET ?) page JOIN backups b ON b.id = page.id' +
      ' JOIN vm_instance v ON v.id = b.vm_id JOIN account a ON a.id = b.account_id JOIN domain d ON d.id = b.domain_id' +
      ' JOIN data_center z ON z.id = b.zone_id LEFT JOIN backup_policy p ON p.id = b.backup_offering_id ORDER BY b.id',
  },
  listvirtualmachines: {
    response: 'listvirtualmachinesresponse', item: 'virtualmachine',
    count: "SELECT COUNT(*) AS n FROM vm_instance WHERE removed IS NULL AND type = 'User'",
    page: 'SELECT v.uuid AS id, v.name, v.name AS displayname, a.account_name AS account, u.uuid AS userid, u.username,' +
      ' d.uuid AS domainid, d.name AS domain, DATE_FORMAT(v.created, ' + DATE + ') AS created, v.state, FALSE AS haenable,' +
      ' z.uuid AS zoneid, z.name AS zonename, v.instance_name AS instancename, v.hypervisor_type AS hypervisor,' +
      ' 0 AS rootdeviceid, \\'ROOT\\' AS rootdevicetype, p.uuid AS backuppolicyid, p.name AS backuppolicyname,' +
      ' p.uuid AS backupofferingid, p.name AS backupofferingname' +
      " FROM (SELECT id FROM vm_instance WHERE removed IS NULL AND type = 'User' ORDER BY id LIMIT ? OFFSET ?) page" +
      ' JOIN vm_instance v ON v.id = page.id JOIN account a ON a.id = v.account_id JOIN domain d ON d.id = v.domain_id' +
      ' JOIN data_center z ON z.id = v.data_center_id LEFT JOIN user u ON u.id = v.user_id' +
      ' LEFT JOIN backup_policy_vm_map m ON m.vm_id = v.id LEFT JOIN backup_policy p ON p.id = m.policy_id ORDER BY v.id',
  },
  listbackuppolicies: {
    response: 'listbackuppoliciesresponse', item: 'backuppolicy',
    count: 'SELECT COUNT(*) AS n FROM backup_policy WHERE removed IS NULL',
    page: 'SELECT p.uuid AS id, p.name, p.description, p.external_id AS externalid, z.uuid AS zoneid, z.name AS zonename,' +
      ' DATE_FORMAT(p.created, ' + DATE + ') AS created' +
      ' FROM backup_policy p JOIN data_center z ON z.id = p.zone_id WHERE p.removed IS NULL ORDER BY p.id LIMIT ? OFFSET ?',
  },
};
const INTEGERS = new Set(['size', 'virtualsize', 'rootdeviceid']);
const reply = (res, status, body) => {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text) });
  res.end(text);
};
const server = http.createServer(async (req, res) => {
  try {
    const params = new URL(req.url, 'http://floor').searchParams;
    const signature = params.get('signature');
    const names = [...params.keys()].filter((name) => name !== 'signature').sort();
    const canonical = names.map((name) => name + '=' + javaEncode(params.get(name))).join('&').toLowerCase();
    if (params.get('apiKey') !== apiKey || createHmac('sha1', secret).update(canonical).digest('base64') !== signature) {
      return reply(res, 401, { errorresponse: { errorcode: 401, errortext: 'unable to verify user credentials' } });
    }
    const list = LISTS[(params.get('command') ?? '').toLowerCase()];
    if (list === undefined) return reply(res, 431, { errorresponse: { errorcode: 431, errortext: 'unknown command' } });
    const size = Number(params.get('pagesize') ?? 500);
    const offset = (Number(params.get('page') ?? 1) - 1) * size;
    const [[[count]], [rows]] = await Promise.all([pool.query(list.count), pool.query(list.page, [size, offset])]);
    const items = rows.map((row) => {
      const item = {};
      for (const key in row) {
        const value = row[key];
        if (value === null) continue;
        item[key] = key === 'haenable' ? value === 1 : INTEGERS.has(key) ? Number(value) : value;
      }
      return item;
    });
    reply(res, 200, { [list.response]: { count: Number(count.n), [list.item]: items } });
  } catch (error) {
    reply(res, 530, { errorresponse: { errorcode: 530, errortext: String(error) } });
  }
});
server.listen(0, '127.0.0.1', () => process.send({ type: 'ready', url: 'http://127.0.0.1:' + server.address().port }));
process.on('message', (message) => { if (message.type === 'stop') server.close(() => pool.end().then(() => process.exit(0))); });
`;

export interface FloorServer {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export async function startFloorServer(env: {
  readonly databaseUrl: string;
  readonly apiKey: string;
  readonly secretKey: string;
}): Promise<FloorServer> {
  // BENCH_CPU_PROF=<dir>: the floor writes its own profile there too (its pid in the file name), to set beside csbr's.
  const profile = process.env.BENCH_CPU_PROF;
  const flags = profile === undefined || profile === '' ? [] : ['--cpu-prof', `--cpu-prof-dir=${profile}`];
  const child: ChildProcess = spawn(process.execPath, [...flags, '-e', CHILD], {
    env: {
      ...process.env,
      DATABASE_URL: env.databaseUrl,
      BENCH_API_KEY: env.apiKey,
      BENCH_SECRET_KEY: env.secretKey,
      BENCH_MYSQL2: require.resolve('mysql2/promise'),
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message: { url: string }) => resolve(message.url));
    child.once('exit', (code) => reject(new Error(`the floor server exited (${code})`)));
  });
  return {
    url,
    pid: child.pid ?? 0,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

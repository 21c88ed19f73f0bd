import { existsSync } from 'node:fs';

import { BUILT_SERVER, ServerProcess } from '../e2e/support/server-process';
import { randomApiKeys } from '../support/api-keys';
import { SignedClient } from '../support/signed-client';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTempDir, TEST_ENCRYPTION_KEY } from '../support/test-server';

interface LogLine {
  readonly level: string;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/**
 * The built server's stdout is a pipe here, so every line must be one JSON object. Only complete
 * lines: the pipe may have delivered part of the line being written.
 */
function linesOf(server: ServerProcess): LogLine[] {
  const log = server.log;
  return log
    .slice(0, log.lastIndexOf('\n') + 1)
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as LogLine);
}

/**
 * The lines once one matches `wanted`: the server writes a line when the work is done (a request's
 * after its response was sent), and the pipe delivers it a moment later, later still on a busy machine.
 */
async function linesOnceLogged(server: ServerProcess, wanted: (line: LogLine) => boolean, what: string, timeoutMs = 20_000): Promise<LogLine[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = linesOf(server);
    if (lines.some(wanted)) return lines;
    if (Date.now() > deadline) throw new Error(`the server never logged ${what}:\n${server.log}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('structured logs of the built server', () => {
  let database: TestDatabase;
  let dataDir: ReturnType<typeof createTempDir>;
  let server: ServerProcess;
  let url: string;
  const admin = randomApiKeys();

  beforeAll(async () => {
    if (!existsSync(BUILT_SERVER)) throw new Error(`${BUILT_SERVER} is missing: build the server first`);
    database = await createTestDatabase();
    dataDir = createTempDir();
    server = await ServerProcess.start({
      DATABASE_URL: database.url,
      CSBR_DATA_DIR: dataDir.path,
      CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
      CSBR_ADMIN_PASSWORD: 'Admin-Pass-77',
      CSBR_ADMIN_API_KEY: admin.apiKey,
      CSBR_ADMIN_SECRET_KEY: admin.secretKey,
      CSBR_SYNC_ENABLED: 'false',
      HOST: '127.0.0.1',
      // The OS picks the port as the server listens: a port found free beforehand may be taken meanwhile.
      PORT: '0',
    });
    url = `http://127.0.0.1:${server.port}`;
  });

  afterAll(async () => {
    await server?.stop();
    await database?.drop();
    dataDir?.remove();
  });

  it('writes JSON lines, without colour, and no per-module boot chatter at info', () => {
    const lines = linesOf(server);

    expect(lines.find((line) => line.msg.startsWith('Listening on http://127.0.0.1:'))).toMatchObject({ level: 'info', context: 'Server' });
    expect(lines.every((line) => typeof line.time === 'string' && typeof line.level === 'string')).toBe(true);
    expect(server.log).not.toContain('\u001b[');
    expect(lines.filter((line) => line.context === 'InstanceLoader' || line.context === 'RouterExplorer')).toEqual([]);
  });

  it('gives each request an id (the client\'s X-Request-Id when sane), names its command, and never logs the query string', async () => {
    const reply = await fetch(`${url}/client/api?command=listZones&response=json&apiKey=THE-API-KEY-VALUE&signature=THE-SIGNATURE-VALUE`, {
      headers: { 'X-Request-Id': 'req-from-test-1' },
    });
    await reply.arrayBuffer();
    const generated = await fetch(`${url}/client/api?command=listZones&response=json`, { headers: { 'X-Request-Id': 'not a sane id!' } });
    await generated.arrayBuffer();

    expect(reply.headers.get('x-request-id')).toBe('req-from-test-1');
    expect(generated.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    // pino-http logs a request once its response has gone out; the two are logged in order.
    const lines = await linesOnceLogged(
      server,
      (line) => line.msg === 'request completed' && line.reqId === generated.headers.get('x-request-id'),
      'the second request completed',
    );
    const completed = lines.filter((line) => line.msg === 'request completed');
    expect(completed).toContainEqual(
      expect.objectContaining({
        level: 'info',
        reqId: 'req-from-test-1',
        command: 'listZones',
        req: { method: 'GET', path: '/client/api' },
        res: { status: 401 },
        responseTime: expect.any(Number),
      }),
    );
    expect(completed).toContainEqual(expect.objectContaining({ reqId: generated.headers.get('x-request-id') }));
    expect(server.log).not.toContain('THE-API-KEY-VALUE');
    expect(server.log).not.toContain('THE-SIGNATURE-VALUE');
  });

  it('tags every line of an async job with its uuid, command and zone, and logs its result and duration', async () => {
    const client = new SignedClient(url, admin.apiKey, admin.secretKey);
    const zone = ((await client.ok('createZone', { name: 'log-zone', dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced' })) as {
      zone: { id: string };
    }).zone.id;
    await client.ok('updateConfiguration', { name: 'backup.framework.enabled', value: 'true', zoneid: zone });
    await client.ok('updateConfiguration', { name: 'backup.plugin.veeam.password', value: 'Never-Logged-5', zoneid: zone });
    const job = await client.runJob('importBackupPolicy', { zoneid: zone, externalid: 'gold-policy', name: 'Gold', description: 'Daily' });

    expect(job.jobstatus).toBe(1);
    const lines = await linesOnceLogged(server, (line) => line.job === job.jobid && line.msg === 'Async job succeeded', 'the job\'s result');
    expect(lines).toContainEqual(
      expect.objectContaining({
        msg: 'Async job succeeded',
        job: job.jobid,
        command: 'importBackupPolicy',
        zone,
        result: 'succeeded',
        durationMs: expect.any(Number),
      }),
    );
    expect(server.log).not.toContain('Never-Logged-5');
    expect(server.log).not.toContain(admin.secretKey);
    expect(server.log).not.toContain('Admin-Pass-77');
  });
});

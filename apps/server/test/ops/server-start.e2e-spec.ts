import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { BUILT_SERVER, findFreePort, ServerProcess } from '../e2e/support/server-process';
import { createTestDatabase, type TestDatabase, testServerUrl } from '../support/test-database';
import { TEST_ENCRYPTION_KEY } from '../support/test-server';

/** What `node dist/main.js` printed before it exited on its own. */
interface Exited {
  readonly code: number | null;
  readonly lines: readonly string[];
  readonly seconds: number;
}

function runUntilExit(env: Readonly<Record<string, string>>, cwd: string): Promise<Exited> {
  const started = Date.now();
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUILT_SERVER], { env: { PATH: process.env.PATH ?? '', ...env }, cwd });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', fail);
    child.on('close', (code) =>
      done({ code, lines: output.split('\n').filter((line) => line !== ''), seconds: (Date.now() - started) / 1000 }),
    );
  });
}

/** Every line is one JSON object (stdout is not a terminal); their messages. */
function messagesOf(lines: readonly string[]): { level: string; msg: string }[] {
  return lines.map((line) => JSON.parse(line) as { level: string; msg: string });
}

describe('starting the built server', () => {
  let workDir: string;
  let database: TestDatabase;

  beforeAll(async () => {
    if (!existsSync(BUILT_SERVER)) throw new Error(`${BUILT_SERVER} is missing: build the server first`);
    workDir = mkdtempSync(join(tmpdir(), 'csbr-start-'));
    database = await createTestDatabase();
  });

  afterAll(async () => {
    await database?.drop();
    rmSync(workDir, { recursive: true, force: true });
  });

  describe('when the database cannot be used', () => {
    const server = new URL(testServerUrl());
    const withDatabase = (mutate: (url: URL, freePort: number) => void, freePort = 1): string => {
      const url = new URL(server.toString());
      url.pathname = '/csbr_start_test';
      mutate(url, freePort);
      return url.toString();
    };

    it.each([
      ['nothing listens on its port', (url: URL, freePort: number) => (url.port = String(freePort)), /connection refused/],
      ['the password is wrong', (url: URL) => (url.password = 'wrong-Secret-42'), /access denied: wrong user name or password/],
      ['the database does not exist', (url: URL) => (url.pathname = '/csbr_no_such_database'), /unknown database 'csbr_no_such_database'/],
    ])('says so in one line per attempt naming DATABASE_URL, retries with backoff, then exits 1 (%s)', async (_case, mutate, cause) => {
      const url = withDatabase(mutate, await findFreePort());

      const run = await runUntilExit(
        { DATABASE_URL: url, CSBR_DATABASE_WAIT_SECONDS: '3', CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, PORT: '0', CSBR_DATA_DIR: workDir },
        workDir,
      );

      expect(run.code).toBe(1);
      const messages = messagesOf(run.lines);
      const retries = messages.filter((line) => line.level === 'warn' && /Attempt \d+; retrying in/.test(line.msg));
      const last = messages.at(-1);
      expect(retries.length).toBeGreaterThanOrEqual(2);
      expect(last?.level).toBe('fatal');
      expect(last?.msg).toMatch(/^Cannot connect to the database at DATABASE_URL=mysql:\/\/[^ ]*@[^ ]+: /);
      expect(last?.msg).toMatch(cause);
      expect(last?.msg).toMatch(/Gave up after \d+ attempts in 3 s \(CSBR_DATABASE_WAIT_SECONDS=3\)/);
      for (const message of [...retries, last]) expect(message?.msg).toMatch(cause);
      // Waited about the configured time, and no more.
      expect(run.seconds).toBeGreaterThanOrEqual(2.9);
      expect(run.seconds).toBeLessThan(15);
      // No stack trace, no password, none of the old misleading text; only these lines.
      const output = run.lines.join('\n');
      expect(output).not.toMatch(/\n\s+at /);
      expect(output).not.toContain('Retrying (');
      expect(output).not.toContain('wrong-Secret-42');
      expect(messages).toHaveLength(retries.length + 1);
      if (new URL(url).password !== '') expect(last?.msg).toContain(':****@');
    });

    it('tries once and exits at once with CSBR_DATABASE_WAIT_SECONDS=0', async () => {
      const url = withDatabase((target) => (target.port = '1'));

      const run = await runUntilExit({ DATABASE_URL: url, CSBR_DATABASE_WAIT_SECONDS: '0', CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, PORT: '0', CSBR_DATA_DIR: workDir }, workDir);

      expect(run.code).toBe(1);
      expect(messagesOf(run.lines)).toEqual([
        expect.objectContaining({ level: 'fatal', msg: expect.stringMatching(/connection refused.*Gave up after 1 attempt in 0 s/) }),
      ]);
    });
  });

  describe('the listen address and the data folder', () => {
    let running: ServerProcess | undefined;

    afterEach(async () => {
      await running?.stop();
      running = undefined;
    });

    // The servers below listen on PORT=0: the OS picks the port as they listen (a port found free
    // beforehand may be taken meanwhile), and the log names it; fetching it shows it is the one bound.
    it('listens on HOST only, and logs the address it bound', async () => {
      running = await ServerProcess.start({
        DATABASE_URL: database.url,
        CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        CSBR_DATA_DIR: workDir,
        CSBR_SYNC_ENABLED: 'false',
        HOST: '127.0.0.1',
        PORT: '0',
      });
      const port = running.port;
      expect(port).toBeGreaterThan(0);

      expect(running.log).toContain(`"msg":"Listening on http://127.0.0.1:${port} with MySQL/MariaDB`);
      expect(running.log).not.toContain('every interface');
      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);

      // A stop is said, start and end.
      await running.stop('SIGTERM');
      expect(running.log).toContain('"msg":"Stopping (SIGTERM): finishing running work"');
      expect(running.log).toContain('"msg":"Stopped (SIGTERM)"');
    });

    it('says when it listens on every interface', async () => {
      running = await ServerProcess.start({
        DATABASE_URL: database.url,
        CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
        CSBR_DATA_DIR: workDir,
        CSBR_SYNC_ENABLED: 'false',
        PORT: '0',
      });
      const port = running.port;

      expect((await fetch(`http://127.0.0.1:${port}/health`)).status).toBe(200);
      expect(running.log).toMatch(new RegExp(`"msg":"Listening on http://(\\[::\\]|0\\.0\\.0\\.0):${port} \\(every interface\\)`));
    });

    it('keeps its data next to the server, whatever the working directory, and logs where', async () => {
      const elsewhere = mkdtempSync(join(tmpdir(), 'csbr-cwd-'));
      try {
        running = await ServerProcess.start(
          { DATABASE_URL: database.url, CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, CSBR_SYNC_ENABLED: 'false', PORT: '0' },
          30_000,
          elsewhere,
        );

        // apps/server/data: the folder README names, not ./data under the working directory.
        expect(running.log).toContain(`"msg":"Data folder: ${resolve(__dirname, '../../data')} (CSBR_DATA_DIR)"`);
        expect(existsSync(join(elsewhere, 'data'))).toBe(false);
      } finally {
        rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it('says in one line that the port is taken, and exits 1', async () => {
      const env = { DATABASE_URL: database.url, CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, CSBR_DATA_DIR: workDir, CSBR_SYNC_ENABLED: 'false', HOST: '127.0.0.1' };
      running = await ServerProcess.start({ ...env, PORT: '0' });
      const port = running.port;

      const second = await runUntilExit({ ...env, PORT: String(port), CSBR_MANAGEMENT_SERVER_ID: '4242' }, workDir);

      expect(second.code).toBe(1);
      expect(messagesOf(second.lines).at(-1)).toEqual(
        expect.objectContaining({
          level: 'fatal',
          msg: `Cannot listen on port ${port} (PORT) on 127.0.0.1 (HOST): the address is already in use (another csbr, or another program, listens there)`,
        }),
      );
      expect(second.lines.join('\n')).not.toMatch(/\n\s+at /);
    });

    it('refuses a HOST that is not an address', async () => {
      const run = await runUntilExit({ HOST: 'not an address!', CSBR_DATA_DIR: workDir, CSBR_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY }, workDir);

      expect(run.code).toBe(1);
      expect(run.lines.join('\n')).toContain('HOST must be an IP address or a host name to listen on (got \\"not an address!\\")');
    });
  });
});

import { execFile } from 'node:child_process';
import { THINGS, USERS, type TestUser } from './support/fake-ports';
import { startTestApi, type TestApi } from './support/test-api';

/** Debian's packaging of exoscale/cs (protocol doc §10.1): a real CloudStack client. */
const CLOUDSTACK_CLI = '/usr/bin/cloudstack';

interface CliResult {
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

function runCli(endpoint: string, user: TestUser, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      CLOUDSTACK_CLI,
      [...args],
      {
        env: {
          PATH: process.env.PATH ?? '/usr/bin:/bin',
          HOME: process.env.HOME ?? '/tmp',
          CLOUDSTACK_ENDPOINT: endpoint,
          CLOUDSTACK_KEY: user.apiKey,
          CLOUDSTACK_SECRET: user.secretKey,
          // The CLI's own wait between job polls; the jobs here finish at once.
          CLOUDSTACK_POLL_INTERVAL: '0.05',
        },
        timeout: 30_000,
      },
      (error, stdout, stderr) => {
        const exitCode = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ exitCode, stdout, stderr });
      },
    );
  });
}

describe('the real exoscale/cs client (cloudstack CLI) against the API (e2e)', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
  });

  afterAll(async () => {
    await api.close();
  });

  it('lists with a GET signed version 3 request', async () => {
    const result = await runCli(api.endpoint, USERS.alice, ['listThings', 'keyword=alpha']);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({
      count: 1,
      thing: [expect.objectContaining({ id: THINGS[0].uuid, name: 'alpha', created: '2019-10-01T12:00:00+0000' })],
    });
  });

  it.each([['GET', []], ['POST', ['--post']]])(
    'signs values with spaces, +, *, ~, / and non-ASCII characters (%s)',
    async (_method, flags) => {
      const label = 'a+b *~/é';
      const result = await runCli(api.endpoint, USERS.alice, [...flags, 'typedThing', `thingid=${THINGS[2].uuid}`, `label=${label}`, 'tags[0].key=env']);
      expect(result).toMatchObject({ exitCode: 0, stderr: '' });
      expect(JSON.parse(result.stdout)).toEqual({ thingid: 'thing-3', label, tags: [{ key: 'env' }] });
    },
  );

  it('polls an async job and prints its result', async () => {
    const result = await runCli(api.endpoint, USERS.alice, ['successThing']);
    expect(result).toMatchObject({ exitCode: 0, stderr: '' });
    expect(JSON.parse(result.stdout)).toEqual({ success: true });

    api.resetGate().open();
    const slow = await runCli(api.endpoint, USERS.alice, ['slowThing', `id=${THINGS[0].uuid}`]);
    expect(slow.exitCode).toBe(0);
    expect(JSON.parse(slow.stdout)).toEqual({ thing: expect.objectContaining({ id: THINGS[0].uuid, name: 'alpha' }) });
  });

  it('fails on a failed job (jobstatus 2, jobresultcode 530)', async () => {
    const result = await runCli(api.endpoint, USERS.alice, ['failThing']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('Job failure');
    expect(JSON.parse(result.stdout).queryasyncjobresultresponse).toMatchObject({
      jobstatus: 2,
      jobresultcode: 530,
      jobresult: { errorcode: 530, errortext: 'Failed to do the thing' },
    });
  });

  it('fails with CloudStack\'s 401 envelope on a wrong secret', async () => {
    const result = await runCli(api.endpoint, { ...USERS.alice, secretKey: 'wrong-secret' }, ['listThings']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toContain('HTTP 401 response from CloudStack');
    expect(JSON.parse(result.stdout)).toEqual({
      listthingsresponse: {
        uuidList: [],
        errorcode: 401,
        errortext: 'unable to verify user credentials and/or request signature',
      },
    });
  });

  it('fails with the 431 envelope on a missing parameter', async () => {
    const result = await runCli(api.endpoint, USERS.alice, ['typedThing']);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).typedthingresponse).toMatchObject({
      errorcode: 431,
      errortext: 'Unable to execute API command typedthing due to missing parameter thingid',
    });
  });
});

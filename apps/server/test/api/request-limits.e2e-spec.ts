import { type BackupApiEnv, startBackupApiEnv } from '../backup-api/support/backup-api-env';
import { type SeededAccount, type SeededZone } from '../backup-api/support/backup-seeder';
import { runCloudstack } from '../support/cloudstack-cli';
import { type RawParam, rawApiRequest, signedRawRequest, signRaw } from '../support/raw-api';
import { rowCounts } from '../support/row-counts';
import { toQueryString } from './support/test-signer';

/** The defaults README's "Request limits" documents. */
const MAX_REQUEST_BYTES = 65_536;
const MAX_VALUE_BYTES = 16_384;
const MAX_PARAMETERS = 256;

/** Tables a deployVirtualMachine (or any refused request) could write to. */
const WRITTEN_TABLES = ['vm_instance', 'volumes', 'async_job', 'event', 'usage_event'] as const;

describe('request limits: refused in the HTTP layer, before anything runs (MariaDB, real cs)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let alice: SeededAccount;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    zone = await env.seed.zone('zone-a');
    alice = await env.seed.account('alice');
  });

  afterAll(async () => {
    await env?.close();
  });

  const tableRows = (): Promise<Record<string, number>> => rowCounts(env.query, WRITTEN_TABLES);

  function deploy(extra: readonly RawParam[]): RawParam[] {
    return [['command', 'deployVirtualMachine'], ['zoneid', zone.uuid], ['name', 'web-1'], ...extra];
  }

  it.each(['GET', 'POST'] as const)(
    'deployVirtualMachine with a 70,000-character unknown parameter (%s) is a 431 naming it, and writes nothing',
    async (method) => {
      const before = await tableRows();
      const reply = await signedRawRequest(env.server.url, alice, deploy([['junk', 'j'.repeat(70_000)]]), method);
      expect(reply.status).toBe(431);
      expect(reply.headers['content-type']).toBe('application/json; charset=UTF-8');
      expect(reply.json).toEqual({
        deployvirtualmachineresponse: {
          uuidList: [],
          errorcode: 431,
          cserrorcode: 4350,
          errortext: `Value of parameter junk is greater than the maximum allowed size of ${MAX_VALUE_BYTES} bytes`,
        },
      });
      expect(reply.headers['x-description']).toBe(reply.json.deployvirtualmachineresponse.errortext);
      expect(await tableRows()).toEqual(before);
    },
  );

  it('a deployVirtualMachine inside the limits still deploys (the limits take nothing legitimate away)', async () => {
    const before = await tableRows();
    const reply = await signedRawRequest(env.server.url, alice, deploy([['junk', 'j'.repeat(MAX_VALUE_BYTES)]]));
    expect(reply.status).toBe(200);
    const job = await env.clientFor(alice).waitForJob(reply.json.deployvirtualmachineresponse.jobid);
    expect(job.jobstatus).toBe(1);
    expect((await tableRows()).vm_instance).toBe((before.vm_instance ?? 0) + 1);
  });

  it('leaves to the job system an async request within the limits whose parameters do not fit a job row', async () => {
    // Quotes sent unencoded take one byte each on the wire and two once recorded as JSON.
    const quotes: RawParam[] = ['q1', 'q2', 'q3', 'q4'].map((name): RawParam => [name, '"'.repeat(15_000)]);
    const signed = signRaw(alice, deploy(quotes));
    const body = signed
      .map(([name, value]) => `${name}=${value.startsWith('"') ? value : encodeURIComponent(value)}`)
      .join('&');
    expect(body.length).toBeLessThan(MAX_REQUEST_BYTES);
    const before = await tableRows();
    const reply = await rawApiRequest(env.server.url, { method: 'POST', body });
    expect(reply.status).toBe(431);
    expect(reply.json.deployvirtualmachineresponse).toMatchObject({
      errorcode: 431,
      cserrorcode: 4350,
      errortext: expect.stringMatching(/^The request's parameters take \d+ bytes, more than the 65023 bytes an async job can record/),
    });
    expect(await tableRows()).toEqual(before);
  });

  it('refuses before authentication: a request with a bad signature gets the 431, not the 401', async () => {
    const params = signRaw(alice, [['command', 'listBackups'], ['junk', 'j'.repeat(MAX_VALUE_BYTES + 1)]]);
    const forged = params.map(([name, value]): RawParam => [name, name === 'signature' ? 'forged' : value]);
    const reply = await rawApiRequest(env.server.url, { method: 'POST', body: toQueryString(forged) });
    expect(reply.status).toBe(431);
    expect(reply.json.listbackupsresponse.cserrorcode).toBe(4350);
  });

  it('counts a value in UTF-8 bytes once decoded', async () => {
    // 6,000 characters of 3 bytes each: 18,000 bytes, over the limit though under it in characters.
    const reply = await signedRawRequest(env.server.url, alice, [['command', 'listBackups'], ['keyword', '€'.repeat(6_000)]]);
    expect(reply.status).toBe(431);
    expect(reply.json.listbackupsresponse.errortext).toBe(
      `Value of parameter keyword is greater than the maximum allowed size of ${MAX_VALUE_BYTES} bytes`,
    );
  });

  it('refuses a parameter name over the value limit without echoing it', async () => {
    const reply = await signedRawRequest(env.server.url, alice, [['command', 'listBackups'], ['n'.repeat(20_000), '1']]);
    expect(reply.status).toBe(431);
    expect(reply.json.listbackupsresponse.errortext).toBe(
      `Parameter name greater than the maximum allowed size of ${MAX_VALUE_BYTES} bytes`,
    );
  });

  it('refuses more parameters than allowed', async () => {
    const many = Array.from({ length: MAX_PARAMETERS }, (_, index): RawParam => [`p${index}`, '1']);
    const reply = await signedRawRequest(env.server.url, alice, [['command', 'listBackups'], ...many]);
    expect(reply.status).toBe(431);
    expect(reply.json.listbackupsresponse).toMatchObject({
      errorcode: 431,
      cserrorcode: 4350,
      errortext: `Request has more than the maximum allowed ${MAX_PARAMETERS} parameters`,
    });
  });

  it.each(['GET', 'POST'] as const)('refuses a request over the total size though each value fits (%s)', async (method) => {
    const values = Array.from({ length: 5 }, (_, index): RawParam => [`part${index}`, 'v'.repeat(15_000)]);
    const reply = await signedRawRequest(env.server.url, alice, [['command', 'listBackups'], ...values], method);
    expect(reply.status).toBe(431);
    expect(reply.json.listbackupsresponse).toMatchObject({
      errorcode: 431,
      cserrorcode: 4350,
      errortext: `Request is greater than the maximum allowed size of ${MAX_REQUEST_BYTES} bytes (query string and form body together)`,
    });
  });

  it('answers a request line too long even to parse with an envelope, not a bare 431', async () => {
    const reply = await rawApiRequest(env.server.url, { query: `command=listBackups&junk=${'j'.repeat(200_000)}` });
    expect(reply.status).toBe(431);
    expect(reply.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(reply.json).toEqual({
      errorresponse: {
        uuidList: [],
        errorcode: 431,
        cserrorcode: 4350,
        errortext: expect.stringMatching(/^Request line and headers are greater than the maximum allowed size of \d+ bytes$/),
      },
    });
    // The server is still fine afterwards.
    expect((await signedRawRequest(env.server.url, alice, [['command', 'listBackups']])).status).toBe(200);
  });

  it('the cloudstack CLI reads the 431 by GET and by POST', async () => {
    for (const flags of [[], ['--post']]) {
      const before = await tableRows();
      const result = await runCloudstack(
        env.server.url,
        alice,
        'deployVirtualMachine',
        { zoneid: zone.uuid, name: 'web-2', junk: 'j'.repeat(70_000) },
        flags,
      );
      expect(result.exitCode).not.toBe(0);
      expect(result.json.deployvirtualmachineresponse).toMatchObject({
        errorcode: 431,
        errortext: `Value of parameter junk is greater than the maximum allowed size of ${MAX_VALUE_BYTES} bytes`,
      });
      expect(await tableRows()).toEqual(before);
    }
  });
});

import { type RunningServer } from '../../src/bootstrap/create-app';
import { RECORD_GRACE_MS, SignatureRecordPurger } from '../../src/signatures/signature-record-purger';
import { type BackupApiEnv, startBackupApiEnv } from '../backup-api/support/backup-api-env';
import { type SeededAccount, type SeededZone } from '../backup-api/support/backup-seeder';
import { runCloudstack } from '../support/cloudstack-cli';
import { type RawParam, rawApiRequest, signedRawRequest, signRaw } from '../support/raw-api';
import { createTempDir, startTestServer } from '../support/test-server';
import { signParams, toQueryString } from './support/test-signer';

const PROTECTION_KEY = 'api.signature.replay.protection';
const UNVERIFIED = 'unable to verify user credentials and/or request signature';

describe('replay protection of signed requests (MariaDB, two instances, real cs)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let alice: SeededAccount;
  let vmNumber = 0;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    zone = await env.seed.zone('zone-a');
    alice = await env.seed.account('alice');
  });

  afterAll(async () => {
    await env?.close();
  });

  let pollNumber = 0;

  async function vmCount(): Promise<number> {
    const [row] = await env.query<{ count: string | number }>(
      'SELECT COUNT(*) AS count FROM vm_instance WHERE account_id = ?',
      [alice.id],
    );
    return Number(row?.count);
  }

  /** One signed deployVirtualMachine GET URL's query, as an eavesdropper would capture it. */
  function capturedDeploy(expires?: Date): string {
    vmNumber += 1;
    return toQueryString(
      signRaw(alice, [['command', 'deployVirtualMachine'], ['zoneid', zone.uuid], ['name', `vm-${vmNumber}`]], expires),
    );
  }

  /**
   * Polls every job to its end with requests signed version 3 (replay protection wants `expires`).
   * The `_` cache-buster makes each poll a new request: two identical requests signed in the same
   * second have the same signature, and the second would be refused as a replay.
   */
  async function waitForJobs(): Promise<void> {
    const jobs = await env.query<{ uuid: string }>('SELECT uuid FROM async_job');
    for (const job of jobs) {
      for (;;) {
        pollNumber += 1;
        const reply = await signedRawRequest(env.server.url, alice, [
          ['command', 'queryAsyncJobResult'],
          ['jobid', job.uuid],
          ['_', String(pollNumber)],
        ]);
        expect(reply.status).toBe(200);
        if (reply.json.queryasyncjobresultresponse.jobstatus !== 0) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    }
  }

  it('is off by default and listed as a global setting', async () => {
    const listed = await env.admin.ok('listConfigurations', { name: PROTECTION_KEY });
    expect(listed.configuration).toEqual([
      expect.objectContaining({ name: PROTECTION_KEY, value: 'false', defaultvalue: 'false', scope: 'Global', component: 'ApiServer' }),
    ]);
  });

  it('off: a replayed mutating GET runs twice, as in CloudStack', async () => {
    const before = await vmCount();
    const query = capturedDeploy();
    const first = await rawApiRequest(env.server.url, { query });
    const replay = await rawApiRequest(env.server.url, { query });
    expect([first.status, replay.status]).toEqual([200, 200]);
    await waitForJobs();
    expect(await vmCount()).toBe(before + 2);
  });

  describe('on', () => {
    beforeAll(async () => {
      const reply = await env.admin.call('updateConfiguration', { name: PROTECTION_KEY, value: 'true' });
      expect(reply.status).toBe(200);
    });

    afterAll(async () => {
      await env.configure(PROTECTION_KEY, 'false');
    });

    it('refuses the replay with the 401 of a bad signature, and the command runs once', async () => {
      const before = await vmCount();
      const jobsBefore = (await env.query('SELECT id FROM async_job')).length;
      const query = capturedDeploy();
      const first = await rawApiRequest(env.server.url, { query });
      const replay = await rawApiRequest(env.server.url, { query });
      expect(first.status).toBe(200);
      expect(replay.status).toBe(401);
      expect(replay.json).toEqual({ deployvirtualmachineresponse: { uuidList: [], errorcode: 401, errortext: UNVERIFIED } });
      await waitForJobs();
      expect(await vmCount()).toBe(before + 1);
      expect(await env.query('SELECT id FROM async_job')).toHaveLength(jobsBefore + 1);
    });

    it('refuses a signed request without expires, with a past one, or one too far ahead', async () => {
      const withoutExpires: RawParam[] = [['apiKey', alice.apiKey], ['command', 'listBackups'], ['response', 'json']];
      withoutExpires.push(['signature', signParams(withoutExpires, alice.secretKey)]);
      const noExpiry = await rawApiRequest(env.server.url, { query: toQueryString(withoutExpires) });
      expect({ status: noExpiry.status, body: noExpiry.json }).toEqual({
        status: 401,
        body: { listbackupsresponse: { uuidList: [], errorcode: 401, errortext: UNVERIFIED } },
      });

      for (const expires of [new Date(Date.now() - 60_000), new Date(Date.now() + 3_600_000)]) {
        const reply = await rawApiRequest(env.server.url, {
          query: toQueryString(signRaw(alice, [['command', 'listBackups']], expires)),
        });
        expect(reply.status).toBe(401);
      }
      // A fresh request with expires a few minutes ahead passes.
      const fresh = await rawApiRequest(env.server.url, { query: toQueryString(signRaw(alice, [['command', 'listBackups']])) });
      expect(fresh.status).toBe(200);
    });

    it('shares what it has seen between instances on one database', async () => {
      const dataDir = createTempDir();
      let second: RunningServer | undefined;
      try {
        second = await startTestServer({
          DATABASE_URL: (env.dataSource.options as { url: string }).url,
          CSBR_DATA_DIR: dataDir.path,
        });
        const before = await vmCount();
        const query = capturedDeploy();
        expect((await rawApiRequest(env.server.url, { query })).status).toBe(200);
        expect((await rawApiRequest(second.url, { query })).status).toBe(401);
        await waitForJobs();
        expect(await vmCount()).toBe(before + 1);
      } finally {
        await second?.close();
        dataDir.remove();
      }
    });

    it('lets the cloudstack CLI work: it signs every request with a fresh expires, and polls every 2 s', async () => {
      const listed = await runCloudstack(env.server.url, alice, 'listBackups', { listall: true });
      expect(listed).toMatchObject({ exitCode: 0, json: {} });

      // Its job polls are one second apart at least (2 s by default), so no two share a signature.
      const before = await vmCount();
      const deployed = await runCloudstack(env.server.url, alice, 'deployVirtualMachine', { zoneid: zone.uuid, name: 'cli-vm' }, [], {
        CLOUDSTACK_POLL_INTERVAL: '1.1',
      });
      expect(deployed.exitCode).toBe(0);
      expect(deployed.json.virtualmachine).toMatchObject({ name: 'cli-vm', state: 'Running' });
      expect(await vmCount()).toBe(before + 1);
    });

    it('purges a record once its request expired (plus a grace for clocks that disagree)', async () => {
      const purger = env.app.get(SignatureRecordPurger);
      await purger.purgeExpired();
      const now = Date.now();
      await env.query('INSERT INTO api_request_signature (signature_hash, expires, created) VALUES (?, ?, ?), (?, ?, ?)', [
        'a'.repeat(64),
        new Date(now - RECORD_GRACE_MS - 60_000),
        new Date(now - RECORD_GRACE_MS - 600_000),
        'b'.repeat(64),
        new Date(now - 60_000),
        new Date(now - 600_000),
      ]);
      expect(await purger.purgeExpired()).toBe(1);
      const left = await env.query<{ signature_hash: string }>('SELECT signature_hash FROM api_request_signature');
      expect(left.map((row) => row.signature_hash)).toContain('b'.repeat(64));
      expect(left.map((row) => row.signature_hash)).not.toContain('a'.repeat(64));
    });
  });
});

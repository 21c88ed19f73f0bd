import { type BackupApiEnv, startBackupApiEnv } from '../backup-api/support/backup-api-env';
import { createDummyZoneOverApi } from '../support/dummy-zone';
import { type JsonBody } from '../support/json-body';
import { type SignedClient } from '../support/signed-client';

/**
 * Liveness and readiness of a real server on MariaDB: readiness follows the periodic provider
 * check (every second here), which the dummy provider's fault injection makes fail and recover.
 */
describe('health endpoints (MariaDB)', () => {
  let env: BackupApiEnv;
  let admin: SignedClient;
  let zoneId: string;

  beforeAll(async () => {
    env = await startBackupApiEnv({ CSBR_PROVIDER_CHECK_INTERVAL_SECONDS: '1', CSBR_PROVIDER_CHECK_TIMEOUT_SECONDS: '2' });
    admin = env.admin;
  });

  afterAll(async () => {
    await env?.close();
  });

  async function get(path: string): Promise<{ status: number; body: JsonBody }> {
    const response = await fetch(`${env.server.url}${path}`);
    return { status: response.status, body: (await response.json()) as JsonBody };
  }

  /** Polls `/health/ready` until `accept` holds (the check runs every second); fails after 15 s. */
  async function readyUntil(accept: (reply: { status: number; body: JsonBody }) => boolean): Promise<{ status: number; body: JsonBody }> {
    const deadline = Date.now() + 15_000;
    for (;;) {
      const reply = await get('/health/ready');
      if (accept(reply)) return reply;
      if (Date.now() > deadline) throw new Error(`readiness never matched; last: ${reply.status} ${JSON.stringify(reply.body)}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it('is live and ready with no zone to check; /health still answers as before', async () => {
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect(await get('/health/ready')).toEqual({ status: 200, body: { status: 'ok', database: 'up', zones: [] } });
    expect(await get('/health')).toEqual({ status: 200, body: { status: 'ok', database: 'up' } });
  });

  it("reports each enabled zone's provider as reachable after a check", async () => {
    zoneId = await createDummyZoneOverApi(admin);

    const ready = await readyUntil((reply) => (reply.body.zones as unknown[]).length === 1);
    expect(ready).toEqual({
      status: 200,
      body: {
        status: 'ok',
        database: 'up',
        zones: [{ zone: zoneId, provider: 'dummy', reachable: true, checkedAt: expect.any(String) }],
      },
    });
  });

  it('is not ready while the provider fails its check, but stays live; ready again once it answers', async () => {
    await admin.ok('updateConfiguration', { name: 'backup.plugin.dummy.fail.operations', value: 'listPolicies', zoneid: zoneId });
    const down = await readyUntil((reply) => reply.status === 503);
    expect(down.body).toEqual({
      status: 'error',
      database: 'up',
      zones: [{ zone: zoneId, provider: 'dummy', reachable: false, checkedAt: expect.any(String), error: expect.any(String) }],
    });
    // Only a class of failure: never the provider's own text.
    expect(JSON.stringify(down.body)).not.toContain('injected');
    expect(await get('/health/live')).toEqual({ status: 200, body: { status: 'ok' } });
    expect((await get('/health')).status).toBe(200);

    await admin.ok('updateConfiguration', { name: 'backup.plugin.dummy.fail.operations', value: '', zoneid: zoneId });
    const up = await readyUntil((reply) => reply.status === 200);
    expect((up.body.zones as { reachable: boolean }[])[0]?.reachable).toBe(true);
  });

  it('ignores a zone once the framework is off there', async () => {
    await admin.ok('updateConfiguration', { name: 'backup.framework.enabled', value: 'false', zoneid: zoneId });
    const ready = await readyUntil((reply) => (reply.body.zones as unknown[]).length === 0);
    expect(ready.status).toBe(200);
  });
});

import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';

import { DataSource } from 'typeorm';

import { type RunningServer } from '../../src/bootstrap/create-app';
import { expectJobSuccess } from '../backup-api/support/api-expectations';
import { randomApiKeys } from '../support/api-keys';
import { createDummyZoneOverApi } from '../support/dummy-zone';
import { SignedClient } from '../support/signed-client';
import { createTestDatabase, type TestDatabase } from '../support/test-database';
import { createTempDir, startTestServer } from '../support/test-server';

const SECRET = 'webhook-signing-secret-4711';

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/**
 * A local webhook receiver that can be down and up again on the same port. It keeps its listening
 * socket for the whole file, so nothing else can take the port while it is down (a port found free
 * and listened on later may be taken in between on a busy machine): while down it resets every
 * connection before reading a request, so a delivery fails as it does against a receiver that is away.
 */
class Receiver {
  readonly received: Received[] = [];
  private readonly server: Server;
  private accepting = false;

  constructor() {
    this.server = createServer((request, response) => {
      // A kept-alive connection from before it went down is reset too.
      if (!this.accepting) {
        request.socket.destroy();
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
      });
    });
    this.server.on('connection', (socket) => {
      if (!this.accepting) socket.destroy();
    });
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** Listens on a port the OS picks, down until `start()`. */
  async listen(): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(0, '127.0.0.1', () => {
        this.server.off('error', reject);
        resolve();
      });
    });
  }

  /** Up: answers deliveries. */
  start(): void {
    this.accepting = true;
  }

  /** Down: every connection, new or kept alive, is reset before its request is read. */
  stop(): void {
    this.accepting = false;
  }

  async close(): Promise<void> {
    this.stop();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  async waitFor(count: number, timeoutMs = 20_000): Promise<Received[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.received.length < count) {
      if (Date.now() > deadline) throw new Error(`received ${this.received.length} notifications, expected ${count}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return this.received;
  }
}

function expectSigned(delivery: Received): void {
  const expected = `sha256=${createHmac('sha256', SECRET).update(delivery.body).digest('hex')}`;
  expect(delivery.headers['x-csbr-signature']).toBe(expected);
  expect(delivery.body).not.toContain(SECRET);
}

/**
 * Webhook notifications from a real server on MariaDB to a local HTTP receiver: signed bodies for
 * succeeded and failed backups and restores, retries while the receiver is down, and delivery after
 * the server restarted with a notification still in the outbox.
 */
describe('webhook notifications (MariaDB)', () => {
  let database: TestDatabase;
  let dataDir: { path: string; remove(): void };
  let server: RunningServer | undefined;
  let admin: SignedClient;
  let receiver: Receiver;
  let zoneId: string;
  let vmId: string;
  let backupId: string;
  const keys = randomApiKeys();

  const start = async (): Promise<RunningServer> => {
    const started = await startTestServer({
      DATABASE_URL: database.url,
      CSBR_DATA_DIR: dataDir.path,
      CSBR_ADMIN_API_KEY: keys.apiKey,
      CSBR_ADMIN_SECRET_KEY: keys.secretKey,
      CSBR_NOTIFICATION_POLL_SECONDS: '1',
      CSBR_NOTIFICATION_RETRY_SECONDS: '1',
      CSBR_NOTIFICATION_MAX_ATTEMPTS: '20',
    });
    admin = new SignedClient(started.url, keys.apiKey, keys.secretKey);
    return started;
  };

  const outbox = (): Promise<{ attempts: number; delivered: unknown; last_error: string | null }[]> =>
    server!.app.get(DataSource).query('SELECT attempts, delivered, last_error FROM csbr_notification_outbox ORDER BY created, id');

  /** Polls the outbox until `accept` holds; fails after `timeoutMs` with the last rows. */
  const waitForOutbox = async (
    accept: (rows: Awaited<ReturnType<typeof outbox>>) => boolean,
    what: string,
    timeoutMs = 20_000,
  ): Promise<Awaited<ReturnType<typeof outbox>>> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const rows = await outbox();
      if (accept(rows)) return rows;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; outbox: ${JSON.stringify(rows)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };

  /**
   * The receiver has the body before the server has its answer, so the outbox records the delivery a
   * moment after the receiver saw it. Waits for every row to be marked delivered.
   */
  const waitUntilAllDelivered = async (): Promise<void> => {
    await waitForOutbox((rows) => rows.every((row) => row.delivered !== null), 'every notification to be marked delivered');
  };

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = createTempDir();
    receiver = new Receiver();
    await receiver.listen();
    server = await start();
  });

  afterAll(async () => {
    await server?.close();
    await receiver?.close();
    await database?.drop();
    dataDir?.remove();
  });

  it('sets up a zone whose webhook URL and secure signing secret are zone keys', async () => {
    zoneId = await createDummyZoneOverApi(admin);
    await admin.ok('updateConfiguration', { name: 'csbr.notification.webhook.url', value: `http://127.0.0.1:${receiver.port}/hook`, zoneid: zoneId });
    const secret = await admin.ok('updateConfiguration', { name: 'csbr.notification.webhook.secret', value: SECRET, zoneid: zoneId });
    // A secure key is never shown, not even to the admin who set it.
    expect(JSON.stringify(secret)).not.toContain(SECRET);
    const listed = await admin.ok('listConfigurations', { name: 'csbr.notification.webhook.secret', zoneid: zoneId });
    expect(JSON.stringify(listed)).not.toContain(SECRET);

    vmId = (expectJobSuccess(await admin.runJob('deployVirtualMachine', { zoneid: zoneId, name: 'vm1', startvm: false })).virtualmachine as { id: string }).id;
    const policyId = (expectJobSuccess(
      await admin.runJob('importBackupPolicy', { zoneid: zoneId, externalid: 'gold-policy', name: 'Gold', description: 'Gold' }),
    ).backuppolicy as { id: string }).id;
    expectJobSuccess(await admin.runJob('assignBackupPolicy', { virtualmachineid: vmId, policyid: policyId }));
  });

  it('retries a notification while the receiver is down and delivers it, signed, once it is up', async () => {
    backupId = (expectJobSuccess(await admin.runJob('createBackup', { virtualmachineid: vmId })).backup as { id: string }).id;
    // The job finished although nobody could receive its notification. Delivery runs on its own
    // timer: wait for its first failed attempt to be recorded rather than for a fixed time.
    const pending = await waitForOutbox((rows) => rows.some((row) => Number(row.attempts) >= 1), 'a first failed delivery attempt');
    expect(pending).toHaveLength(1);
    expect(pending[0]!.delivered).toBeNull();
    expect(Number(pending[0]!.attempts)).toBeGreaterThanOrEqual(1);
    expect(pending[0]!.last_error).toEqual(expect.any(String));

    receiver.start();
    const [delivery] = await receiver.waitFor(1);
    expectSigned(delivery!);
    expect(delivery!.headers['content-type']).toBe('application/json');
    expect(delivery!.headers['x-csbr-event']).toBe('backup.succeeded');
    const body = JSON.parse(delivery!.body) as Record<string, unknown>;
    expect(body).toEqual({
      id: delivery!.headers['x-csbr-delivery'],
      event: 'backup.succeeded',
      occurredAt: expect.any(String),
      command: 'createBackup',
      jobId: expect.any(String),
      vm: { id: vmId, name: 'vm1' },
      account: { id: expect.any(String), name: 'admin' },
      zone: { id: zoneId, name: 'zone1' },
      provider: 'dummy',
      backup: { id: backupId },
    });
    await waitUntilAllDelivered();
    expect(await outbox()).toHaveLength(1);
  });

  it('notifies a failed backup with its error text, and a succeeded restore', async () => {
    await admin.ok('updateConfiguration', { name: 'backup.plugin.dummy.fail.operations', value: 'takeBackup', zoneid: zoneId });
    const failed = await admin.runJob('createBackup', { virtualmachineid: vmId });
    expect(failed.jobstatus).toBe(2);
    await admin.ok('updateConfiguration', { name: 'backup.plugin.dummy.fail.operations', value: '', zoneid: zoneId });
    expectJobSuccess(await admin.runJob('restoreBackup', { id: backupId }));

    const deliveries = await receiver.waitFor(3);
    const bodies = deliveries.slice(1).map((delivery) => {
      expectSigned(delivery);
      return JSON.parse(delivery.body) as Record<string, unknown>;
    });
    const failure = bodies.find((body) => body.event === 'backup.failed');
    expect(failure).toMatchObject({
      command: 'createBackup',
      vm: { id: vmId },
      zone: { id: zoneId },
      provider: 'dummy',
      error: { code: failed.jobresultcode, text: (failed.jobresult as { errortext: string }).errortext },
    });
    expect(bodies.find((body) => body.event === 'restore.succeeded')).toMatchObject({
      command: 'restoreBackup',
      vm: { id: vmId },
      backup: { id: backupId },
    });
  });

  it('delivers a notification queued before a restart once the server is back', async () => {
    receiver.stop();
    expectJobSuccess(await admin.runJob('createBackup', { virtualmachineid: vmId }));
    await server!.close();
    server = undefined;

    receiver.start();
    server = await start();
    const deliveries = await receiver.waitFor(4);
    const last = deliveries[3]!;
    expectSigned(last);
    expect(JSON.parse(last.body)).toMatchObject({ event: 'backup.succeeded', vm: { id: vmId } });
    await waitUntilAllDelivered();
  });

  it('never writes the secret into the outbox', async () => {
    const rows: { payload: string; url: string }[] = await server!.app.get(DataSource).query('SELECT payload, url FROM csbr_notification_outbox');
    expect(rows.length).toBe(4);
    for (const row of rows) expect(`${row.payload}${row.url}`).not.toContain(SECRET);
  });
});

import { type BackupApiEnv, startBackupApiEnv } from '../backup-api/support/backup-api-env';
import { type SeededAccount } from '../backup-api/support/backup-seeder';
import { runCloudstack } from '../support/cloudstack-cli';
import { type RawReply, signedRawRequest } from '../support/raw-api';

/** What an error may echo at most: the whole `errortext`, marker included. */
const MAX_ERROR_TEXT = 1024;
/** The start and the end of the binder's message for an unknown uuid. */
const UNKNOWN_ID_START = 'Unable to execute API command restorebackup due to invalid value. Invalid parameter id value=aaaa';
const UNKNOWN_ID_END = 'due to incorrect parameter annotation for the field in api cmd class.';

/**
 * An error that names a client's value (here the binder's "invalid value" for a uuid that is not
 * one) must not send the whole value back: `cs` refuses header lines over 64 KiB, and a 1 MB
 * `X-Description` is a cheap amplification. The request limits are raised in this file so that such
 * values reach the binder at all.
 */
describe('errors echo a bounded part of the client input, in the body and in X-Description (MariaDB, real cs)', () => {
  let env: BackupApiEnv;
  let alice: SeededAccount;

  beforeAll(async () => {
    env = await startBackupApiEnv({
      CSBR_API_MAX_REQUEST_BYTES: String(4 * 1024 * 1024),
      CSBR_API_MAX_VALUE_BYTES: String(2 * 1024 * 1024),
    });
    alice = await env.seed.account('alice');
  });

  afterAll(async () => {
    await env?.close();
  });

  function expectBoundedUnknownId(reply: RawReply, valueLength: number): void {
    expect(reply.status).toBe(431);
    const errorText: string = reply.json.restorebackupresponse.errortext;
    expect(errorText.length).toBeLessThanOrEqual(MAX_ERROR_TEXT);
    expect(errorText.startsWith(UNKNOWN_ID_START)).toBe(true);
    expect(errorText.endsWith(UNKNOWN_ID_END)).toBe(true);
    // The marker says how much was left out.
    expect(errorText).toMatch(/\[\d+ characters omitted\]/);
    const omitted = Number(/\[(\d+) characters omitted\]/.exec(errorText)?.[1]);
    expect(omitted).toBeGreaterThan(valueLength - MAX_ERROR_TEXT);
    expect(reply.headers['x-description']).toBe(errorText);
    expect(reply.text.length).toBeLessThan(2 * MAX_ERROR_TEXT);
  }

  it.each([70_000, 1_100_000])('restoreBackup id=<%i characters> answers a short 431', async (length) => {
    const reply = await signedRawRequest(env.server.url, alice, [
      ['command', 'restoreBackup'],
      ['id', 'a'.repeat(length)],
    ]);
    expectBoundedUnknownId(reply, length);
  });

  it('bounds a long parameter name the same way (illegal characters named by the parameter)', async () => {
    const name = `x${'n'.repeat(50_000)}`;
    const reply = await signedRawRequest(env.server.url, alice, [
      ['command', 'listBackups'],
      [name, 'bell\u0007'],
    ]);
    expect(reply.status).toBe(431);
    const errorText: string = reply.json.listbackupsresponse.errortext;
    expect(errorText.startsWith('Received value containing illegal ASCII non-printable characters for parameter xnnn')).toBe(true);
    expect(errorText.length).toBeLessThanOrEqual(MAX_ERROR_TEXT);
    expect(reply.headers['x-description']).toBe(errorText);
  });

  it('the cloudstack CLI reads the error instead of failing on the header', async () => {
    const result = await runCloudstack(env.server.url, alice, 'restoreBackup', { id: 'a'.repeat(70_000) }, ['--post']);
    expect(result.stderr).not.toContain('got more than 65536 bytes');
    expect(result.exitCode).not.toBe(0);
    expect(result.json.restorebackupresponse).toMatchObject({ errorcode: 431 });
    const errorText: string = result.json.restorebackupresponse.errortext;
    expect(errorText.startsWith(UNKNOWN_ID_START)).toBe(true);
    expect(errorText.length).toBeLessThanOrEqual(MAX_ERROR_TEXT);
  });
});

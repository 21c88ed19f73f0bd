import { createFakeProviderContext } from '@csbr/framework/testing';
import { startVeeamSimulator, type VeeamSimulator } from '@csbr/veeam-simulator';

import { veeamProvider, type VeeamBackupProvider } from '../src';
import { callOptions, counts, rejectionOf, ZONE, zoneValues } from './support/simulated-zone';

/** A provider for the zone with these settings, on its own context (or a shared one). */
async function providerFor(simulator: VeeamSimulator, values: Record<string, string> = {}, now?: () => Date) {
  const context = createFakeProviderContext({
    definition: veeamProvider,
    values: { zones: { [ZONE.id]: zoneValues(simulator, values) } },
    ...(now === undefined ? {} : { now }),
  });
  const provider = (await veeamProvider.create(context)) as VeeamBackupProvider;
  return { context, provider };
}

function connectedRevision(entries: readonly { message: string; meta?: Record<string, unknown> }[]): unknown {
  return entries.find((entry) => entry.message === 'Connected to Veeam Backup & Replication')?.meta?.['revision'];
}

describe('connecting to Veeam', () => {
  const started: VeeamSimulator[] = [];
  const providers: VeeamBackupProvider[] = [];
  const simulator = async (options: Parameters<typeof startVeeamSimulator>[0] = {}) => {
    const running = await startVeeamSimulator({ port: 0, seed: 'demo', ...options });
    started.push(running);
    return running;
  };
  const connect = async (...args: Parameters<typeof providerFor>) => {
    const made = await providerFor(...args);
    providers.push(made.provider);
    return made;
  };

  afterAll(async () => {
    await Promise.all(providers.map((provider) => provider.dispose()));
    await Promise.all(started.map((running) => running.close()));
  });

  it.each([
    ['12', undefined, '1.2-rev1'],
    ['13', '1.3-rev0', '1.3-rev0'],
    ['13', '1.3-rev1', '1.3-rev1'],
    ['13', undefined, '1.3-rev2'],
  ] as const)('pins the newest revision VBR %s (newest %s) accepts: %s', async (personality, newestRevision, expected) => {
    const vbr = await simulator({ personality, ...(newestRevision === undefined ? {} : { newestRevision }) });
    const { context, provider } = await connect(vbr);
    expect(await provider.listPolicies(ZONE, callOptions())).toHaveLength(3);
    expect(connectedRevision(context.logger.entries)).toBe(expected);
  });

  it.each(['', '/', '/api', '/api/'])('takes the base URL with the suffix "%s"', async (suffix) => {
    const vbr = await simulator();
    const { provider } = await connect(vbr, { 'backup.plugin.veeam.url': `${vbr.url}${suffix}` });
    expect(await provider.listPolicies(ZONE, callOptions())).toHaveLength(3);
  });

  it('verifies TLS: an untrusted certificate is refused with what to do, unless the zone turns verification off', async () => {
    const vbr = await simulator();
    const { provider } = await connect(vbr, { 'backup.plugin.veeam.ca.certificate': '' });
    const error = await rejectionOf(provider.listPolicies(ZONE, callOptions()));
    expect(error.message).toMatch(
      /^Could not verify the TLS certificate of the Veeam server at https:\/\/127\.0\.0\.1:\d+ \([A-Z_]+\): trust it with backup\.plugin\.veeam\.ca\.certificate, or set backup\.plugin\.veeam\.validate\.ssl to false$/,
    );

    const { provider: lenient } = await connect(vbr, { 'backup.plugin.veeam.ca.certificate': '', 'backup.plugin.veeam.validate.ssl': 'false' });
    expect(await lenient.listPolicies(ZONE, callOptions())).toHaveLength(3);
  });

  it('says which keys hold refused credentials, an unusable URL, or a missing password', async () => {
    const vbr = await simulator();
    const { provider } = await connect(vbr, { 'backup.plugin.veeam.password': 'wrong' });
    expect(await rejectionOf(provider.listPolicies(ZONE, callOptions()))).toMatchObject({
      code: 'UPSTREAM_AUTH_FAILED',
      message: 'Veeam refused the credentials of user administrator (backup.plugin.veeam.username, backup.plugin.veeam.password): Invalid credentials.',
    });
    const { provider: noUrl } = await connect(vbr, { 'backup.plugin.veeam.url': 'vbr.example:9419' });
    expect((await rejectionOf(noUrl.listPolicies(ZONE, callOptions()))).message).toBe(
      'The Veeam URL (backup.plugin.veeam.url) is not a valid https:// URL',
    );
    const { provider: noPassword } = await connect(vbr, { 'backup.plugin.veeam.password': '' });
    expect((await rejectionOf(noPassword.listPolicies(ZONE, callOptions()))).message).toBe(
      'No Veeam password is set for the zone (backup.plugin.veeam.password)',
    );
  });

  it('refreshes the token about a minute before it expires, without a 401', async () => {
    const vbr = await simulator({ accessTokenLifetimeSeconds: 120 });
    let now = Date.now();
    const { provider } = await connect(vbr, {}, () => new Date(now));
    await provider.listPolicies(ZONE, callOptions());
    expect(counts(vbr, 'CreateToken')).toBe(1);
    now += 30_000;
    await provider.listPolicies(ZONE, callOptions());
    expect(counts(vbr, 'CreateToken')).toBe(1);
    now += 31_000; // 61 s old: less than a minute left
    await provider.listPolicies(ZONE, callOptions());
    expect(counts(vbr, 'CreateToken')).toBe(2);
    expect(vbr.controls.requestCounts()['GetAllJobs']?.byStatus).toEqual({ 200: 3 });
  });

  it('logs in again when the refresh token is refused', async () => {
    const vbr = await simulator();
    const { context, provider } = await connect(vbr);
    await provider.listPolicies(ZONE, callOptions());
    vbr.controls.expireAccessTokens();
    vbr.controls.revokeRefreshTokens();
    expect(await provider.listPolicies(ZONE, callOptions())).toHaveLength(3);
    expect(vbr.controls.requestCounts()['CreateToken']?.byStatus).toEqual({ 200: 2, 401: 1 });
    expect(context.logger.entries).toContainEqual(expect.objectContaining({ message: 'Veeam refused the refresh token; logging in again' }));
  });

  it('shares its token with other server instances through the state store', async () => {
    const vbr = await simulator();
    const first = await connect(vbr);
    await first.provider.listPolicies(ZONE, callOptions());
    const second = (await veeamProvider.create({ ...first.context })) as VeeamBackupProvider;
    providers.push(second);
    await second.listPolicies(ZONE, callOptions());
    expect(counts(vbr, 'CreateToken')).toBe(1);
  });
});

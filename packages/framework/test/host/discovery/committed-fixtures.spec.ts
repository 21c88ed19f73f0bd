import { join } from 'node:path';
import { BackupErrorCodes } from '../../../src/errors/error-codes';
import { FIXTURE_HOST_DIR, FIXTURE_PLUGIN_DIR } from './discovery-scenario';
import { runDiscovery, type DiscoveryRun } from './discovery-harness';

/**
 * All committed fixtures at once, in place: one boot where every failure happens side by side, as
 * in a real server, and none of them stops the others.
 */
describe('discoverProviders over every committed fixture', () => {
  let run: DiscoveryRun;
  beforeAll(async () => {
    run = await runDiscovery({
      hostPackageJsonPath: join(FIXTURE_HOST_DIR, 'package.json'),
      pluginDir: FIXTURE_PLUGIN_DIR,
      reservedConfigKeys: ['backup.plugin.config-key-conflict.url'],
    });
  });

  it('registers the valid providers, preferring the plugin folder copy', () => {
    expect(
      run.registry.list().map((provider) => `${provider.name} ${provider.packageName}@${provider.packageVersion} ${provider.source}`),
    ).toEqual([
      'exports-hidden csbr-fixture-exports-hidden@1.0.0 dependency',
      'plugin-only csbr-fixture-plugin-only@1.0.0 plugin-dir',
      'valid csbr-fixture-valid@1.1.0 plugin-dir',
    ]);
  });

  it('keeps one diagnostic per package with a marker, with the code of its failure', () => {
    const outcomes = run.registry
      .diagnostics()
      .map((diagnostic) => `${diagnostic.packageName}@${diagnostic.packageVersion ?? '?'} ${diagnostic.status} ${diagnostic.code ?? '-'}`);
    expect(outcomes.sort()).toEqual(
      [
        `csbr-fixture-config-key-conflict@1.0.0 refused ${BackupErrorCodes.PROVIDER_CONFIG_KEY_CONFLICT}`,
        `csbr-fixture-create-throws@1.0.0 refused ${BackupErrorCodes.PROVIDER_CREATE_FAILED}`,
        `csbr-fixture-duplicate-name-a@1.2.0 refused ${BackupErrorCodes.PROVIDER_DUPLICATE_NAME}`,
        `csbr-fixture-duplicate-name-b@0.3.0 refused ${BackupErrorCodes.PROVIDER_DUPLICATE_NAME}`,
        'csbr-fixture-exports-hidden@1.0.0 registered -',
        `csbr-fixture-incompatible@2.3.0 refused ${BackupErrorCodes.PROVIDER_INCOMPATIBLE}`,
        `csbr-fixture-invalid-marker@1.0.0 refused ${BackupErrorCodes.PROVIDER_INVALID_MARKER}`,
        `csbr-fixture-name-mismatch@1.0.0 refused ${BackupErrorCodes.PROVIDER_INVALID_DEFINITION}`,
        `csbr-fixture-no-brand@1.0.0 refused ${BackupErrorCodes.PROVIDER_INVALID_DEFINITION}`,
        'csbr-fixture-plugin-only@1.0.0 registered -',
        `csbr-fixture-throws-on-import@1.0.0 refused ${BackupErrorCodes.PROVIDER_LOAD_FAILED}`,
        'csbr-fixture-valid@1.0.0 refused -',
        'csbr-fixture-valid@1.1.0 registered -',
      ].sort(),
    );
  });

  it('logs each refusal as one warning naming its package', () => {
    const refusals = run.registry.diagnostics().filter((diagnostic) => diagnostic.code !== undefined);
    expect(run.hostLogger.warn).toHaveBeenCalledTimes(refusals.length);
    for (const refusal of refusals) {
      expect(refusal.message).toContain(`"${refusal.packageName}@${refusal.packageVersion ?? ''}"`);
      expect(run.hostLogger.warn).toHaveBeenCalledWith(refusal.message, expect.objectContaining({ packageName: refusal.packageName }));
    }
    expect(run.hostLogger.error).not.toHaveBeenCalled();
  });
});

import { BACKUP_PROVIDER_CONTRACT_VERSION } from '../../../src/contract/contract-version';
import { BackupErrorCodes } from '../../../src/errors/error-codes';
import { BACKUP_FRAMEWORK_ENABLED } from '../../../src/host/framework-config-keys';
import { buildScenario, neverImportedSource, providerSource, type Scenario, type ScenarioOptions } from './discovery-scenario';
import { diagnosticOf, runDiscovery } from './discovery-harness';

describe('discoverProviders', () => {
  const scenarios: Scenario[] = [];
  function scenario(options: ScenarioOptions): Scenario {
    const built = buildScenario(options);
    scenarios.push(built);
    return built;
  }
  afterEach(() => {
    for (const built of scenarios.splice(0)) built.remove();
  });

  describe('a valid provider', () => {
    it('is created with the context the host builds and registered with its package details', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-valid'] });

      const { registry, hostLogger, createContext } = await runDiscovery({ hostPackageJsonPath });

      const provider = registry.get('valid');
      expect(provider).toMatchObject({
        name: 'valid',
        description: 'Valid fixture provider',
        packageName: 'csbr-fixture-valid',
        packageVersion: '1.0.0',
        source: 'dependency',
        contractRange: '^1.0.0',
        instance: { createdFor: 'valid' },
      });
      expect(provider?.definition.configKeys.map((key) => key.name)).toEqual(['backup.plugin.valid.url']);
      expect(registry.list()).toEqual([provider]);
      expect(createContext).toHaveBeenCalledTimes(1);
      expect(createContext).toHaveBeenCalledWith(provider?.definition);
      expect(registry.diagnostics()).toEqual([
        {
          packageName: 'csbr-fixture-valid',
          packageVersion: '1.0.0',
          source: 'dependency',
          providerName: 'valid',
          contractRange: '^1.0.0',
          status: 'registered',
          message: 'Registered backup provider "valid" from "csbr-fixture-valid@1.0.0" (dependency), contract range "^1.0.0".',
        },
      ]);
      expect(hostLogger.info).toHaveBeenCalledWith(
        'Registered backup provider "valid" from "csbr-fixture-valid@1.0.0" (dependency), contract range "^1.0.0".',
        expect.objectContaining({ provider: 'valid', packageName: 'csbr-fixture-valid', source: 'dependency' }),
      );
      expect(hostLogger.warn).not.toHaveBeenCalled();
    });

    it('is found when its exports hide its package.json', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-exports-hidden'] });

      const { registry } = await runDiscovery({ hostPackageJsonPath });

      expect(registry.get('exports-hidden')).toMatchObject({ packageName: 'csbr-fixture-exports-hidden', packageVersion: '1.0.0' });
    });

    it('is found through symlinks, as pnpm installs packages', async () => {
      const { hostPackageJsonPath, pluginDir } = scenario({
        dependencies: ['csbr-fixture-valid'],
        pluginPackages: ['csbr-fixture-plugin-only'],
        symlinked: true,
      });

      const { registry } = await runDiscovery({ hostPackageJsonPath, pluginDir });

      expect(registry.list().map((provider) => provider.name)).toEqual(['valid', 'plugin-only']);
    });
  });

  describe('an incompatible contract range', () => {
    it('is refused before its package is imported, naming package, version, source, range and host contract', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-incompatible', 'csbr-fixture-valid'] });

      const { registry, hostLogger } = await runDiscovery({ hostPackageJsonPath });

      const message =
        'Provider package "csbr-fixture-incompatible@2.3.0" (dependency) requires contract "^2.0.0" but this server ' +
        `implements contract ${BACKUP_PROVIDER_CONTRACT_VERSION}. The provider was not registered. ` +
        'Upgrade the server or install a 1.x-compatible version of the provider.';
      expect(diagnosticOf(registry, 'csbr-fixture-incompatible')).toEqual({
        packageName: 'csbr-fixture-incompatible',
        packageVersion: '2.3.0',
        source: 'dependency',
        providerName: 'incompatible',
        contractRange: '^2.0.0',
        status: 'refused',
        code: BackupErrorCodes.PROVIDER_INCOMPATIBLE,
        message,
      });
      expect(hostLogger.warn).toHaveBeenCalledWith(
        message,
        expect.objectContaining({ packageName: 'csbr-fixture-incompatible', code: BackupErrorCodes.PROVIDER_INCOMPATIBLE }),
      );
      expect(registry.get('incompatible')).toBeUndefined();
      expect(registry.get('valid')).toBeDefined();
    });

    it('tells the operator to upgrade the provider when it was written for an older contract', async () => {
      const { hostPackageJsonPath } = scenario({
        inlinePackages: [
          { source: 'dependency', name: 'csbr-provider-legacy', version: '0.4.0', csbr: { provider: 'legacy', contract: '^0.9.0' }, code: neverImportedSource('legacy') },
        ],
      });

      const { registry } = await runDiscovery({ hostPackageJsonPath });

      const diagnostic = diagnosticOf(registry, 'csbr-provider-legacy');
      expect(diagnostic.code).toBe(BackupErrorCodes.PROVIDER_INCOMPATIBLE);
      expect(diagnostic.message).toContain('requires contract "^0.9.0"');
      expect(diagnostic.message).toContain('written for an older contract: install a 1.x-compatible version of the provider');
    });

    it('accepts a range that includes the host contract through a prerelease', async () => {
      const { hostPackageJsonPath } = scenario({
        inlinePackages: [
          { source: 'dependency', name: 'csbr-provider-pre', version: '1.0.0', csbr: { provider: 'pre', contract: '>=1.0.0-0 <2.0.0-0' }, code: providerSource('pre') },
        ],
      });

      const { registry } = await runDiscovery({ hostPackageJsonPath });

      expect(registry.get('pre')?.contractRange).toBe('>=1.0.0-0 <2.0.0-0');
    });
  });

  describe('a package without a marker', () => {
    it('is skipped silently and never imported', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-no-marker'] });

      const { registry, hostLogger } = await runDiscovery({ hostPackageJsonPath });

      expect(registry.diagnostics()).toEqual([]);
      expect(registry.list()).toEqual([]);
      expect(hostLogger.warn).not.toHaveBeenCalled();
      expect(hostLogger.info).not.toHaveBeenCalled();
      expect(hostLogger.error).not.toHaveBeenCalled();
    });
  });

  describe('a malformed marker', () => {
    it('is refused with every problem named', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-invalid-marker'] });

      const { registry, hostLogger } = await runDiscovery({ hostPackageJsonPath });

      const diagnostic = diagnosticOf(registry, 'csbr-fixture-invalid-marker');
      expect(diagnostic).toMatchObject({ status: 'refused', code: BackupErrorCodes.PROVIDER_INVALID_MARKER, packageVersion: '1.0.0' });
      expect(diagnostic.providerName).toBeUndefined();
      expect(diagnostic.message).toContain('Provider package "csbr-fixture-invalid-marker@1.0.0" (dependency) has an invalid "csbr" marker');
      expect(diagnostic.message).toContain('provider name "Bad_Name" must be lower-case kebab');
      expect(diagnostic.message).toContain('contract "not-a-range" is not a semver range');
      expect(hostLogger.warn).toHaveBeenCalledWith(diagnostic.message, expect.objectContaining({ packageName: 'csbr-fixture-invalid-marker' }));
    });

    it.each([
      ['a string instead of an object', 'veeam', '"csbr" must be an object'],
      ['no contract', { provider: 'partial' }, 'contract undefined is not a semver range'],
      ['no provider name', { contract: '^1.0.0' }, 'provider name undefined must be lower-case kebab'],
    ])('is refused when the marker has %s', async (_case, csbr, problem) => {
      const { hostPackageJsonPath } = scenario({
        inlinePackages: [{ source: 'dependency', name: 'csbr-provider-odd', version: '1.0.0', csbr, code: neverImportedSource('odd') }],
      });

      const { registry } = await runDiscovery({ hostPackageJsonPath });

      const diagnostic = diagnosticOf(registry, 'csbr-provider-odd');
      expect(diagnostic.code).toBe(BackupErrorCodes.PROVIDER_INVALID_MARKER);
      expect(diagnostic.message).toContain(problem);
    });
  });

  describe('a default export that is not a valid definition', () => {
    it('is refused when the brand is missing', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-no-brand'] });

      const { registry, hostLogger, createContext } = await runDiscovery({ hostPackageJsonPath });

      const diagnostic = diagnosticOf(registry, 'csbr-fixture-no-brand');
      expect(diagnostic).toMatchObject({ status: 'refused', code: BackupErrorCodes.PROVIDER_INVALID_DEFINITION, providerName: 'no-brand' });
      expect(diagnostic.message).toContain('Provider package "csbr-fixture-no-brand@1.0.0" (dependency) has an invalid provider definition');
      expect(diagnostic.message).toContain('brand "@csbr/BackupProviderDefinition" is missing');
      expect(hostLogger.warn).toHaveBeenCalledWith(diagnostic.message, expect.objectContaining({ packageName: 'csbr-fixture-no-brand' }));
      expect(createContext).not.toHaveBeenCalled();
      expect(registry.get('no-brand')).toBeUndefined();
    });

    it('is refused when it names another provider than its marker', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-name-mismatch'] });

      const { registry } = await runDiscovery({ hostPackageJsonPath });

      const diagnostic = diagnosticOf(registry, 'csbr-fixture-name-mismatch');
      expect(diagnostic.code).toBe(BackupErrorCodes.PROVIDER_INVALID_DEFINITION);
      expect(diagnostic.message).toContain('defines provider "other-name" but its package.json marker declares "name-mismatch"');
      expect(registry.list()).toEqual([]);
    });

    it('is refused when a branded object fails the checks defineBackupProvider would have made', async () => {
      const code = `'use strict';
module.exports = {
  $$type: '@csbr/BackupProviderDefinition',
  name: 'hand-made',
  description: 'Hand-made definition',
  configKeys: [{ name: 'veeam.url', type: 'String', scope: 'Zone', default: '', description: 'URL' }],
  create: 'not a function',
};
`;
      const { hostPackageJsonPath } = scenario({
        inlinePackages: [{ source: 'dependency', name: 'csbr-provider-hand-made', version: '1.0.0', csbr: { provider: 'hand-made', contract: '^1.0.0' }, code }],
      });

      const { registry } = await runDiscovery({ hostPackageJsonPath });

      const diagnostic = diagnosticOf(registry, 'csbr-provider-hand-made');
      expect(diagnostic.code).toBe(BackupErrorCodes.PROVIDER_INVALID_DEFINITION);
      expect(diagnostic.message).toContain('create must be a function');
      expect(diagnostic.message).toContain('config key "veeam.url" must be named "backup.plugin.hand-made.<key>"');
    });
  });

  describe('a provider name claimed twice', () => {
    it('refuses both packages before importing either, naming every claimant', async () => {
      const { hostPackageJsonPath } = scenario({
        dependencies: ['csbr-fixture-duplicate-name-a', 'csbr-fixture-duplicate-name-b', 'csbr-fixture-valid'],
      });

      const { registry, hostLogger } = await runDiscovery({ hostPackageJsonPath });

      const message =
        'Provider name "duplicate" is claimed by "csbr-fixture-duplicate-name-a@1.2.0" (dependency) and ' +
        '"csbr-fixture-duplicate-name-b@0.3.0" (dependency). Neither was registered. Remove one of them.';
      for (const packageName of ['csbr-fixture-duplicate-name-a', 'csbr-fixture-duplicate-name-b']) {
        expect(diagnosticOf(registry, packageName)).toMatchObject({
          status: 'refused',
          code: BackupErrorCodes.PROVIDER_DUPLICATE_NAME,
          providerName: 'duplicate',
          message,
        });
        expect(hostLogger.warn).toHaveBeenCalledWith(message, expect.objectContaining({ packageName }));
      }
      expect(registry.get('duplicate')).toBeUndefined();
      expect(registry.get('valid')).toBeDefined();
    });

    it('refuses a plugin-folder package that claims the name of a different bundled package', async () => {
      const { hostPackageJsonPath, pluginDir } = scenario({
        dependencies: ['csbr-fixture-valid'],
        inlinePackages: [
          { source: 'plugin-dir', name: '@vendor/csbr-valid', version: '0.3.0', csbr: { provider: 'valid', contract: '^1.0.0' }, code: neverImportedSource('@vendor/csbr-valid') },
          { source: 'plugin-dir', name: 'csbr-valid-fork', version: '2.0.0', csbr: { provider: 'valid', contract: '^1.0.0' }, code: neverImportedSource('csbr-valid-fork') },
        ],
      });

      const { registry } = await runDiscovery({ hostPackageJsonPath, pluginDir });

      expect(registry.list()).toEqual([]);
      const diagnostic = diagnosticOf(registry, '@vendor/csbr-valid');
      expect(diagnostic.code).toBe(BackupErrorCodes.PROVIDER_DUPLICATE_NAME);
      expect(diagnostic.message).toBe(
        'Provider name "valid" is claimed by "csbr-fixture-valid@1.0.0" (dependency), "@vendor/csbr-valid@0.3.0" ' +
          '(plugin directory) and "csbr-valid-fork@2.0.0" (plugin directory). None was registered. Remove all but one of them.',
      );
    });
  });

  describe('a package whose import throws', () => {
    it('is refused with the import error, and the others still register', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-throws-on-import', 'csbr-fixture-valid'] });

      const { registry, hostLogger } = await runDiscovery({ hostPackageJsonPath });

      const diagnostic = diagnosticOf(registry, 'csbr-fixture-throws-on-import');
      expect(diagnostic).toMatchObject({ status: 'refused', code: BackupErrorCodes.PROVIDER_LOAD_FAILED, providerName: 'throws-on-import' });
      expect(diagnostic.message).toBe(
        'Provider package "csbr-fixture-throws-on-import@1.0.0" (dependency) could not be loaded: ' +
          'Cannot load the vendor SDK libvendor.so. The provider was not registered.',
      );
      expect(hostLogger.warn).toHaveBeenCalledWith(diagnostic.message, expect.objectContaining({ packageName: 'csbr-fixture-throws-on-import' }));
      expect(registry.get('valid')).toBeDefined();
    });
  });

  describe('a provider whose create() fails', () => {
    it('is refused with the reason and not registered', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-create-throws'] });

      const { registry, hostLogger, createContext } = await runDiscovery({ hostPackageJsonPath });

      expect(createContext).toHaveBeenCalledTimes(1);
      const diagnostic = diagnosticOf(registry, 'csbr-fixture-create-throws');
      expect(diagnostic).toMatchObject({ status: 'refused', code: BackupErrorCodes.PROVIDER_CREATE_FAILED });
      expect(diagnostic.message).toBe(
        'Provider "create-throws" from package "csbr-fixture-create-throws@1.0.0" (dependency) failed to start: ' +
          'vendor endpoint unreachable. The provider was not registered.',
      );
      expect(hostLogger.warn).toHaveBeenCalledWith(diagnostic.message, expect.objectContaining({ code: BackupErrorCodes.PROVIDER_CREATE_FAILED }));
      expect(registry.list()).toEqual([]);
    });

    it('is refused when create() returns no instance', async () => {
      const code = providerSource('empty').replace('create: (context) => ({ createdFor: context.providerName })', 'create: () => undefined');
      const { hostPackageJsonPath } = scenario({
        inlinePackages: [{ source: 'dependency', name: 'csbr-provider-empty', version: '1.0.0', csbr: { provider: 'empty', contract: '^1.0.0' }, code }],
      });

      const { registry } = await runDiscovery({ hostPackageJsonPath });

      const diagnostic = diagnosticOf(registry, 'csbr-provider-empty');
      expect(diagnostic.code).toBe(BackupErrorCodes.PROVIDER_CREATE_FAILED);
      expect(diagnostic.message).toContain('create() returned undefined instead of a provider instance');
    });
  });

  describe('configuration keys', () => {
    it('refuses a provider declaring a key the host already declares', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-config-key-conflict'] });

      const { registry, hostLogger, createContext } = await runDiscovery({
        hostPackageJsonPath,
        reservedConfigKeys: ['backup.plugin.config-key-conflict.url'],
      });

      const diagnostic = diagnosticOf(registry, 'csbr-fixture-config-key-conflict');
      expect(diagnostic).toMatchObject({ status: 'refused', code: BackupErrorCodes.PROVIDER_CONFIG_KEY_CONFLICT });
      expect(diagnostic.message).toBe(
        'Provider package "csbr-fixture-config-key-conflict@1.0.0" (dependency) declares configuration keys that are ' +
          'already declared: "backup.plugin.config-key-conflict.url" (already declared by the server). The provider was not registered.',
      );
      expect(hostLogger.warn).toHaveBeenCalledWith(diagnostic.message, expect.anything());
      expect(createContext).not.toHaveBeenCalled();
    });

    it('registers the same provider when no one else declares its keys', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-config-key-conflict'] });

      const { registry } = await runDiscovery({ hostPackageJsonPath, reservedConfigKeys: [BACKUP_FRAMEWORK_ENABLED] });

      expect(registry.get('config-key-conflict')).toBeDefined();
    });
  });

  describe('the plugin folder', () => {
    it('registers a provider installed only there', async () => {
      const { hostPackageJsonPath, pluginDir } = scenario({ dependencies: [], pluginPackages: ['csbr-fixture-plugin-only'] });

      const { registry, hostLogger } = await runDiscovery({ hostPackageJsonPath, pluginDir });

      expect(registry.get('plugin-only')).toMatchObject({
        packageName: 'csbr-fixture-plugin-only',
        packageVersion: '1.0.0',
        source: 'plugin-dir',
        contractRange: '^1.0.0',
        instance: { createdFor: 'plugin-only' },
      });
      expect(diagnosticOf(registry, 'csbr-fixture-plugin-only')).toMatchObject({ status: 'registered', source: 'plugin-dir' });
      expect(hostLogger.info).toHaveBeenCalledWith(
        'Registered backup provider "plugin-only" from "csbr-fixture-plugin-only@1.0.0" (plugin directory), contract range "^1.0.0".',
        expect.objectContaining({ source: 'plugin-dir' }),
      );
    });

    it('ignores a plugin folder the host was not given', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-valid'], pluginPackages: ['csbr-fixture-plugin-only'] });

      const { registry } = await runDiscovery({ hostPackageJsonPath });

      expect(registry.list().map((provider) => provider.name)).toEqual(['valid']);
    });

    it('uses its copy of a package the server also bundles, and records that choice', async () => {
      const { hostPackageJsonPath, pluginDir } = scenario({
        dependencies: ['csbr-fixture-valid'],
        pluginPackages: ['csbr-fixture-valid'],
      });

      const { registry, hostLogger } = await runDiscovery({ hostPackageJsonPath, pluginDir });

      expect(registry.list()).toHaveLength(1);
      expect(registry.get('valid')).toMatchObject({
        packageVersion: '1.1.0',
        source: 'plugin-dir',
        description: 'Valid fixture provider (plugin directory upgrade)',
      });
      const message =
        'Provider package "csbr-fixture-valid@1.0.0" (dependency) is replaced by "csbr-fixture-valid@1.1.0" ' +
        '(plugin directory): the plugin directory copy of a package is used instead of the one bundled with the server.';
      expect(registry.diagnostics()).toEqual([
        expect.objectContaining({ packageVersion: '1.0.0', source: 'dependency', status: 'refused', message }),
        expect.objectContaining({ packageVersion: '1.1.0', source: 'plugin-dir', status: 'registered' }),
      ]);
      expect(registry.diagnostics()[0]?.code).toBeUndefined();
      expect(hostLogger.info).toHaveBeenCalledWith(message, expect.objectContaining({ packageName: 'csbr-fixture-valid' }));
      expect(hostLogger.warn).not.toHaveBeenCalled();
    });

    it('reports a missing plugin folder and still registers the bundled providers', async () => {
      const { hostPackageJsonPath, missingPluginDir } = scenario({ dependencies: ['csbr-fixture-valid'] });

      const { registry, hostLogger } = await runDiscovery({ hostPackageJsonPath, pluginDir: missingPluginDir });

      expect(registry.get('valid')).toBeDefined();
      const diagnostic = diagnosticOf(registry, `${missingPluginDir}/package.json`);
      expect(diagnostic).toMatchObject({ status: 'refused', source: 'plugin-dir', code: BackupErrorCodes.PROVIDER_LOAD_FAILED });
      expect(diagnostic.message).toContain('No providers were loaded from the plugin directory list: cannot read');
      expect(hostLogger.warn).toHaveBeenCalledWith(diagnostic.message, expect.anything());
    });

    it('reports a listed package that is not installed there', async () => {
      const { hostPackageJsonPath, pluginDir } = scenario({ notInstalled: { pluginDir: ['csbr-provider-forgotten'] } });

      const { registry, hostLogger } = await runDiscovery({ hostPackageJsonPath, pluginDir });

      const diagnostic = diagnosticOf(registry, 'csbr-provider-forgotten');
      expect(diagnostic).toMatchObject({ status: 'refused', source: 'plugin-dir', code: BackupErrorCodes.PROVIDER_LOAD_FAILED });
      expect(diagnostic.message).toContain('Package "csbr-provider-forgotten" (plugin directory) is listed in');
      expect(diagnostic.message).toContain('but is not installed');
      expect(hostLogger.warn).toHaveBeenCalledWith(diagnostic.message, expect.anything());
    });
  });

  describe('the server package.json', () => {
    it('only logs a server dependency that is not installed, as most dependencies are not providers', async () => {
      const { hostPackageJsonPath } = scenario({ dependencies: ['csbr-fixture-valid'], notInstalled: { dependency: ['left-pad'] } });

      const { registry, hostLogger } = await runDiscovery({ hostPackageJsonPath });

      expect(registry.diagnostics().map((diagnostic) => diagnostic.packageName)).toEqual(['csbr-fixture-valid']);
      expect(hostLogger.warn).toHaveBeenCalledWith(
        expect.stringContaining('Package "left-pad" (dependency) is listed in'),
        expect.objectContaining({ packageName: 'left-pad', source: 'dependency' }),
      );
    });

    it('reports an unreadable server package.json without throwing', async () => {
      const { missingPluginDir } = scenario({});
      const hostPackageJsonPath = `${missingPluginDir}/package.json`;

      const { registry } = await runDiscovery({ hostPackageJsonPath });

      expect(registry.list()).toEqual([]);
      expect(diagnosticOf(registry, hostPackageJsonPath)).toMatchObject({
        status: 'refused',
        source: 'dependency',
        code: BackupErrorCodes.PROVIDER_LOAD_FAILED,
      });
    });
  });

  describe('the registry', () => {
    it('disposes instances once, in reverse creation order', async () => {
      const { hostPackageJsonPath, pluginDir } = scenario({
        dependencies: ['csbr-fixture-valid'],
        pluginPackages: ['csbr-fixture-plugin-only'],
      });
      const { registry, providerLines } = await runDiscovery({ hostPackageJsonPath, pluginDir });
      expect(registry.list().map((provider) => provider.name)).toEqual(['valid', 'plugin-only']);

      await registry.disposeAll();
      await registry.disposeAll();

      expect(providerLines).toEqual(['plugin-only: disposed plugin-only', 'valid: disposed valid']);
    });
  });
});

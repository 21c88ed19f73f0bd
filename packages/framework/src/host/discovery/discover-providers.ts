import { type BackupProvider } from '../../contract/backup-provider';
import { type BackupProviderDefinition } from '../../contract/define-backup-provider';
import { type ProviderContext, type ProviderLogger } from '../../contract/provider-context';
import { BackupError } from '../../errors/backup-error';
import { BackupErrorCodes } from '../../errors/error-codes';
import { FRAMEWORK_CONFIG_KEYS } from '../framework-config-keys';
import { type RegisteredProvider } from '../provider-types';
import { checkContractCompatibility } from './check-compatibility';
import { collectCandidates } from './collect-candidates';
import { DiscoveryRecorder } from './discovery-recorder';
import { loadProviderDefinition } from './load-provider';
import { preferPluginDirCopies } from './prefer-plugin-dir-copies';
import { describePackage, type CandidatePackage, type ProviderPackage } from './provider-package';
import { ProviderRegistry } from './provider-registry';
import { errorMessage, isPlainObject } from './read-package-manifest';
import { readProviderMarker } from './read-marker';
import { refuseDuplicateNames } from './refuse-duplicate-names';
import { resolveProviderCapabilities } from '../../contract/capabilities';

/**
 * Options of {@link discoverProviders}.
 * @public
 * @since 1.0.0
 */
export interface DiscoverProvidersOptions {
  /** The server's own package.json; its `dependencies` are candidates. */
  readonly hostPackageJsonPath: string;
  /**
   * `CSBR_PLUGIN_DIR`: a folder operators fill with `npm install <provider>`. The `dependencies` of
   * its package.json are candidates, resolved from that package.json.
   */
  readonly pluginDir?: string;
  /** Receives one line per outcome: info for registered providers, warn for refusals. */
  readonly logger: ProviderLogger;
  /**
   * Configuration keys the host already declares. The framework's own keys are always reserved; a
   * provider declaring any of them is refused with `PROVIDER_CONFIG_KEY_CONFLICT`.
   */
  readonly reservedConfigKeys?: readonly string[];
  /** Builds the context a provider's `create()` receives. */
  createContext(definition: BackupProviderDefinition): ProviderContext;
}

/** Who declared a configuration key, for conflict messages. */
type KeyOwners = Map<string, string>;

/**
 * Finds, checks, loads and creates the backup providers installed with the server or in the plugin
 * folder, following the host algorithm of the architecture guide (§3.2): candidates, markers,
 * plugin-folder copies, duplicate names and contract compatibility are all settled before any
 * package is imported; then each package is loaded, its config keys checked and its instance created.
 *
 * @remarks
 * Never throws for a bad candidate: a provider that fails a check is not registered, the reason is
 * logged with the package name and kept in {@link ProviderRegistry.diagnostics}, and the server
 * starts with the others.
 *
 * @public
 * @since 1.0.0
 */
export async function discoverProviders(options: DiscoverProvidersOptions): Promise<ProviderRegistry> {
  const recorder = new DiscoveryRecorder(options.logger);
  const candidates = preferPluginDirCopies(await collectCandidates(options, recorder), recorder);
  const marked = withMarkers(candidates, recorder);
  const compatible = refuseDuplicateNames(marked, recorder).filter((provider) =>
    attempt(recorder, provider, () => checkContractCompatibility(provider)),
  );

  const keyOwners: KeyOwners = new Map();
  for (const key of [...FRAMEWORK_CONFIG_KEYS.map((declared) => declared.name), ...(options.reservedConfigKeys ?? [])]) {
    keyOwners.set(key, 'the server');
  }
  const registered: RegisteredProvider[] = [];
  for (const provider of compatible) {
    const created = await registerProvider(provider, options, keyOwners, recorder);
    if (created !== undefined) registered.push(created);
  }
  return new ProviderRegistry(registered, recorder.diagnostics, options.logger);
}

function withMarkers(candidates: readonly CandidatePackage[], recorder: DiscoveryRecorder): ProviderPackage[] {
  const marked: ProviderPackage[] = [];
  for (const candidate of candidates) {
    try {
      const marker = readProviderMarker(candidate);
      if (marker !== undefined) marked.push({ ...candidate, marker });
    } catch (error) {
      recorder.refuse(candidate, error);
    }
  }
  return marked;
}

/** Loads, checks keys and creates one provider; records the outcome either way. */
async function registerProvider(
  provider: ProviderPackage,
  options: DiscoverProvidersOptions,
  keyOwners: KeyOwners,
  recorder: DiscoveryRecorder,
): Promise<RegisteredProvider | undefined> {
  let definition: BackupProviderDefinition;
  try {
    definition = await loadProviderDefinition(provider);
    checkConfigKeys(provider, definition, keyOwners);
  } catch (error) {
    recorder.refuse(provider, error);
    return undefined;
  }
  let instance: BackupProvider;
  try {
    instance = await createInstance(definition, options);
  } catch (error) {
    recorder.refuse(provider, createFailed(provider, error));
    return undefined;
  }
  for (const key of definition.configKeys) {
    keyOwners.set(key.name, `provider "${definition.name}" (${describePackage(provider)})`);
  }
  const registered: RegisteredProvider = {
    name: definition.name,
    description: definition.description,
    packageName: provider.packageName,
    packageVersion: provider.packageVersion ?? '',
    source: provider.source,
    contractRange: provider.marker.contract,
    definition,
    instance,
    capabilities: resolveProviderCapabilities(instance),
  };
  recorder.registered(registered);
  return registered;
}

/**
 * Provider keys are prefixed with `backup.plugin.<name>.` and names are unique, so a clash means a
 * key the host reserves; the check still covers earlier providers so no key ever has two owners.
 */
function checkConfigKeys(
  provider: ProviderPackage,
  definition: BackupProviderDefinition,
  keyOwners: KeyOwners,
): void {
  const clashes = definition.configKeys
    .filter((key) => keyOwners.has(key.name))
    .map((key) => `"${key.name}" (already declared by ${keyOwners.get(key.name) ?? 'another provider'})`);
  if (clashes.length === 0) return;
  throw new BackupError(
    BackupErrorCodes.PROVIDER_CONFIG_KEY_CONFLICT,
    `Provider package ${describePackage(provider)} declares configuration keys that are already declared: ` +
      `${clashes.join(', ')}. The provider was not registered.`,
    { details: { packageName: provider.packageName, source: provider.source } },
  );
}

async function createInstance(
  definition: BackupProviderDefinition,
  options: DiscoverProvidersOptions,
): Promise<BackupProvider> {
  const instance: unknown = await definition.create(options.createContext(definition));
  if (!isPlainObject(instance)) {
    throw new Error(`create() returned ${instance === null ? 'null' : typeof instance} instead of a provider instance`);
  }
  return instance as unknown as BackupProvider;
}

function createFailed(provider: ProviderPackage, error: unknown): BackupError {
  return new BackupError(
    BackupErrorCodes.PROVIDER_CREATE_FAILED,
    `Provider "${provider.marker.provider}" from package ${describePackage(provider)} failed to start: ` +
      `${errorMessage(error)}. The provider was not registered.`,
    { cause: error, details: { packageName: provider.packageName, source: provider.source } },
  );
}

/** Runs a check that throws a `BackupError`; records the refusal and answers whether it passed. */
function attempt(recorder: DiscoveryRecorder, provider: ProviderPackage, check: () => void): boolean {
  try {
    check();
    return true;
  } catch (error) {
    recorder.refuse(provider, error);
    return false;
  }
}

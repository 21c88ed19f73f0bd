import { isAcceptedConfigValue, type ConfigKeyDeclaration } from '../contract/config-key';
import { type BackupProviderDefinition } from '../contract/define-backup-provider';
import { type ProviderConfig, type ProviderContext } from '../contract/provider-context';
import { type Zone } from '../domain/types';
import { FRAMEWORK_CONFIG_KEYS } from '../host/framework-config-keys';
import { InMemoryProviderStateStore } from './in-memory/in-memory-provider-state';
import { RecordingLogger } from './recording-logger';

/** What {@link createFakeProviderContext} is built from. @public */
export interface FakeProviderContextOptions {
  /** The provider's definition: its name and declared keys. */
  readonly definition?: Pick<BackupProviderDefinition, 'name' | 'configKeys'>;
  /** Or the name and keys directly. */
  readonly providerName?: string;
  readonly configKeys?: readonly ConfigKeyDeclaration[];
  /** Values set before the provider is created: global ones, and per zone id. */
  readonly values?: {
    readonly global?: Readonly<Record<string, string>>;
    readonly zones?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
  /** The clock; the real one when left out. */
  readonly now?: () => Date;
}

/**
 * A {@link ProviderContext} as the host builds it, in memory, with handles for tests.
 * @public
 * @since 1.1.0
 */
export interface FakeProviderContext extends ProviderContext {
  readonly logger: RecordingLogger;
  readonly state: InMemoryProviderStateStore;
  /** Sets a key globally, or for one zone, as `updateConfiguration` would. */
  setConfig(key: string, value: string, zone?: Pick<Zone, 'id'>): void;
}

/**
 * The context a provider's `create()` gets from the host, for provider tests: configuration
 * resolved zone → global → declared default on every call (reading an undeclared key throws, and
 * a value outside a key's declared range reads as its default, as on the server), a recording
 * logger, an in-memory state store and a clock.
 *
 * @example
 * ```ts
 * const context = createFakeProviderContext({ definition: acmeProvider, values: { global: { 'backup.plugin.acme.url': url } } });
 * const provider = await acmeProvider.create(context);
 * ```
 * @public
 * @since 1.1.0
 */
export function createFakeProviderContext(options: FakeProviderContextOptions = {}): FakeProviderContext {
  const providerName = options.definition?.name ?? options.providerName ?? 'test';
  const keys = new Map<string, ConfigKeyDeclaration>(
    [...FRAMEWORK_CONFIG_KEYS, ...(options.definition?.configKeys ?? options.configKeys ?? [])].map((key) => [
      key.name,
      key,
    ]),
  );
  const globalValues = new Map(Object.entries(options.values?.global ?? {}));
  const zoneValues = new Map<string, string>();
  for (const [zoneId, values] of Object.entries(options.values?.zones ?? {})) {
    for (const [key, value] of Object.entries(values)) zoneValues.set(`${zoneId}|${key}`, value);
  }

  const get = (key: string, zone?: Zone): Promise<string> => {
    const declaration = keys.get(key);
    if (declaration === undefined) {
      return Promise.reject(new Error(`Provider "${providerName}" did not declare configuration key "${key}"`));
    }
    const value =
      (zone === undefined || declaration.scope !== 'Zone' ? undefined : zoneValues.get(`${zone.id}|${key}`)) ??
      globalValues.get(key);
    return Promise.resolve(
      value !== undefined && isAcceptedConfigValue(declaration, value) ? value : declaration.default,
    );
  };
  const config: ProviderConfig = {
    get,
    getBoolean: async (key, zone) => (await get(key, zone)).trim().toLowerCase() === 'true',
    getNumber: async (key, zone) => {
      const value = await get(key, zone);
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) {
        throw new Error(`Configuration key "${key}" is not a number`);
      }
      return number;
    },
  };

  return {
    providerName,
    logger: new RecordingLogger(),
    config,
    state: new InMemoryProviderStateStore(),
    now: options.now ?? (() => new Date()),
    setConfig(key, value, zone) {
      if (zone === undefined) globalValues.set(key, value);
      else zoneValues.set(`${zone.id}|${key}`, value);
    },
  };
}

import { type BackupProvider } from '../contract/backup-provider';
import { BACKUP_PROVIDER_DEFINITION_TYPE } from '../contract/brand';
import { resolveProviderCapabilities } from '../contract/capabilities';
import { type BackupProviderDefinition } from '../contract/define-backup-provider';
import { type ProviderLookup, type RegisteredProvider } from '../host/provider-types';

/** A provider instance to register under a name, without discovery. @public */
export interface StaticProviderEntry {
  readonly name: string;
  /** Defaults to `<name> backup provider`. */
  readonly description?: string;
  readonly instance: BackupProvider;
}

/**
 * A {@link ProviderLookup} over instances given up front, for tests of code that uses providers
 * (the manager, the API layer) without running discovery.
 *
 * @example
 * ```ts
 * const providers = new StaticProviderLookup([{ name: 'fake', instance: new FakeProvider() }]);
 * ```
 * @public
 * @since 1.0.0
 */
export class StaticProviderLookup implements ProviderLookup {
  private readonly byName = new Map<string, RegisteredProvider>();

  constructor(entries: readonly (StaticProviderEntry | RegisteredProvider)[] = []) {
    for (const entry of entries) {
      const registered = isRegistered(entry) ? entry : toRegistered(entry);
      if (this.byName.has(registered.name)) {
        throw new Error(`Provider "${registered.name}" is given twice`);
      }
      this.byName.set(registered.name, registered);
    }
  }

  get(name: string): RegisteredProvider | undefined {
    return this.byName.get(name);
  }

  list(): readonly RegisteredProvider[] {
    return [...this.byName.values()];
  }
}

function isRegistered(
  entry: StaticProviderEntry | RegisteredProvider,
): entry is RegisteredProvider {
  return 'definition' in entry;
}

function toRegistered(entry: StaticProviderEntry): RegisteredProvider {
  const description = entry.description ?? `${entry.name} backup provider`;
  const definition: BackupProviderDefinition = Object.freeze({
    $$type: BACKUP_PROVIDER_DEFINITION_TYPE,
    name: entry.name,
    description,
    configKeys: [],
    create: () => entry.instance,
  });
  return {
    name: entry.name,
    description,
    packageName: `static-provider-${entry.name}`,
    packageVersion: '0.0.0',
    source: 'dependency',
    contractRange: '^1.0.0',
    definition,
    instance: entry.instance,
    capabilities: resolveProviderCapabilities(entry.instance),
  };
}

import { type ConfigurationStore } from '../../host/ports';

/** The framework keys' declared defaults (spec §4). */
const FRAMEWORK_DEFAULTS: Readonly<Record<string, string>> = {
  'backup.framework.enabled': 'false',
  'backup.framework.provider.plugin': 'dummy',
  'backup.framework.sync.interval': '300',
};

/**
 * Configuration values: zone value → global value → declared default, as the server resolves them.
 * @public
 * @since 1.0.0
 */
export class InMemoryConfigurationStore implements ConfigurationStore {
  private readonly globalValues = new Map<string, string>();
  private readonly zoneValues = new Map<string, Map<string, string>>();
  private readonly defaults: Map<string, string>;

  /** @param defaults - declared defaults, on top of the framework keys' own. */
  constructor(defaults: Readonly<Record<string, string>> = {}) {
    this.defaults = new Map(Object.entries({ ...FRAMEWORK_DEFAULTS, ...defaults }));
  }

  getValue(name: string, zoneId?: string): Promise<string | undefined> {
    const zoneValue = zoneId === undefined ? undefined : this.zoneValues.get(zoneId)?.get(name);
    return Promise.resolve(zoneValue ?? this.globalValues.get(name) ?? this.defaults.get(name));
  }

  /** Sets the global value, or the zone's value when `zoneId` is given. */
  set(name: string, value: string, zoneId?: string): void {
    if (zoneId === undefined) {
      this.globalValues.set(name, value);
      return;
    }
    let values = this.zoneValues.get(zoneId);
    if (values === undefined) {
      values = new Map();
      this.zoneValues.set(zoneId, values);
    }
    values.set(name, value);
  }

  /** Removes the global value, or the zone's value when `zoneId` is given. */
  unset(name: string, zoneId?: string): void {
    if (zoneId === undefined) this.globalValues.delete(name);
    else this.zoneValues.get(zoneId)?.delete(name);
  }
}

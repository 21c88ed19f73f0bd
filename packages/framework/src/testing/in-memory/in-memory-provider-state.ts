import { type ProviderStateStore } from '../../contract/provider-state';
import { type Zone } from '../../domain/types';

/**
 * A {@link ProviderStateStore} in memory, for provider tests: what the host keeps in its database.
 * @public
 */
export class InMemoryProviderStateStore implements ProviderStateStore {
  private readonly values = new Map<string, string>();

  get(key: string, zone?: Zone): Promise<string | undefined> {
    return Promise.resolve(this.values.get(scopedKey(key, zone)));
  }

  set(key: string, value: string, zone?: Zone): Promise<void> {
    this.values.set(scopedKey(key, zone), value);
    return Promise.resolve();
  }

  delete(key: string, zone?: Zone): Promise<void> {
    this.values.delete(scopedKey(key, zone));
    return Promise.resolve();
  }

  /** Every stored entry, keyed `zoneId|key` (`|key` without a zone), for assertions. */
  entries(): ReadonlyMap<string, string> {
    return new Map(this.values);
  }
}

function scopedKey(key: string, zone: Zone | undefined): string {
  return `${zone?.id ?? ''}|${key}`;
}

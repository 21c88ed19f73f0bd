import { type ProviderContext, type VirtualMachine, type Zone } from '@csbr/framework';
import { InMemoryProviderStateStore } from '@csbr/framework/testing';

import { dummyConfigKeys } from '../../src/dummy-config-keys';

export interface LoggedLine {
  readonly level: 'debug' | 'info' | 'warn' | 'error';
  readonly message: string;
  readonly meta?: Record<string, unknown>;
}

export interface TestProviderContext extends ProviderContext {
  /** Sets a key globally, or for one zone when `zone` is given. */
  setConfig(key: string, value: string, zone?: Zone): void;
  readonly lines: LoggedLine[];
}

export const FIXED_NOW = new Date('2020-03-04T10:23:45.000Z');

/**
 * A ProviderContext the way the host resolves config (zone → global → declared default), over
 * plain maps, with a recording logger and a fixed clock.
 */
export function createTestProviderContext(
  now: () => Date = () => new Date(FIXED_NOW),
): TestProviderContext {
  const defaults = new Map(dummyConfigKeys.map((key) => [key.name, key.default]));
  const globalValues = new Map<string, string>();
  const zoneValues = new Map<string, string>();
  const lines: LoggedLine[] = [];

  const get = (key: string, zone?: Zone): Promise<string> => {
    const value =
      (zone === undefined ? undefined : zoneValues.get(`${zone.id}/${key}`)) ??
      globalValues.get(key) ??
      defaults.get(key);
    if (value === undefined) return Promise.reject(new Error(`undeclared config key ${key}`));
    return Promise.resolve(value);
  };
  const log =
    (level: LoggedLine['level']) =>
    (message: string, meta?: Record<string, unknown>): void => {
      lines.push({ level, message, meta });
    };

  return {
    providerName: 'dummy',
    logger: { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') },
    config: {
      get,
      getBoolean: async (key, zone) => (await get(key, zone)) === 'true',
      getNumber: async (key, zone) => Number(await get(key, zone)),
    },
    state: new InMemoryProviderStateStore(),
    now,
    lines,
    setConfig(key, value, zone) {
      if (zone === undefined) globalValues.set(key, value);
      else zoneValues.set(`${zone.id}/${key}`, value);
    },
  };
}

export const zoneOne: Zone = { id: '1', uuid: 'zone-uuid-1', name: 'Zone 1' };
export const zoneTwo: Zone = { id: '2', uuid: 'zone-uuid-2', name: 'Zone 2' };

export function testVm(uuid: string, zone: Zone = zoneOne): VirtualMachine {
  return {
    id: uuid.replace(/\D/g, '') || '1',
    uuid,
    name: `vm-${uuid}`,
    instanceName: `i-2-${uuid}-VM`,
    state: 'Stopped',
    zoneId: zone.id,
    accountId: '2',
    domainId: '1',
    hypervisorType: 'Simulator',
  };
}

import { type ProviderContext } from '@csbr/framework';

import { DummyBackupProvider } from './dummy-backup-provider';
import { type DummyProviderOptions } from './dummy-provider-options';
import { FaultInjectingDummyProvider } from './fault-injecting-dummy-provider';

/**
 * Creates the dummy provider with its test hooks. Without options, and with the zone keys at their
 * defaults, it behaves exactly as CloudStack's dummy plugin.
 *
 * @example
 * ```ts
 * const provider = createDummyBackupProvider(context, {
 *   latencyMs: 5,
 *   failures: { takeBackup: { code: 'UPSTREAM_UNAVAILABLE', times: 1 } },
 * });
 * ```
 * @throws RangeError or TypeError when an option is invalid.
 * @public
 */
export function createDummyBackupProvider(
  context: ProviderContext,
  options: DummyProviderOptions = {},
): FaultInjectingDummyProvider {
  return new FaultInjectingDummyProvider(new DummyBackupProvider(context), context, options);
}

import { Logger } from '@nestjs/common';
import {
  type BackupProviderDefinition,
  type ProviderContext,
  type ProviderStateStore,
} from '@csbr/framework';

import { type ConfigurationService } from '../configuration/configuration.service';
import { createProviderConfig } from '../configuration/provider-config';
import { createProviderLogger } from '../logging/nest-provider-logger';

/**
 * The context a provider's `create()` receives: its logger, its configuration, its state store
 * (made for it by `stateOf`) and the clock.
 */
export function createProviderContext(
  definition: BackupProviderDefinition,
  configuration: Pick<ConfigurationService, 'getValue'>,
  stateOf: (providerName: string) => ProviderStateStore,
  now: () => Date = () => new Date(),
): ProviderContext {
  return {
    providerName: definition.name,
    logger: createProviderLogger(new Logger(`Provider:${definition.name}`), { provider: definition.name }),
    config: createProviderConfig(configuration, definition),
    state: stateOf(definition.name),
    now,
  };
}

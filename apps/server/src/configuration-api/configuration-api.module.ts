import { Module } from '@nestjs/common';

import { ConfigurationCommandsRegistrar } from './configuration-commands.registrar';

/**
 * `listConfigurations` and `updateConfiguration` over the configuration service. Needs, globally,
 * `ConfigurationService` (`ConfigurationModule`) and the API layer's `CommandRegistry`.
 */
@Module({ providers: [ConfigurationCommandsRegistrar] })
export class ConfigurationApiModule {}

import { Global, Module } from '@nestjs/common';

import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { ConfigKeyRegistry } from './config-key-registry';
import { ConfigurationSeeder } from './configuration-seeder';
import { ConfigurationService } from './configuration.service';
import { CONFIGURATION_STORE } from './configuration-store.token';
import { SecretCipher } from './secret-cipher';

/**
 * The configuration registry and store. Global so the API layer and the jobs can inject
 * `ConfigurationService` (or the framework port through `CONFIGURATION_STORE`) and `SecretCipher`.
 */
@Global()
@Module({
  providers: [
    ConfigKeyRegistry,
    {
      provide: SecretCipher,
      inject: [SERVER_CONFIG],
      useFactory: (config: ServerConfig) => new SecretCipher(config.encryptionKey),
    },
    ConfigurationService,
    { provide: CONFIGURATION_STORE, useExisting: ConfigurationService },
    ConfigurationSeeder,
  ],
  exports: [ConfigKeyRegistry, SecretCipher, ConfigurationService, CONFIGURATION_STORE, ConfigurationSeeder],
})
export class ConfigurationModule {}

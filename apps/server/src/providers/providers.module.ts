import { Global, Inject, Injectable, Logger, Module, type OnApplicationShutdown } from '@nestjs/common';
import { discoverProviders, type ProviderRegistry } from '@csbr/framework/host';

import { DataSource } from 'typeorm';

import { SystemClock } from '../clock/system-clock';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { ConfigKeyRegistry } from '../configuration/config-key-registry';
import { ConfigurationService } from '../configuration/configuration.service';
import { SecretCipher } from '../configuration/secret-cipher';
import { TypeOrmProviderStateStore } from '../persistence/typeorm-provider-state-store';
import { createProviderLogger } from '../logging/nest-provider-logger';
import { createProviderContext } from './create-provider-context';
import { findHostPackageJson } from './host-package-json';
import { PROVIDER_REGISTRY } from './provider-registry.token';

/**
 * Discovers providers once at boot (Nest awaits the factory, so discovery finishes before any
 * request) and registers their configuration keys. Disposes them at shutdown.
 */
async function createRegistry(
  config: ServerConfig,
  keys: ConfigKeyRegistry,
  configuration: ConfigurationService,
  dataSource: DataSource,
  cipher: SecretCipher,
): Promise<ProviderRegistry> {
  const clock = new SystemClock();
  const stateOf = (name: string) => new TypeOrmProviderStateStore(dataSource, cipher, clock, name);
  const registry = await discoverProviders({
    hostPackageJsonPath: findHostPackageJson(),
    ...(config.pluginDir === undefined ? {} : { pluginDir: config.pluginDir }),
    logger: createProviderLogger(new Logger('ProviderDiscovery')),
    reservedConfigKeys: ConfigKeyRegistry.frameworkKeyNames(),
    createContext: (definition) => createProviderContext(definition, configuration, stateOf),
  });
  for (const provider of registry.list()) keys.register(provider.name, provider.definition.configKeys);
  return registry;
}

/** Calls every provider's `dispose()` when the application shuts down. */
@Injectable()
class ProviderShutdown implements OnApplicationShutdown {
  constructor(@Inject(PROVIDER_REGISTRY) private readonly registry: ProviderRegistry) {}

  async onApplicationShutdown(): Promise<void> {
    await this.registry.disposeAll();
  }
}

@Global()
@Module({
  providers: [
    {
      provide: PROVIDER_REGISTRY,
      inject: [SERVER_CONFIG, ConfigKeyRegistry, ConfigurationService, DataSource, SecretCipher],
      useFactory: createRegistry,
    },
    ProviderShutdown,
  ],
  exports: [PROVIDER_REGISTRY],
})
export class ProvidersModule {}

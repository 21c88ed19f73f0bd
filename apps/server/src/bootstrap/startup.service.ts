import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type ProviderRegistry } from '@csbr/framework/host';

import { ConfigurationSeeder } from '../configuration/configuration-seeder';
import { PROVIDER_REGISTRY } from '../providers/provider-registry.token';
import { InitialDataService } from './initial-data.service';

/**
 * Runs once the database is migrated and providers are discovered (both are injected, so Nest
 * resolves them first), before any `onApplicationBootstrap` hook and before the server listens:
 * seeds the configuration keys, then the initial domain, accounts and users.
 */
@Injectable()
export class StartupService implements OnModuleInit {
  readonly #logger = new Logger(StartupService.name);

  constructor(
    private readonly seeder: ConfigurationSeeder,
    private readonly initialData: InitialDataService,
    @Inject(PROVIDER_REGISTRY) private readonly registry: ProviderRegistry,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.seeder.seed();
    await this.initialData.ensure();
    const names = this.registry.list().map((provider) => provider.name);
    this.#logger.log(`Backup providers: ${names.length === 0 ? 'none' : names.join(', ')}`);
  }
}

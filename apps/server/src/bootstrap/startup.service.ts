import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { type ProviderRegistry } from '@csbr/framework/host';

import { DataSource } from 'typeorm';

import { ConfigurationSeeder } from '../configuration/configuration-seeder';
import { withBootLock } from '../database/boot-lock';
import { PROVIDER_REGISTRY } from '../providers/provider-registry.token';
import { InitialDataService } from './initial-data.service';

/**
 * Runs once the database is migrated and providers are discovered (both are injected, so Nest
 * resolves them first), before any `onApplicationBootstrap` hook and before the server listens:
 * seeds the configuration keys, then the initial domain, accounts and users, under the boot lock.
 */
@Injectable()
export class StartupService implements OnModuleInit {
  readonly #logger = new Logger(StartupService.name);

  constructor(
    private readonly seeder: ConfigurationSeeder,
    private readonly initialData: InitialDataService,
    @Inject(PROVIDER_REGISTRY) private readonly registry: ProviderRegistry,
    private readonly dataSource: DataSource,
  ) {}

  async onModuleInit(): Promise<void> {
    // Instances starting together on one database take turns: only the first creates the data.
    await withBootLock(this.dataSource, async () => {
      await this.seeder.seed();
      await this.initialData.ensure();
    });
    const names = this.registry.list().map((provider) => provider.name);
    this.#logger.log(`Backup providers: ${names.length === 0 ? 'none' : names.join(', ')}`);
  }
}

import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ConfigurationEntity } from '../database/entities/configuration.entity';
import { ConfigKeyRegistry } from './config-key-registry';
import { rowFor } from './configuration.service';
import { SecretCipher } from './secret-cipher';

/**
 * Writes one `configuration` row per declared key. A missing row is inserted with the default as
 * its value. An existing row gets the declaration's category, component, description, default
 * and scope, but its value (the operator's) is never touched.
 */
@Injectable()
export class ConfigurationSeeder {
  readonly #logger = new Logger(ConfigurationSeeder.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ConfigKeyRegistry,
    private readonly cipher: SecretCipher,
  ) {}

  async seed(): Promise<void> {
    const repository = this.dataSource.getRepository(ConfigurationEntity);
    const existing = new Set((await repository.find({ select: { name: true } })).map((row) => row.name));
    let inserted = 0;
    for (const key of this.registry.list()) {
      const row = rowFor(key, this.cipher);
      if (!existing.has(row.name)) {
        // INSERT IGNORE / INSERT OR IGNORE: several server instances may start at once.
        await repository.createQueryBuilder().insert().values(row).orIgnore().execute();
        inserted += 1;
      }
      await repository.update(
        { name: row.name },
        {
          category: row.category,
          component: row.component,
          description: row.description,
          defaultValue: row.defaultValue,
          scope: row.scope,
          isDynamic: row.isDynamic,
        },
      );
    }
    this.#logger.log(`Configuration keys: ${this.registry.list().length} declared, ${inserted} added`);
  }
}


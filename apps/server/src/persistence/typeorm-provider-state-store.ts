import { type ProviderStateStore, type Zone } from '@csbr/framework';
import { type DataSource } from 'typeorm';

import { type SecretCipher } from '../configuration/secret-cipher';import { type Clock } from '@csbr/framework/host';

import { BackupProviderStateEntity } from '../database/entities';
import { runInTransaction } from './run-in-transaction';

/** Values belong to no zone when stored under zone id 0. */
const NO_ZONE = '0';
/** `text` holds 64 KiB; the encrypted form is about a third larger than the value. */
const MAX_VALUE_LENGTH = 48 * 1024;

/**
 * One provider's `ProviderStateStore` over `backup_provider_state`: shared by every server
 * instance, values encrypted at rest (providers keep tokens here). Single statements, never a
 * transaction, so a provider call that uses it holds no connection between them.
 */
export class TypeOrmProviderStateStore implements ProviderStateStore {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
    private readonly clock: Clock,
    private readonly provider: string,
  ) {}

  async get(key: string, zone?: Zone): Promise<string | undefined> {
    const row = await this.dataSource.manager.findOneBy(BackupProviderStateEntity, {
      provider: this.provider,
      zoneId: zone?.id ?? NO_ZONE,
      name: key,
    });
    return row === null ? undefined : this.cipher.decrypt(row.value);
  }

  async set(key: string, value: string, zone?: Zone): Promise<void> {
    if (value.length > MAX_VALUE_LENGTH) {
      throw new RangeError(`Provider state values are limited to ${MAX_VALUE_LENGTH} characters`);
    }
    const row = {
      provider: this.provider,
      zoneId: zone?.id ?? NO_ZONE,
      name: key,
      value: this.cipher.encrypt(value),
      updated: this.clock.now(),
    };
    await runInTransaction(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .insert()
        .into(BackupProviderStateEntity)
        .values(row)
        .orUpdate(['value', 'updated'], ['provider', 'zone_id', 'name'])
        .updateEntity(false)
        .execute(),
    );
  }

  async delete(key: string, zone?: Zone): Promise<void> {
    await runInTransaction(this.dataSource, (manager) =>
      manager.delete(BackupProviderStateEntity, {
        provider: this.provider,
        zoneId: zone?.id ?? NO_ZONE,
        name: key,
      }),
    );
  }
}

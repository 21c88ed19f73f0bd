import { Injectable, Logger } from '@nestjs/common';
import {
  BackupError,
  BackupErrorCodes,
  type ConfigKeyDeclaration,
  isAcceptedConfigValue,
  isValidConfigValue,
} from '@csbr/framework';
import { type ConfigurationStore } from '@csbr/framework/host';
import { DataSource, type Repository } from 'typeorm';

import { ConfigurationEntity } from '../database/entities/configuration.entity';
import { DataCenterDetailEntity } from '../database/entities/data-center-detail.entity';
import { DataCenterEntity } from '../database/entities/data-center.entity';
import { ConfigKeyRegistry, type RegisteredConfigKey } from './config-key-registry';
import {
  type ConfigurationEntry,
  type ConfigurationQuery,
  MASKED_VALUE,
} from './configuration-entry';
import {
  invalidScopeMessage,
  invalidValueMessage,
  outOfRangeMessage,
  unknownKeyMessage,
  unknownZoneMessage,
} from './configuration-messages';
import { readGlobalConfiguration, readStoredValue, readZoneConfiguration } from './configuration-rows';
import {
  configurationSnapshot,
  forgetConfigurationSnapshot,
  type GlobalRow,
  type StoredValue,
} from './configuration-snapshot';
import { SecretCipher } from './secret-cipher';
import { runInTransaction } from '../persistence/run-in-transaction';

export const SECURE_CATEGORY = 'Secure';

/**
 * CloudStack's configuration: global values in `configuration`, zone values in
 * `data_center_details`. Read on every call, so a change applies at once; within a configuration
 * snapshot (`withConfigurationSnapshot`: an async job, a sync pass) each zone's configuration is
 * read once, at the first read of that zone, and seen as it was then.
 *
 * Values returned by {@link getValue} are in clear, secure ones included: they are for the
 * server's own use and for providers (through `ProviderContext.config`). API responses use
 * {@link list}, which masks secure values.
 */
@Injectable()
export class ConfigurationService implements ConfigurationStore {
  readonly #logger = new Logger(ConfigurationService.name);
  /** Stored values already warned about, so a bad row is reported once, not at every read. */
  readonly #warnedValues = new Set<string>();
  #changes = 0;
  readonly #configuration: Repository<ConfigurationEntity>;
  readonly #zones: Repository<DataCenterEntity>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registry: ConfigKeyRegistry,
    private readonly cipher: SecretCipher,
  ) {
    this.#configuration = dataSource.getRepository(ConfigurationEntity);
    this.#zones = dataSource.getRepository(DataCenterEntity);
  }

  /**
   * The value that applies: the zone's row (zone-scoped keys, when `zoneId` is given), else the
   * global value, else the declared default. `undefined` for a key nobody declared or stored.
   *
   * A stored numeric value its declaration does not accept (outside `min`..`max`, or not a number:
   * a row edited by hand, or written before the range existed) is skipped with a warning, so that
   * no reader ever gets, say, a sync interval that overflows a timer.
   */
  async getValue(name: string, zoneId?: string): Promise<string | undefined> {
    const key = this.registry.get(name);
    const { row, zoneValue } = await this.#read(name, zoneId);
    // Read only when needed: a zone value wins without decrypting the global one.
    const global = (): string | undefined => this.#globalValue(key, row);
    if (zoneId !== undefined && this.#scopeOf(key, row) === 'Zone' && zoneValue !== null) {
      const value = this.cipher.decrypt(zoneValue);
      if (this.#usable(key, value, zoneId, global)) return value;
    }
    return global();
  }

  /**
   * The key's global row and, with `zoneId`, its zone value: from the current configuration
   * snapshot (its zone's configuration read in one statement at the first read), else one
   * statement of its own. A key without a `configuration` row is read on its own, once per snapshot.
   */
  async #read(name: string, zoneId: string | undefined): Promise<StoredValue> {
    const snapshot = await configurationSnapshot(zoneId, () =>
      zoneId === undefined ? readGlobalConfiguration(this.dataSource) : readZoneConfiguration(this.dataSource, zoneId),
    );
    if (snapshot === undefined) return readStoredValue(this.dataSource, name, zoneId);
    const known = snapshot.values.get(name);
    if (known !== undefined) return known;
    const read: StoredValue =
      zoneId === undefined ? { row: null, zoneValue: null } : await readStoredValue(this.dataSource, name, zoneId);
    snapshot.values.set(name, read);
    return read;
  }

  #globalValue(key: RegisteredConfigKey | undefined, row: GlobalRow | null): string | undefined {
    const fallback = key?.declaration.default ?? row?.default_value ?? undefined;
    if (row?.value === null || row?.value === undefined) return fallback;
    const value = this.cipher.decrypt(row.value);
    return this.#usable(key, value, undefined, () => fallback) ? value : fallback;
  }

  /** Whether a stored value may be used; warns once about one that may not, naming what applies instead. */
  #usable(
    key: RegisteredConfigKey | undefined,
    value: string,
    zoneId: string | undefined,
    instead: () => string | undefined,
  ): boolean {
    if (key === undefined || !isNumeric(key.declaration) || isAcceptedConfigValue(key.declaration, value.trim())) {
      return true;
    }
    const { name, type, min, max } = key.declaration;
    const where = zoneId === undefined ? '' : ` in zone ${zoneId}`;
    if (!this.#warnedValues.has(`${name}${where}=${value}`)) {
      this.#warnedValues.add(`${name}${where}=${value}`);
      const problem = isValidConfigValue(type, value.trim())
        ? `it is outside ${min ?? '…'}..${max ?? '…'}`
        : `it is not a valid ${type}`;
      this.#logger.warn(`Ignoring the stored value ${value} of ${name}${where}: ${problem}; using ${instead() ?? 'nothing'}`);
    }
    return false;
  }

  /**
   * Sets a key's global value, or its value for one zone. Validates the declared type and scope
   * (a Global key cannot be set per zone); secure values are stored encrypted. Returns the entry
   * as `list` would show it. Throws `BackupError(INVALID_PARAMETER)` with CloudStack's message.
   */
  /**
   * How many values this instance has set so far: a reader that keeps a value for a moment (the
   * replay guard, read on every signed request) reads again as soon as this changes.
   */
  get changes(): number {
    return this.#changes;
  }

  async setValue(name: string, value: string, zoneId?: string): Promise<ConfigurationEntry> {
    forgetConfigurationSnapshot();
    const key = this.registry.get(name);
    if (key === undefined) throw invalidParameter(unknownKeyMessage(name));
    const { declaration } = key;
    if (zoneId !== undefined && declaration.scope !== 'Zone')
      throw invalidParameter(invalidScopeMessage(name));
    if (!isValidConfigValue(declaration.type, value)) {
      throw invalidParameter(invalidValueMessage(name, declaration.type));
    }
    if (!isAcceptedConfigValue(declaration, value)) {
      throw invalidParameter(outOfRangeMessage(name, declaration.min, declaration.max));
    }
    const stored = declaration.secure === true ? this.cipher.encrypt(value) : value;

    if (zoneId !== undefined) {
      if (!(await this.#zones.existsBy({ id: zoneId }))) {
        throw new BackupError(BackupErrorCodes.INVALID_PARAMETER, unknownZoneMessage(zoneId));
      }
      await runInTransaction(this.dataSource, async (manager) => {
        await manager.upsert(
          DataCenterDetailEntity,
          { dcId: zoneId, name, value: stored, display: true },
          ['dcId', 'name'],
        );
      });
    } else {
      await runInTransaction(this.dataSource, async (manager) => {
        const updated = await manager.update(
          ConfigurationEntity,
          { name },
          { value: stored, updated: new Date() },
        );
        if (updated.affected === 0) {
          await manager.insert(ConfigurationEntity, {
            ...rowFor(key, this.cipher),
            value: stored,
            updated: new Date(),
          });
        }
      });
    }
    this.#changes += 1;
    const [entry] = await this.list({ name, ...(zoneId === undefined ? {} : { zoneId }) });
    if (entry === undefined) throw new Error(`Configuration ${name} disappeared after update`);
    return entry;
  }

  /**
   * Configuration entries, ordered by name, with secure values masked. Without `zoneId`: every
   * row of `configuration` (global values). With `zoneId`: zone-scoped keys only, with the value
   * that applies in that zone.
   */
  async list(query: ConfigurationQuery = {}): Promise<ConfigurationEntry[]> {
    const rows = await this.#configuration.find({
      where: query.name === undefined ? {} : { name: query.name },
      order: { name: 'ASC' },
    });
    const keyword = query.keyword?.toLowerCase();
    const matching = rows.filter(
      (row) => keyword === undefined || row.name.toLowerCase().includes(keyword),
    );
    const entries: ConfigurationEntry[] = [];
    for (const row of matching) {
      const key = this.registry.get(row.name);
      const scope = this.#scopeOf(key, row);
      if (query.zoneId !== undefined && scope !== 'Zone') continue;
      const secure = key?.declaration.secure === true || row.category === SECURE_CATEGORY;
      entries.push({
        name: row.name,
        category: row.category,
        component: row.component,
        value: secure
          ? await this.#maskedValue(row.name, query.zoneId)
          : await this.getValue(row.name, query.zoneId),
        defaultValue: key?.declaration.default ?? row.defaultValue ?? undefined,
        description: key?.declaration.description ?? row.description ?? undefined,
        scope,
        isDynamic: row.isDynamic,
        secure,
        ...(query.zoneId === undefined ? {} : { zoneId: query.zoneId }),
      });
    }
    return entries;
  }

  /** `********` for a secure key that has a value, empty when it has none. */
  async #maskedValue(name: string, zoneId: string | undefined): Promise<string | undefined> {
    try {
      const value = await this.getValue(name, zoneId);
      return value === undefined || value === '' ? value : MASKED_VALUE;
    } catch {
      // Encrypted with another key: there is a value, and it stays hidden.
      return MASKED_VALUE;
    }
  }

  #scopeOf(
    key: RegisteredConfigKey | undefined,
    row: { readonly scope: string | null } | null,
  ): 'Global' | 'Zone' | undefined {
    if (key !== undefined) return key.declaration.scope;
    if (row?.scope === 'Zone' || row?.scope === 'Global') return row.scope;
    return undefined;
  }
}

/** The `configuration` row a declared key gets when first seen. */
export function rowFor(key: RegisteredConfigKey, cipher: SecretCipher): ConfigurationEntity {
  const { declaration } = key;
  const secure = declaration.secure === true;
  const row = new ConfigurationEntity();
  row.category = secure ? SECURE_CATEGORY : 'Advanced';
  row.instance = 'DEFAULT';
  row.component = key.component;
  row.name = declaration.name;
  // An empty default stays empty: nothing to hide, and the row shows the key is not set.
  row.value =
    secure && declaration.default !== ''
      ? cipher.encrypt(declaration.default)
      : declaration.default;
  row.description = declaration.description;
  row.defaultValue = declaration.default;
  row.updated = null;
  row.scope = declaration.scope;
  row.isDynamic = declaration.dynamic ?? true;
  return row;
}

function isNumeric(declaration: ConfigKeyDeclaration): boolean {
  return declaration.type === 'Integer' || declaration.type === 'Long' || declaration.type === 'Float';
}

function invalidParameter(message: string): BackupError {
  return new BackupError(BackupErrorCodes.INVALID_PARAMETER, message);
}

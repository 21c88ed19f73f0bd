import { type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { isBackupError, type ProviderLogger } from '@csbr/framework';
import { type BackupManager, type Caller, type Repositories } from '@csbr/framework/host';

import { type ConfigurationService } from '../configuration/configuration.service';

/** One zone's provider at its last check. */
export interface ZoneProviderCheck {
  /** The zone's uuid. */
  readonly zone: string;
  /** The provider's name (`backup.framework.provider.plugin`); empty when unset. */
  readonly provider: string;
  readonly reachable: boolean;
  readonly checkedAt: string;
  /** Only a class of failure (a `BackupError` code), never the provider's text, which may carry hosts or users. */
  readonly error?: string;
}

/** The system account, as recovery uses it: the check acts for nobody. */
const SYSTEM_CALLER: Caller = {
  userId: '1',
  accountId: '1',
  accountName: 'system',
  domainId: '1',
  domainPath: '/',
  roleType: 'Admin',
};

/**
 * Asks each enabled zone's provider for its policy catalogue (`listPolicies`, cheap and read-only)
 * every `CSBR_PROVIDER_CHECK_INTERVAL_SECONDS`, bounded by `CSBR_PROVIDER_CHECK_TIMEOUT_SECONDS`,
 * and keeps the answer for readiness. Every instance checks for itself: readiness is per instance.
 * Zones with the framework off are not checked.
 */
export class ProviderChecker implements OnApplicationBootstrap, OnModuleDestroy {
  #results = new Map<string, ZoneProviderCheck>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<void> | undefined;

  constructor(
    private readonly manager: BackupManager,
    private readonly repositories: Repositories,
    private readonly configuration: ConfigurationService,
    private readonly logger: ProviderLogger,
    private readonly intervalMs: number,
    private readonly timeoutMs: number,
  ) {}

  onApplicationBootstrap(): void {
    if (this.intervalMs <= 0) return;
    void this.checkNow();
    this.#timer = setInterval(() => void this.checkNow(), this.intervalMs);
    this.#timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    if (this.#timer !== undefined) clearInterval(this.#timer);
    await this.#running;
  }

  /** The last check of every enabled zone, by zone uuid order. */
  results(): readonly ZoneProviderCheck[] {
    return [...this.#results.values()].sort((a, b) => a.zone.localeCompare(b.zone));
  }

  /** Checks every zone now (joins a check in progress). */
  checkNow(): Promise<void> {
    this.#running ??= this.#checkAll().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #checkAll(): Promise<void> {
    try {
      const results = new Map<string, ZoneProviderCheck>();
      for (const zone of await this.repositories.zones.listActive()) {
        const enabled = (await this.configuration.getValue('backup.framework.enabled', zone.id))?.trim().toLowerCase();
        if (enabled !== 'true') continue;
        const provider = (await this.configuration.getValue('backup.framework.provider.plugin', zone.id))?.trim() ?? '';
        results.set(zone.uuid, await this.#check(zone.id, zone.uuid, provider));
      }
      this.#results = results;
    } catch (error) {
      // The database is away: readiness reports that through its own check; keep the last results.
      this.logger.warn('Provider check could not list zones', { error: error instanceof Error ? error.message : String(error) });
    }
  }

  async #check(zoneId: string, zoneUuid: string, provider: string): Promise<ZoneProviderCheck> {
    const checkedAt = new Date().toISOString();
    try {
      await this.manager.listExternalPolicies(SYSTEM_CALLER, zoneId, { signal: AbortSignal.timeout(this.timeoutMs) });
      return { zone: zoneUuid, provider, reachable: true, checkedAt };
    } catch (error) {
      const code = isBackupError(error) ? error.code : 'OPERATION_FAILED';
      this.logger.warn('Backup provider unreachable', { zone: zoneUuid, provider, error: code });
      return { zone: zoneUuid, provider, reachable: false, checkedAt, error: code };
    }
  }
}

import { type Zone } from '../../domain/types';
import { BackupError } from '../../errors/backup-error';
import { type Repositories } from '../ports';
import { type ProviderLookup, type RegisteredProvider } from '../provider-types';
import { BACKUP_FRAMEWORK_ENABLED, BACKUP_FRAMEWORK_PROVIDER_PLUGIN } from '../framework-config-keys';
import { Messages } from './messages';

/**
 * The zone rules every zone-scoped operation starts with: the framework must be enabled for the
 * zone, and the zone's provider is the registered one its configuration names. Values are read on
 * every call, so `updateConfiguration` applies at once.
 */
export class ZoneGate {
  constructor(
    private readonly repositories: Repositories,
    private readonly providers: ProviderLookup,
  ) {}

  /** Whether `backup.framework.enabled` (zone value, falling back to global) is true. */
  async isEnabled(zoneId: string): Promise<boolean> {
    const value = await this.repositories.config.getValue(BACKUP_FRAMEWORK_ENABLED, zoneId);
    return value?.trim().toLowerCase() === 'true';
  }

  /** The zone, or `ZONE_DISABLED` when the framework is off there. */
  async requireEnabledZone(zoneId: string): Promise<Zone> {
    if (zoneId === '' || !(await this.isEnabled(zoneId))) {
      throw new BackupError('ZONE_DISABLED', Messages.zoneDisabled);
    }
    const zone = await this.repositories.zones.findById(zoneId);
    if (zone === undefined) throw new BackupError('INVALID_PARAMETER', Messages.invalidZone);
    return zone;
  }

  /** The zone's provider, or the error CloudStack reports when it is unset or unknown. */
  async requireProvider(zone: Zone): Promise<RegisteredProvider> {
    const name = await this.providerNameOf(zone);
    if (name === '') throw new BackupError('INVALID_PARAMETER', Messages.invalidProviderName);
    const provider = this.providers.get(name);
    if (provider === undefined) {
      throw new BackupError('PROVIDER_NOT_FOUND', Messages.providerNotFound(name));
    }
    return provider;
  }

  /** The zone's provider, or undefined when it is unset or unknown (the sync task skips the zone). */
  async findProvider(zone: Zone): Promise<RegisteredProvider | undefined> {
    const name = await this.providerNameOf(zone);
    return name === '' ? undefined : this.providers.get(name);
  }

  private async providerNameOf(zone: Zone): Promise<string> {
    const value = await this.repositories.config.getValue(BACKUP_FRAMEWORK_PROVIDER_PLUGIN, zone.id);
    return value?.trim() ?? '';
  }
}

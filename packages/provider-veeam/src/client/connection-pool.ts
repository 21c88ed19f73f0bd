import { createHash } from 'node:crypto';

import { type ProviderCallOptions, type ProviderContext, type Zone } from '@csbr/framework';

import { readZoneSettings, type ZoneSettings } from '../config/zone-settings';
import { abortedError } from '../http/veeam-errors';
import { VeeamApi } from './veeam-api';
import { VeeamConnection } from './veeam-connection';

/**
 * One connection per zone, rebuilt when the zone's settings change (`updateConfiguration` applies
 * at the next call), closed at dispose.
 */
export class ConnectionPool {
  private readonly byZone = new Map<string, { readonly key: string; readonly connection: VeeamConnection }>();
  /** Connections replaced by newer settings: calls still polling through them finish first. */
  private readonly retired: VeeamConnection[] = [];

  constructor(private readonly context: ProviderContext) {}

  /** The zone's API for one call, logged in and with its profile pinned. */
  async api(zone: Zone, options: ProviderCallOptions): Promise<VeeamApi> {
    if (options.signal?.aborted === true) throw abortedError(options.signal);
    const connection = await this.connection(zone);
    const profile = await connection.profile(options.signal);
    return new VeeamApi(connection, profile, options);
  }

  async closeAll(): Promise<void> {
    const connections = [...this.byZone.values()].map((entry) => entry.connection);
    connections.push(...this.retired.splice(0));
    this.byZone.clear();
    await Promise.all(connections.map((connection) => connection.close()));
  }

  private async connection(zone: Zone): Promise<VeeamConnection> {
    const settings = await readZoneSettings(this.context.config, zone);
    const key = settingsKey(settings);
    const current = this.byZone.get(zone.id);
    if (current?.key === key) return current.connection;
    const connection = new VeeamConnection({
      zone,
      settings,
      state: this.context.state,
      logger: this.context.logger,
      now: () => this.context.now(),
    });
    this.byZone.set(zone.id, { key, connection });
    if (current !== undefined) this.retired.push(current.connection);
    return connection;
  }
}

/** Every setting, the password only as a hash: any change means a new connection. */
function settingsKey(settings: ZoneSettings): string {
  const password = createHash('sha256').update(settings.password).digest('base64url');
  return JSON.stringify({ ...settings, password });
}

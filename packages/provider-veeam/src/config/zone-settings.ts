import { type ProviderConfig, type Zone } from '@csbr/framework';

import * as Keys from './veeam-config-keys';

/** A zone's Veeam settings, read afresh for every call so `updateConfiguration` applies at once. */
export interface ZoneSettings {
  /** Origin plus path prefix, without a trailing slash and without `/api` (e.g. `https://vbr:9419`). */
  readonly baseUrl: string;
  readonly username: string;
  readonly password: string;
  readonly validateSsl: boolean;
  readonly caCertificate: string;
  readonly requestTimeoutMs: number;
  readonly restoreTimeoutMs: number;
  readonly pollIntervalMs: number;
  readonly vcenter: string;
  readonly restoreHost: string;
  readonly restoreDatastore: string;
  readonly restoreFolder: string;
  readonly metricsIntervalMs: number;
  readonly sweepIntervalMs: number;
  readonly overlapMs: number;
  readonly pageSize: number;
}

export async function readZoneSettings(config: ProviderConfig, zone: Zone): Promise<ZoneSettings> {
  const text = (key: string) => config.get(key, zone).then((value) => value.trim());
  const seconds = (key: string) => config.getNumber(key, zone).then((value) => value * 1000);
  return {
    baseUrl: normalizeBaseUrl(await text(Keys.VEEAM_URL_KEY)),
    username: await text(Keys.VEEAM_USERNAME_KEY),
    // Passwords may legitimately start or end with spaces.
    password: await config.get(Keys.VEEAM_PASSWORD_KEY, zone),
    validateSsl: await config.getBoolean(Keys.VEEAM_VALIDATE_SSL_KEY, zone),
    caCertificate: await text(Keys.VEEAM_CA_CERTIFICATE_KEY),
    requestTimeoutMs: await seconds(Keys.VEEAM_REQUEST_TIMEOUT_KEY),
    restoreTimeoutMs: await seconds(Keys.VEEAM_RESTORE_TIMEOUT_KEY),
    pollIntervalMs: await seconds(Keys.VEEAM_TASK_POLL_INTERVAL_KEY),
    vcenter: await text(Keys.VEEAM_VCENTER_KEY),
    restoreHost: await text(Keys.VEEAM_RESTORE_HOST_KEY),
    restoreDatastore: await text(Keys.VEEAM_RESTORE_DATASTORE_KEY),
    restoreFolder: await text(Keys.VEEAM_RESTORE_FOLDER_KEY),
    metricsIntervalMs: await seconds(Keys.VEEAM_METRICS_INTERVAL_KEY),
    sweepIntervalMs: await seconds(Keys.VEEAM_SYNC_SWEEP_INTERVAL_KEY),
    overlapMs: await seconds(Keys.VEEAM_SYNC_OVERLAP_KEY),
    pageSize: await config.getNumber(Keys.VEEAM_PAGE_SIZE_KEY, zone),
  };
}

/**
 * `https://vbr:9419`, `https://vbr:9419/`, `https://vbr:9419/api` and `https://vbr:9419/api/` all
 * name the same server: keep the origin and any proxy prefix, drop the slashes and `/api`.
 */
export function normalizeBaseUrl(url: string): string {
  return url.replace(/\/+$/, '').replace(/\/api$/i, '').replace(/\/+$/, '');
}

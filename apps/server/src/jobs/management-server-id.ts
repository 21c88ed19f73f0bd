import { createHash } from 'node:crypto';
import { hostname } from 'node:os';

import { type ServerConfig } from '../config/server-config';

/** Nest injection token of this server instance's management server id (a decimal string). */
export const MANAGEMENT_SERVER_ID = Symbol('csbr.jobs.ManagementServerId');

/**
 * A management server id that stays the same across restarts of one instance, as CloudStack's
 * (derived from the MAC address) does: the first 48 bits of SHA-256 of `host:port`, so it is a safe
 * integer and fits `async_job.job_*_msid` (bigint unsigned). Two instances on one host differ by
 * port. The configuration has no field for it yet; one should be added for hosts whose name changes
 * (containers) so restart recovery still finds the previous run's jobs.
 */
export function managementServerIdOf(host: string, port: number): string {
  const digest = createHash('sha256').update(`${host}:${port}`).digest();
  return digest.readUIntBE(0, 6).toString();
}

/** {@link managementServerIdOf} this host and the configured port. */
export function managementServerIdFromConfig(config: Pick<ServerConfig, 'port'>): string {
  return managementServerIdOf(hostname(), config.port);
}

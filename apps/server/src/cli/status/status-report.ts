import { type ProviderRegistry } from '@csbr/framework/host';
import { DataSource, IsNull, MoreThanOrEqual } from 'typeorm';

import { type ConfigurationService } from '../../configuration/configuration.service';
import { AsyncJobEntity } from '../../database/entities/async-job.entity';
import { DataCenterEntity } from '../../database/entities/data-center.entity';
import { MshostEntity } from '../../database/entities/mshost.entity';
import { recordedJobOf } from '../../jobs/recorded-job-of';

/** How far back `status` looks for failed jobs. */
export const FAILED_JOBS_WINDOW_MS = 24 * 60 * 60 * 1000;
/** Failed jobs shown one by one (the newest). */
const FAILED_JOBS_SHOWN = 10;

export interface StatusReport {
  readonly instances: readonly {
    readonly msid: string;
    readonly name: string | null;
    readonly address: string;
    readonly state: string | null;
    readonly version: string | null;
    readonly lastHeartbeat: string | null;
    readonly secondsSinceHeartbeat: number | null;
  }[];
  readonly providers: readonly string[];
  readonly zones: readonly {
    readonly name: string | null;
    readonly id: string | null;
    readonly backupEnabled: boolean;
    readonly provider: string | null;
    readonly providerRegistered: boolean;
  }[];
  readonly jobs: {
    readonly pending: number;
    readonly running: number;
    readonly failedLast24h: number;
    readonly recentFailures: readonly { readonly id: string | null; readonly command: string; readonly at: string | null; readonly error: string }[];
  };
}

/** What `csbr status` shows, read from the database in a few short queries. */
export async function readStatus(
  dataSource: DataSource,
  configuration: ConfigurationService,
  registry: ProviderRegistry,
  now: Date = new Date(),
): Promise<StatusReport> {
  const providers = registry.list().map((provider) => provider.name);
  const hosts = await dataSource.getRepository(MshostEntity).find({ where: { removed: IsNull() }, order: { msid: 'ASC' } });
  const zoneRows = await dataSource.getRepository(DataCenterEntity).find({ where: { removed: IsNull() }, order: { id: 'ASC' } });
  const zones = [];
  for (const zone of zoneRows) {
    const provider = (await configuration.getValue('backup.framework.provider.plugin', zone.id)) ?? null;
    zones.push({
      name: zone.name,
      id: zone.uuid,
      backupEnabled: (await configuration.getValue('backup.framework.enabled', zone.id)) === 'true',
      provider,
      providerRegistered: provider !== null && providers.includes(provider),
    });
  }
  const jobs = dataSource.getRepository(AsyncJobEntity);
  const since = new Date(now.getTime() - FAILED_JOBS_WINDOW_MS);
  const failedWhere = { jobStatus: 2, removed: IsNull(), lastUpdated: MoreThanOrEqual(since) };
  const [pending, running, failedLast24h, failed] = await Promise.all([
    jobs.countBy({ jobStatus: 0, removed: IsNull(), jobExecutingMsid: IsNull() }),
    jobs.count({ where: { jobStatus: 0, removed: IsNull() } }),
    jobs.countBy(failedWhere),
    jobs.find({ where: failedWhere, order: { lastUpdated: 'DESC', id: 'DESC' }, take: FAILED_JOBS_SHOWN }),
  ]);
  return {
    instances: hosts.map((host) => ({
      msid: host.msid,
      name: host.name,
      address: `${host.serviceIp}:${host.servicePort}`,
      state: host.state,
      version: host.version,
      lastHeartbeat: host.lastUpdate?.toISOString() ?? null,
      secondsSinceHeartbeat: host.lastUpdate === null ? null : Math.round((now.getTime() - host.lastUpdate.getTime()) / 1000),
    })),
    providers,
    zones,
    jobs: {
      pending,
      running: running - pending,
      failedLast24h,
      recentFailures: failed.map((job) => ({
        id: job.uuid,
        command: recordedJobOf(job)?.command ?? job.jobCmd,
        at: job.lastUpdated?.toISOString() ?? null,
        error: errorTextOf(job.jobResult),
      })),
    },
  };
}

/** The `errortext` of a failed job's recorded result, or the result itself when it has none. */
function errorTextOf(result: string | null): string {
  if (result === null) return '';
  try {
    const parsed = JSON.parse(result) as { errortext?: unknown };
    return typeof parsed.errortext === 'string' ? parsed.errortext : result;
  } catch {
    return result;
  }
}

/** The report as an operator reads it on a terminal. */
export function formatStatus(report: StatusReport): string[] {
  const lines: string[] = [`Instances (mshost): ${report.instances.length}`];
  for (const host of report.instances) {
    const heartbeat = host.secondsSinceHeartbeat === null ? 'no heartbeat' : `last heartbeat ${host.secondsSinceHeartbeat} s ago`;
    lines.push(`  ${host.msid}  ${host.name ?? '-'}  ${host.state ?? '-'}  ${host.address}  ${heartbeat}  version ${host.version ?? '-'}`);
  }
  lines.push(`Providers: ${report.providers.length === 0 ? 'none' : report.providers.join(', ')}`);
  lines.push(`Zones: ${report.zones.length}`);
  for (const zone of report.zones) {
    const provider = zone.provider === null ? 'no provider' : `provider ${zone.provider}${zone.providerRegistered ? '' : ' (NOT REGISTERED)'}`;
    lines.push(`  ${zone.name ?? '-'}  ${zone.id ?? '-'}  backup ${zone.backupEnabled ? 'enabled' : 'disabled'}  ${provider}`);
  }
  const { jobs } = report;
  lines.push(`Jobs: ${jobs.pending} pending, ${jobs.running} running, ${jobs.failedLast24h} failed in the last 24 h`);
  for (const failure of jobs.recentFailures) {
    lines.push(`  ${failure.at ?? '-'}  ${failure.command}  ${failure.id ?? '-'}  ${failure.error}`);
  }
  return lines;
}

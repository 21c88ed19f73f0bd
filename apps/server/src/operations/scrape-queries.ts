import { type DataSource } from 'typeorm';

import { type ConfigurationService } from '../configuration/configuration.service';
import { type ZoneProtection } from './csbr-metrics';
import { METRICS_STALE_BACKUP_HOURS } from './operations-config-keys';

/** The database reads behind the gauges of `/metrics`: aggregate queries, never a row per VM. */
export interface ScrapeQueries {
  jobCounts(): Promise<{ queued: number; running: number }>;
  zoneProtection(): Promise<readonly ZoneProtection[]>;
}

/**
 * Reads the gauges from the shared database, so every instance reports the cluster's numbers.
 * Both queries aggregate on the server: pending jobs by `job_status`, protected VMs (mapped to a
 * policy in `backup_policy_vm_map`) by zone, with each VM's newest successful backup from `backups`.
 */
export class DbScrapeQueries implements ScrapeQueries {
  constructor(
    private readonly dataSource: DataSource,
    private readonly configuration: ConfigurationService,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async jobCounts(): Promise<{ queued: number; running: number }> {
    const rows: { queued: unknown; running: unknown }[] = await this.dataSource.query(
      `SELECT SUM(CASE WHEN job_executing_msid IS NULL THEN 1 ELSE 0 END) AS queued,
              SUM(CASE WHEN job_executing_msid IS NULL THEN 0 ELSE 1 END) AS running
         FROM async_job WHERE job_status = 0 AND removed IS NULL`,
    );
    return { queued: Number(rows[0]?.queued ?? 0), running: Number(rows[0]?.running ?? 0) };
  }

  async zoneProtection(): Promise<readonly ZoneProtection[]> {
    const hours = Number((await this.configuration.getValue(METRICS_STALE_BACKUP_HOURS)) ?? '48');
    const cutoff = utcDatetime(new Date(this.now().getTime() - hours * 3_600_000));
    const rows: { zone: string; protected_vms: unknown; stale_vms: unknown; never: unknown }[] =
      await this.dataSource.query(
        `SELECT dc.uuid AS zone,
                COUNT(vm.id) AS protected_vms,
                SUM(CASE WHEN lb.last_backup IS NOT NULL AND lb.last_backup < ? THEN 1 ELSE 0 END) AS stale_vms,
                SUM(CASE WHEN vm.id IS NOT NULL AND lb.last_backup IS NULL THEN 1 ELSE 0 END) AS never
           FROM data_center dc
           LEFT JOIN backup_policy_vm_map map ON map.zone_id = dc.id
           LEFT JOIN vm_instance vm ON vm.id = map.vm_id AND vm.removed IS NULL
           LEFT JOIN (SELECT vm_id, MAX(date) AS last_backup FROM backups
                       WHERE status = 'BackedUp' AND removed IS NULL GROUP BY vm_id) lb
             ON lb.vm_id = vm.id
          WHERE dc.removed IS NULL AND dc.uuid IS NOT NULL
          GROUP BY dc.uuid`,
        [cutoff],
      );
    return rows.map((row) => ({
      zone: row.zone,
      protectedVms: Number(row.protected_vms ?? 0),
      staleVms: Number(row.stale_vms ?? 0),
      neverBackedUp: Number(row.never ?? 0),
    }));
  }
}

/** `YYYY-MM-DD HH:MM:SS` in UTC: compares correctly with stored datetimes on MySQL and sql.js. */
function utcDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

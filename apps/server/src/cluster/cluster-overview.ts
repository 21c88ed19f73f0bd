import { type DataSource, IsNull } from 'typeorm';

import { AsyncJobEntity, MshostEntity } from '../database/entities';
import { type Clock } from '@csbr/framework/host';
import { type LeaseService } from './lease-service';

/** One server instance as `listManagementServers` shows it. */
export interface ManagementServerView {
  readonly uuid: string;
  readonly msid: string;
  readonly name: string;
  readonly state: string;
  readonly version: string;
  readonly serviceIp: string;
  readonly servicePort: number;
  readonly lastStart?: Date;
  readonly lastHeartbeat?: Date;
  readonly pendingJobs: number;
  /** Leases it holds now (unexpired). */
  readonly leases: readonly string[];
}

/** Reads the instances of the cluster, their leases and their pending jobs. */
export class ClusterOverview {
  constructor(
    private readonly dataSource: DataSource,
    private readonly leases: LeaseService,
    private readonly clock: Clock,
  ) {}

  async list(): Promise<readonly ManagementServerView[]> {
    const hosts = await this.dataSource.manager.find(MshostEntity, { where: { removed: IsNull() }, order: { id: 'ASC' } });
    const now = this.clock.now().getTime();
    const leases = (await this.leases.list()).filter(
      (lease) => lease.holderMsid !== null && lease.expires !== null && lease.expires.getTime() > now,
    );
    const pending: { msid: string | null; jobs: string }[] = await this.dataSource.manager
      .createQueryBuilder(AsyncJobEntity, 'job')
      .select('job.jobExecutingMsid', 'msid')
      .addSelect('COUNT(*)', 'jobs')
      .where('job.jobStatus = 0')
      .andWhere('job.removed IS NULL')
      .groupBy('job.jobExecutingMsid')
      .getRawMany();
    return hosts.map((host) => ({
      uuid: host.uuid ?? '',
      msid: host.msid,
      name: host.name ?? '',
      state: host.state ?? '',
      version: host.version ?? '',
      serviceIp: host.serviceIp.trim(),
      servicePort: host.servicePort,
      ...(/^\d+$/.test(host.runid) && host.runid !== '0' ? { lastStart: new Date(Number(host.runid)) } : {}),
      ...(host.lastUpdate === null ? {} : { lastHeartbeat: host.lastUpdate }),
      pendingJobs: Number(pending.find((row) => String(row.msid) === host.msid)?.jobs ?? 0),
      leases: leases.filter((lease) => lease.holderMsid === host.msid).map((lease) => lease.name),
    }));
  }
}

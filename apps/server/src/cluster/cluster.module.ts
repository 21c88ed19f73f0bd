import { Global, Module } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { DataSource } from 'typeorm';

import { SystemClock } from '../clock/system-clock';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { serverVersion } from './server-version';
import { ClusterLifecycle } from './cluster-lifecycle';
import { ClusterMembership } from './cluster-membership';
import { ClusterOverview } from './cluster-overview';
import { CLUSTER_MEMBERSHIP, CLUSTER_OVERVIEW, LEASES } from './cluster-tokens';
import { LeaseService } from './lease-service';

/**
 * Several server instances on one database: `mshost` membership with heartbeats and dead-peer
 * recovery, leases for work that runs on one instance at a time, and `listManagementServers`.
 * Global, so the sync scheduler (and later the backup scheduler) can ask for their lease.
 */
@Global()
@Module({
  providers: [
    { provide: 'csbr.cluster.Clock', useClass: SystemClock },
    {
      provide: CLUSTER_MEMBERSHIP,
      inject: [DataSource, 'csbr.cluster.Clock', SERVER_CONFIG],
      useFactory: (dataSource: DataSource, clock: Clock, config: ServerConfig) =>
        new ClusterMembership(dataSource, clock, { ...config.cluster, version: serverVersion() }),
    },
    {
      provide: LEASES,
      inject: [DataSource, 'csbr.cluster.Clock', SERVER_CONFIG],
      useFactory: (dataSource: DataSource, clock: Clock, config: ServerConfig) =>
        new LeaseService(dataSource, clock, config.cluster.managementServerId, config.cluster.heartbeatTimeoutMs),
    },
    {
      provide: CLUSTER_OVERVIEW,
      inject: [DataSource, LEASES, 'csbr.cluster.Clock'],
      useFactory: (dataSource: DataSource, leases: LeaseService, clock: Clock) =>
        new ClusterOverview(dataSource, leases, clock),
    },
    ClusterLifecycle,
  ],
  exports: [CLUSTER_MEMBERSHIP, LEASES],
})
export class ClusterModule {}

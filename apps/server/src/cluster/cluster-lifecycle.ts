import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  type OnApplicationBootstrap,
  type OnModuleInit,
} from '@nestjs/common';

import { CommandRegistry } from '../api/command-registry';
import { SERVER_CONFIG, type ServerConfig } from '../config/server-config';
import { DbAsyncJobService } from '../jobs';
import { type ClusterMembership } from './cluster-membership';
import { type ClusterOverview } from './cluster-overview';
import { CLUSTER_MEMBERSHIP, CLUSTER_OVERVIEW, LEASES } from './cluster-tokens';
import { type LeaseService } from './lease-service';
import { listManagementServersCommand } from './list-management-servers.command';

/**
 * Wires the cluster into the server's life: registers `listManagementServers`; at bootstrap joins
 * `mshost`, renews leases on every heartbeat and recovers the jobs of dead peers; at shutdown lets
 * the jobs drain, gives the leases up and leaves `mshost`, in that order.
 */
@Injectable()
export class ClusterLifecycle implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(CLUSTER_MEMBERSHIP) private readonly membership: ClusterMembership,
    @Inject(LEASES) private readonly leases: LeaseService,
    @Inject(CLUSTER_OVERVIEW) private readonly overview: ClusterOverview,
    @Inject(SERVER_CONFIG) private readonly config: ServerConfig,
    private readonly jobs: DbAsyncJobService,
    private readonly commands: CommandRegistry,
  ) {}

  onModuleInit(): void {
    this.commands.register(listManagementServersCommand(this.overview));
    this.membership.onHeartbeat(() => this.leases.renewAll());
    this.membership.onPeerDead(async (msid) => {
      await this.jobs.recoverFrom(msid);
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.membership.start(this.config.port);
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.jobs.beforeApplicationShutdown();
    await this.leases.releaseAll();
    await this.membership.stop();
  }
}

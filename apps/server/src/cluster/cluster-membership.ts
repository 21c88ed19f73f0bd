import { randomUUID } from 'node:crypto';
import { hostname, networkInterfaces } from 'node:os';

import { Logger } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { type DataSource, In, IsNull, LessThan } from 'typeorm';

import { MshostEntity } from '../database/entities';
import { runInTransaction } from '../persistence/run-in-transaction';

/** CloudStack's `mshost.state` values that csbr writes. */
export const MshostState = {
  Up: 'Up',
  /** Stopped cleanly; what it left behind (jobs that ignored cancellation) is still recovered. */
  ReadyToShutdown: 'ReadyToShutdown',
  /** Counted dead; its jobs and backup operations were recovered. */
  Down: 'Down',
} as const;

/** Runs when a peer is found dead (or for this instance's previous run at boot). */
export type DeadPeerHandler = (msid: string) => Promise<void>;

/** What the cluster needs to know about this instance. */
export interface MembershipSettings {
  readonly managementServerId: string;
  readonly heartbeatIntervalMs: number;
  readonly heartbeatTimeoutMs: number;
  readonly version: string;
}

/**
 * This instance's membership in `mshost`: it registers at start with a new run id, writes its
 * heartbeat every interval, and on every heartbeat looks for peers whose heartbeat is older than
 * the timeout (or that stopped). One live instance marks such a peer `Down` (compare-and-set on its
 * run id and state, so two live instances never both take it) and runs the dead-peer handlers
 * (job recovery). At shutdown it marks itself `ReadyToShutdown`, so peers recover what it left at
 * once. Heartbeats use the application clock; instances need synchronised clocks (NTP), as
 * CloudStack's management servers do.
 */
export class ClusterMembership {
  private readonly logger = new Logger('ClusterMembership');
  private readonly handlers: DeadPeerHandler[] = [];
  private readonly tickListeners: (() => Promise<void>)[] = [];
  private readonly runId = String(Date.now());
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private active = false;
  private servicePort = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    readonly settings: MembershipSettings,
  ) {}

  get managementServerId(): string {
    return this.settings.managementServerId;
  }

  /** Whether this instance is a live member (false before start and once shutdown began). */
  isActive(): boolean {
    return this.active;
  }

  /** Adds a handler run for each peer found dead; handlers must be safe to run again. */
  onPeerDead(handler: DeadPeerHandler): void {
    this.handlers.push(handler);
  }

  /** Adds work done on every heartbeat, after it was written (lease renewal). */
  onHeartbeat(listener: () => Promise<void>): void {
    this.tickListeners.push(listener);
  }

  /** Registers this instance (a new run) and starts the heartbeat. */
  async start(servicePort: number): Promise<void> {
    this.servicePort = servicePort;
    await this.register();
    this.active = true;
    this.timer = setInterval(() => this.tick(), this.settings.heartbeatIntervalMs);
    this.timer.unref();
    await this.heartbeatNow();
  }

  /** Records the port actually bound, once the server listens. */
  async setServicePort(port: number): Promise<void> {
    this.servicePort = port;
    await runInTransaction(this.dataSource, (manager) =>
      manager.update(MshostEntity, { msid: this.managementServerId, runid: this.runId }, { servicePort: port }),
    );
  }

  /** Stops the heartbeat and marks this instance as stopped cleanly. */
  async stop(): Promise<void> {
    this.active = false;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.ticking;
    await runInTransaction(this.dataSource, (manager) =>
      manager.update(
        MshostEntity,
        { msid: this.managementServerId, runid: this.runId },
        { state: MshostState.ReadyToShutdown, lastUpdate: this.clock.now() },
      ),
    ).catch((error: unknown) => this.logger.warn(`Could not record the shutdown in mshost: ${messageOf(error)}`));
  }

  /** The msids of peers counted dead now: stopped, or heartbeat older than the timeout. */
  async deadPeers(): Promise<readonly string[]> {
    const rows = await this.dataSource.manager.find(MshostEntity, {
      select: { msid: true, state: true, lastUpdate: true },
      where: { removed: IsNull() },
    });
    const threshold = this.clock.now().getTime() - this.settings.heartbeatTimeoutMs;
    return rows
      .filter((row) => row.msid !== this.managementServerId && isDead(row, threshold))
      .map((row) => row.msid);
  }

  private async register(): Promise<void> {
    const now = this.clock.now();
    const fields = {
      runid: this.runId,
      name: hostname(),
      state: MshostState.Up,
      version: this.settings.version,
      serviceIp: serviceIpOf(),
      servicePort: this.servicePort,
      lastUpdate: now,
      removed: null,
    };
    await runInTransaction(this.dataSource, async (manager) => {
      const updated = await manager.update(MshostEntity, { msid: this.managementServerId }, fields);
      if ((updated.affected ?? 0) === 0) {
        await manager.insert(MshostEntity, { msid: this.managementServerId, uuid: randomUUID(), alertCount: 0, ...fields });
      }
    });
  }

  /**
   * Writes the heartbeat, renews leases and recovers dead peers now (the timer does it every
   * interval). Resolves when done; never overlaps another heartbeat.
   */
  heartbeatNow(): Promise<void> {
    this.tick();
    return this.ticking ?? Promise.resolve();
  }

  /** One heartbeat; never overlaps the previous one. */
  private tick(): void {
    if (!this.active || this.ticking !== undefined) return;
    this.ticking = this.beat()
      .catch((error: unknown) => this.logger.warn(`Heartbeat failed: ${messageOf(error)}`))
      .finally(() => {
        this.ticking = undefined;
      });
  }

  private async beat(): Promise<void> {
    const written = await runInTransaction(this.dataSource, (manager) =>
      manager.update(
        MshostEntity,
        { msid: this.managementServerId, runid: this.runId },
        { lastUpdate: this.clock.now(), state: MshostState.Up },
      ),
    );
    if ((written.affected ?? 0) === 0) {
      // Another run with our id took the row (a second process with the same id): say so loudly.
      this.logger.error(
        `Another server instance registered management server id ${this.managementServerId}; ` +
          'each instance needs its own CSBR_MANAGEMENT_SERVER_ID',
      );
    }
    for (const listener of this.tickListeners) await listener();
    await this.recoverDeadPeers();
  }

  private async recoverDeadPeers(): Promise<void> {
    const threshold = new Date(this.clock.now().getTime() - this.settings.heartbeatTimeoutMs);
    const candidates = await this.dataSource.manager.find(MshostEntity, {
      where: [
        { state: MshostState.Up, lastUpdate: LessThan(threshold), removed: IsNull() },
        { state: In([MshostState.ReadyToShutdown]), removed: IsNull() },
      ],
    });
    for (const peer of candidates) {
      if (peer.msid === this.managementServerId) continue;
      const claimed = await runInTransaction(this.dataSource, (manager) =>
        manager.update(
          MshostEntity,
          { msid: peer.msid, runid: peer.runid, state: peer.state ?? MshostState.Up },
          { state: MshostState.Down },
        ),
      );
      if ((claimed.affected ?? 0) === 0) continue;
      this.logger.warn(
        `Management server ${peer.msid} (${peer.name ?? '?'}) ${
          peer.state === MshostState.ReadyToShutdown ? 'stopped' : 'stopped sending heartbeats'
        }; recovering its work`,
      );
      for (const handler of this.handlers) {
        try {
          await handler(peer.msid);
        } catch (error) {
          this.logger.error(`Recovering the work of management server ${peer.msid} failed: ${messageOf(error)}`);
        }
      }
    }
  }
}

function isDead(row: MshostEntity, threshold: number): boolean {
  if (row.state === MshostState.Down) return false;
  if (row.state === MshostState.ReadyToShutdown) return true;
  return row.lastUpdate === null || row.lastUpdate.getTime() < threshold;
}

/** The first non-internal IPv4 address, as CloudStack records the management server's IP. */
function serviceIpOf(): string {
  for (const addresses of Object.values(networkInterfaces())) {
    for (const address of addresses ?? []) {
      if (address.family === 'IPv4' && !address.internal) return address.address;
    }
  }
  return '127.0.0.1';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

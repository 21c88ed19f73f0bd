import {
  type BackupManagerObserver,
  type ProviderCallObservation,
  type ZoneSyncObservation,
} from '@csbr/framework/host';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

import { type ScrapeQueries } from './scrape-queries';

/** Seconds: API calls and provider calls are mostly sub-second, jobs and syncs take minutes. */
const FAST_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
const SLOW_BUCKETS = [0.05, 0.25, 1, 5, 15, 30, 60, 120, 300, 900, 1800, 3600];

/**
 * Every csbr metric, in one prom-client registry per application (tests run several apps in one
 * process). Labels stay low-cardinality: command, result, provider, operation, zone — never a VM,
 * account or error text. Counters and histograms are fed as things happen on this instance; the
 * gauges (jobs, protected VMs) are read from the database at scrape and are cluster-wide.
 */
export class CsbrMetrics {
  readonly registry = new Registry();
  readonly #apiRequests: Histogram<'command' | 'result'>;
  readonly #jobs: Histogram<'command' | 'result'>;
  readonly #providerCalls: Histogram<'provider' | 'operation' | 'result'>;
  readonly #syncRuns: Histogram<'zone' | 'provider'>;
  readonly #syncAdded: Counter<'zone'>;
  readonly #syncRemoved: Counter<'zone'>;
  readonly #syncFailures: Counter<'zone' | 'kind'>;

  constructor(queries: ScrapeQueries) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, prefix: 'csbr_process_' });
    this.#apiRequests = new Histogram({
      name: 'csbr_api_request_duration_seconds',
      help: 'API requests to /client/api by command and result (success, or the CloudStack error code), with latency.',
      labelNames: ['command', 'result'],
      buckets: FAST_BUCKETS,
      registers,
    });
    this.#jobs = new Histogram({
      name: 'csbr_job_duration_seconds',
      help: 'Async jobs run on this instance by command and result (succeeded, failed), with duration.',
      labelNames: ['command', 'result'],
      buckets: SLOW_BUCKETS,
      registers,
    });
    this.#providerCalls = new Histogram({
      name: 'csbr_provider_call_duration_seconds',
      help: 'Provider calls by provider, operation and result (success, or the error code), with latency.',
      labelNames: ['provider', 'operation', 'result'],
      buckets: FAST_BUCKETS,
      registers,
    });
    this.#syncRuns = new Histogram({
      name: 'csbr_sync_duration_seconds',
      help: 'Background sync runs per zone (only where the zone was synced), with duration.',
      labelNames: ['zone', 'provider'],
      buckets: SLOW_BUCKETS,
      registers,
    });
    this.#syncAdded = new Counter({
      name: 'csbr_sync_restore_points_added_total',
      help: 'Backup rows the sync created for new restore points, per zone.',
      labelNames: ['zone'],
      registers,
    });
    this.#syncRemoved = new Counter({
      name: 'csbr_sync_restore_points_removed_total',
      help: 'Backup rows the sync removed because their restore point vanished, per zone.',
      labelNames: ['zone'],
      registers,
    });
    this.#syncFailures = new Counter({
      name: 'csbr_sync_failures_total',
      help: 'Sync failures per zone: kind="vm" for a VM whose sync failed, kind="run" for a zone run that stopped on an error.',
      labelNames: ['zone', 'kind'],
      registers,
    });
    new Gauge({
      name: 'csbr_jobs',
      help: 'Pending async jobs in the whole cluster: state="queued" (not yet claimed) or "running".',
      labelNames: ['state'],
      registers,
      async collect() {
        const counts = await queries.jobCounts();
        this.set({ state: 'queued' }, counts.queued);
        this.set({ state: 'running' }, counts.running);
      },
    });
    // One database read feeds the three per-zone gauges of a scrape.
    let zoneRead: Promise<Awaited<ReturnType<ScrapeQueries['zoneProtection']>>> | undefined;
    const zoneCounts = (): ReturnType<ScrapeQueries['zoneProtection']> => {
      zoneRead ??= queries.zoneProtection().finally(() => {
        setImmediate(() => (zoneRead = undefined));
      });
      return zoneRead;
    };
    const zoneGauge = (name: string, help: string, pick: (row: ZoneProtection) => number): void => {
      new Gauge({
        name,
        help,
        labelNames: ['zone'],
        registers,
        async collect() {
          this.reset();
          for (const row of await zoneCounts()) this.set({ zone: row.zone }, pick(row));
        },
      });
    };
    zoneGauge('csbr_zone_protected_vms', 'VMs with a backup policy assigned, per zone.', (row) => row.protectedVms);
    zoneGauge(
      'csbr_zone_vms_backup_stale',
      'Protected VMs whose last successful backup is older than csbr.metrics.backup.stale.hours, per zone.',
      (row) => row.staleVms,
    );
    zoneGauge('csbr_zone_vms_never_backed_up', 'Protected VMs with no successful backup at all, per zone.', (row) => row.neverBackedUp);
  }

  recordApiRequest(command: string, result: string, seconds: number): void {
    this.#apiRequests.observe({ command, result }, seconds);
  }

  recordJob(command: string, result: string, seconds: number): void {
    this.#jobs.observe({ command, result }, seconds);
  }

  /** The BackupManager's observer: provider calls and zone syncs. */
  readonly observer: BackupManagerObserver = {
    onProviderCall: (call: ProviderCallObservation) => {
      this.#providerCalls.observe(
        { provider: call.provider, operation: call.operation, result: call.result },
        call.durationMs / 1000,
      );
    },
    onZoneSynced: (sync: ZoneSyncObservation) => {
      if (sync.provider === undefined) return;
      this.#syncRuns.observe({ zone: sync.zone, provider: sync.provider }, sync.durationMs / 1000);
      this.#syncAdded.inc({ zone: sync.zone }, sync.report.created);
      this.#syncRemoved.inc({ zone: sync.zone }, sync.report.removed);
      this.#syncFailures.inc({ zone: sync.zone, kind: 'vm' }, sync.report.failed);
      this.#syncFailures.inc({ zone: sync.zone, kind: 'run' }, sync.aborted ? 1 : 0);
    },
  };

  /** The text exposition (`text/plain; version=0.0.4`). */
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}

export interface ZoneProtection {
  /** The zone's uuid. */
  readonly zone: string;
  readonly protectedVms: number;
  readonly staleVms: number;
  readonly neverBackedUp: number;
}

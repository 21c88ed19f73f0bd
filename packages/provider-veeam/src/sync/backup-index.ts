import { type Zone } from '@csbr/framework';

import { type VeeamApi } from '../client/veeam-api';
import { readBackup } from '../client/veeam-models';
import { parseVmJobName } from '../operations/job-names';

/** A backup of a csbr per-VM job, with the VM its name says it belongs to. */
export interface IndexedBackup {
  readonly id: string;
  readonly jobId: string;
  readonly vmUuid: string;
  readonly instanceName: string;
}

/** Every csbr backup of a zone's Veeam server, by backup id, job id and VM instance name. */
export interface BackupSnapshot {
  readonly at: number;
  readonly byId: ReadonlyMap<string, IndexedBackup>;
  /** Backups that are not csbr's (other jobs): known, so they never cause a new read. */
  readonly foreign: ReadonlySet<string>;
  readonly byJob: ReadonlyMap<string, readonly IndexedBackup[]>;
  readonly byInstance: ReadonlyMap<string, IndexedBackup>;
}

/**
 * The zone's backups, read with one paged listing (`GET /backups`, a few calls for 10,000 VMs)
 * and kept in memory, so that the sync and the metrics never ask about backups one VM at a time.
 * Veeam names a job's backup after the job, and csbr names a VM's job `<instance>-CSBKP-<uuid>`.
 */
export class BackupIndex {
  private readonly byZone = new Map<string, BackupSnapshot>();

  /** The zone's snapshot, read again when it is older than `maxAgeMs`. */
  async get(api: VeeamApi, zone: Zone, now: number, maxAgeMs: number): Promise<BackupSnapshot> {
    const current = this.byZone.get(zone.id);
    if (current !== undefined && now - current.at <= maxAgeMs) return current;
    return this.refresh(api, zone, now);
  }

  async refresh(api: VeeamApi, zone: Zone, now: number): Promise<BackupSnapshot> {
    const operation = 'list backups';
    const byId = new Map<string, IndexedBackup>();
    const byJob = new Map<string, IndexedBackup[]>();
    const byInstance = new Map<string, IndexedBackup>();
    const foreign = new Set<string>();
    for await (const page of api.pages(operation, '/api/v1/backups')) {
      for (const item of page) {
        const backup = readBackup(item, operation);
        const owner = parseVmJobName(backup.name);
        if (owner === undefined) {
          foreign.add(backup.id);
          continue;
        }
        const indexed = { id: backup.id, jobId: backup.jobId, ...owner };
        byId.set(indexed.id, indexed);
        byJob.set(indexed.jobId, [...(byJob.get(indexed.jobId) ?? []), indexed]);
        byInstance.set(indexed.instanceName, indexed);
      }
    }
    const snapshot = { at: now, byId, foreign, byJob, byInstance };
    this.byZone.set(zone.id, snapshot);
    return snapshot;
  }
}

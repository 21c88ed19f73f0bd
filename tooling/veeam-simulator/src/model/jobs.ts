/** JSON as clients send it: kept opaque where the simulator only has to give it back. */
export type JsonObject = Record<string, unknown>;

/** A VM as a job includes it: Veeam's inventory object without its revision-specific `platform`. */
export interface VmInclude {
  readonly type: 'VirtualMachine';
  readonly hostName: string;
  readonly name: string;
  readonly objectId: string;
  readonly urn?: string;
  readonly size?: string;
}

export type SessionResult = 'None' | 'Success' | 'Warning' | 'Failed';

export interface RetentionPolicy {
  readonly type: 'RestorePoints' | 'Days';
  readonly quantity: number;
}

export interface JobRecord {
  readonly id: string;
  name: string;
  description: string;
  isDisabled: boolean;
  isHighPriority: boolean;
  includes: VmInclude[];
  excludes: JsonObject;
  /** `storage`, with `backupRepositoryId` and `retentionPolicy` validated on write. */
  storage: JsonObject;
  guestProcessing: JsonObject;
  schedule: JsonObject;
  readonly createdAt: number;
  lastRunAt?: number;
  lastResult: SessionResult;
  lastSessionId?: string;
  /** The BackupJob session in progress, if any. */
  runningSessionId?: string;
}

export function retentionOf(job: JobRecord): RetentionPolicy {
  const policy = job.storage['retentionPolicy'] as Partial<RetentionPolicy> | undefined;
  const type = policy?.type === 'Days' ? 'Days' : 'RestorePoints';
  const quantity =
    typeof policy?.quantity === 'number' && policy.quantity > 0 ? policy.quantity : 7;
  return { type, quantity };
}

const ALL_DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * Defaults for the parts of a vSphere backup job the simulator only stores. Seeded jobs share one
 * instance of each (never mutated: writes replace them), which keeps 10,000 jobs small.
 */
export function defaultJobSettings(repositoryId: string, retentionPoints: number) {
  return {
    excludes: { vms: [], disks: [], templates: { isEnabled: true, excludeFromIncremental: true } },
    storage: {
      backupRepositoryId: repositoryId,
      backupProxies: { autoSelectEnabled: true, proxyIds: [] },
      retentionPolicy: { type: 'RestorePoints', quantity: retentionPoints },
      gfsPolicy: { isEnabled: false },
      advancedSettings: {
        backupModeType: 'Incremental',
        activeFulls: { isEnabled: false },
        storageData: { compressionLevel: 'Optimal', storageOptimization: '1MB' },
      },
    },
    guestProcessing: {
      appAwareProcessing: { isEnabled: false },
      guestFSIndexing: { isEnabled: false },
      guestInteractionProxies: { autoSelectEnabled: true, proxyIds: [] },
    },
    schedule: {
      runAutomatically: false,
      daily: { isEnabled: true, localTime: '22:00', dailyKind: 'Everyday', days: ALL_DAYS },
      retry: { isEnabled: true, retryCount: 3, awaitMinutes: 10 },
    },
  } satisfies Pick<JobRecord, 'excludes' | 'storage' | 'guestProcessing' | 'schedule'>;
}

/** The jobs VBR knows, in creation order. Names are unique, as in VBR. */
export class JobStore {
  private readonly jobs = new Map<string, JobRecord>();

  add(job: JobRecord): JobRecord {
    this.jobs.set(job.id, job);
    return job;
  }

  get(id: string): JobRecord | undefined {
    return this.jobs.get(id.toLowerCase());
  }

  delete(id: string): boolean {
    return this.jobs.delete(id.toLowerCase());
  }

  all(): JobRecord[] {
    return [...this.jobs.values()];
  }

  get size(): number {
    return this.jobs.size;
  }

  nameTaken(name: string, exceptId?: string): boolean {
    const wanted = name.toLowerCase();
    for (const job of this.jobs.values()) {
      if (job.id !== exceptId && job.name.toLowerCase() === wanted) return true;
    }
    return false;
  }

  /** VBR names clones `<name>_clone<k>` with the first free `k`. */
  cloneName(name: string): string {
    for (let k = 1; ; k++) {
      const candidate = `${name}_clone${k}`;
      if (!this.nameTaken(candidate)) return candidate;
    }
  }
}

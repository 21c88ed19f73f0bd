/** One API request as the simulator saw it. Bodies and headers are never kept: they hold secrets. */
export interface RequestLogEntry {
  readonly seq: number;
  /** Simulator-clock time the request arrived, ISO 8601. */
  readonly time: string;
  readonly method: string;
  readonly path: string;
  readonly query: string;
  /** Veeam operationId of the matched route, or `Unknown`. */
  readonly operation: string;
  readonly apiVersion: string | undefined;
  status: number;
  durationMs: number;
  /** Id of the fault that affected the request, if any. */
  faultId?: number;
}

export interface OperationCount {
  total: number;
  byStatus: Record<string, number>;
}

const KEEP = 5000;

/** Recent requests (the last 5,000) and per-operation counters since the last clear. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];
  private readonly counts = new Map<string, OperationCount>();
  private seq = 0;

  start(entry: Omit<RequestLogEntry, 'seq' | 'status' | 'durationMs'>): RequestLogEntry {
    const full: RequestLogEntry = { ...entry, seq: ++this.seq, status: 0, durationMs: 0 };
    this.entries.push(full);
    if (this.entries.length > KEEP * 1.2) this.entries = this.entries.slice(-KEEP);
    return full;
  }

  finish(entry: RequestLogEntry, status: number, durationMs: number): void {
    entry.status = status;
    entry.durationMs = durationMs;
    const count = this.counts.get(entry.operation) ?? { total: 0, byStatus: {} };
    count.total++;
    count.byStatus[status] = (count.byStatus[status] ?? 0) + 1;
    this.counts.set(entry.operation, count);
  }

  recent(limit = KEEP): RequestLogEntry[] {
    return this.entries.slice(-limit).map((entry) => ({ ...entry }));
  }

  countsByOperation(): Record<string, OperationCount> {
    const result: Record<string, OperationCount> = {};
    for (const [operation, count] of this.counts) {
      result[operation] = { total: count.total, byStatus: { ...count.byStatus } };
    }
    return result;
  }

  total(): number {
    let total = 0;
    for (const count of this.counts.values()) total += count.total;
    return total;
  }

  clear(): void {
    this.entries = [];
    this.counts.clear();
  }
}

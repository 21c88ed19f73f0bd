/**
 * A fault armed on one route (by Veeam operationId, e.g. `StartJob`) or on every API route (`*`).
 * Effects: `latencyMs` delays the answer (alone: then answers normally); `status` answers with
 * that status and a Veeam error body; `malformedBody` answers 200 with truncated JSON; `reset`
 * drops the connection; `jobAlreadyRunning` makes StartJob refuse as for a running job.
 */
export interface FaultSpec {
  operation: string;
  latencyMs?: number;
  status?: number;
  errorCode?: string;
  message?: string;
  malformedBody?: boolean;
  reset?: boolean;
  jobAlreadyRunning?: boolean;
  /** Requests to affect; every matching request when absent. */
  times?: number;
  /** Matching requests to let through untouched before the fault applies. */
  after?: number;
}

export interface ArmedFault extends FaultSpec {
  readonly id: number;
  /** Matching requests the fault has affected so far. */
  hits: number;
  /** Matching requests seen so far, affected or not. */
  seen: number;
}

function check(condition: boolean, message: string): void {
  if (!condition) throw new RangeError(message);
}

function validate(spec: FaultSpec, operations: ReadonlySet<string>): void {
  check(
    typeof spec.operation === 'string' && spec.operation !== '',
    'A fault needs an operation (or "*")',
  );
  check(
    spec.operation === '*' || operations.has(spec.operation),
    `Unknown operation "${spec.operation}"; expected "*" or one of ${[...operations].sort().join(', ')}`,
  );
  for (const key of ['latencyMs', 'times', 'after'] as const) {
    const value = spec[key];
    check(
      value === undefined || (Number.isInteger(value) && value >= 0),
      `${key} must be a non-negative integer`,
    );
  }
  check(
    spec.status === undefined ||
      (Number.isInteger(spec.status) && spec.status >= 400 && spec.status <= 599),
    'status must be an HTTP error status (400-599)',
  );
  const effects = [
    spec.status !== undefined,
    spec.malformedBody === true,
    spec.reset === true,
    spec.jobAlreadyRunning === true,
  ];
  check(
    effects.filter(Boolean).length <= 1,
    'Choose one of status, malformedBody, reset, jobAlreadyRunning',
  );
  check(
    effects.some(Boolean) || spec.latencyMs !== undefined,
    'A fault needs an effect or latencyMs',
  );
  check(
    !spec.jobAlreadyRunning || spec.operation === 'StartJob',
    'jobAlreadyRunning applies to StartJob only',
  );
}

/** The armed HTTP faults, first match wins. */
export class FaultBoard {
  private readonly faults: ArmedFault[] = [];
  private nextId = 1;

  constructor(private readonly operations: ReadonlySet<string>) {}

  arm(spec: FaultSpec): ArmedFault {
    validate(spec, this.operations);
    const fault: ArmedFault = { ...spec, id: this.nextId++, hits: 0, seen: 0 };
    this.faults.push(fault);
    return fault;
  }

  disarm(id: number): boolean {
    const index = this.faults.findIndex((fault) => fault.id === id);
    if (index < 0) return false;
    this.faults.splice(index, 1);
    return true;
  }

  clear(): void {
    this.faults.length = 0;
  }

  list(): ArmedFault[] {
    return this.faults.map((fault) => ({ ...fault }));
  }

  /** The fault this request meets, counted; exhausted faults disarm themselves. */
  take(operation: string): ArmedFault | undefined {
    for (const fault of this.faults) {
      if (fault.operation !== '*' && fault.operation !== operation) continue;
      fault.seen++;
      if (fault.after !== undefined && fault.seen <= fault.after) continue;
      fault.hits++;
      if (fault.times !== undefined && fault.hits >= fault.times) this.disarm(fault.id);
      return { ...fault };
    }
    return undefined;
  }
}

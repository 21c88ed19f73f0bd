import {
  type Backup,
  type BackupPolicy,
  type VirtualMachine,
  type Volume,
  type Zone,
} from '../../domain/types';
import {
  type ActionEvent,
  type BackupOperation,
  type PolicyVmMapping,
  type UsageEvent,
} from '../../host/ports';

/** A domain of the in-memory store. @public */
export interface InMemoryDomain {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  /** `/` for ROOT, `/sales/` for a child. */
  readonly path: string;
}

/** An account of the in-memory store. @public */
export interface InMemoryAccount {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly domainId: string;
}

/** A zone row; removed zones are left out of `listActive`. */
export interface ZoneRecord extends Zone {
  readonly removed?: Date;
}

/** A VM row; its policy comes from the mapping table, as in the database. */
export type VmRecord = Omit<VirtualMachine, 'backupPolicyId'>;

/** A volume row. */
export interface VolumeRecord extends Volume {
  readonly removed?: Date;
}

/** Everything a transaction can change; copied when a transaction starts. */
export interface StoreState {
  readonly zones: Map<string, ZoneRecord>;
  readonly domains: Map<string, InMemoryDomain>;
  readonly accounts: Map<string, InMemoryAccount>;
  readonly vms: Map<string, VmRecord>;
  readonly volumes: Map<string, VolumeRecord>;
  readonly policies: Map<string, BackupPolicy>;
  /** Keyed by VM id: a VM has at most one mapping (the table's unique key). */
  readonly mappings: Map<string, PolicyVmMapping>;
  readonly backups: Map<string, Backup>;
  /** Backup operations in flight, by id; each holds its VMs. */
  readonly operations: Map<string, BackupOperation>;
  readonly actionEvents: ActionEvent[];
  readonly usageEvents: UsageEvent[];
}

export function emptyState(): StoreState {
  return {
    zones: new Map(),
    domains: new Map(),
    accounts: new Map(),
    vms: new Map(),
    volumes: new Map(),
    policies: new Map(),
    mappings: new Map(),
    backups: new Map(),
    operations: new Map(),
    actionEvents: [],
    usageEvents: [],
  };
}

/** Rows are never mutated in place (writers replace them), so copying the containers is enough. */
export function copyState(state: StoreState): StoreState {
  return {
    zones: new Map(state.zones),
    domains: new Map(state.domains),
    accounts: new Map(state.accounts),
    vms: new Map(state.vms),
    volumes: new Map(state.volumes),
    policies: new Map(state.policies),
    mappings: new Map(state.mappings),
    backups: new Map(state.backups),
    operations: new Map(state.operations),
    actionEvents: [...state.actionEvents],
    usageEvents: [...state.usageEvents],
  };
}

/** Id sequences, one per table, never rolled back (as MySQL's auto-increment). */
export type TableName =
  | 'zones'
  | 'vms'
  | 'volumes'
  | 'policies'
  | 'mappings'
  | 'backups'
  | 'operations';

/**
 * How repositories reach the state: the live state outside transactions, a private copy inside
 * one (whose writes are replayed onto the live state at commit).
 */
export interface StateAccess {
  read(): StoreState;
  /** The committed state, whatever transaction is running: what another transaction would see. */
  committed(): StoreState;
  write(mutation: (state: StoreState) => void): void;
  /**
   * Claims a VM for the current transaction, as a database row lock would: another transaction's
   * claim on it fails with `OPERATION_IN_PROGRESS` until this one ends.
   */
  claimVm(vmId: string): void;
  /**
   * Locks a row for the rest of the current transaction, waiting while another transaction holds
   * it, as `SELECT … FOR UPDATE` does.
   */
  lockRow(key: string): Promise<void>;
  nextId(table: TableName): string;
  /** The management server id this store stamps on the operations it begins. */
  readonly ownerId: string;
}

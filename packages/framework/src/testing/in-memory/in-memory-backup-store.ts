import { randomUUID } from 'node:crypto';
import {
  type Backup,
  type BackupPolicy,
  type VirtualMachine,
  type Volume,
  type Zone,
} from '../../domain/types';
import { BackupError } from '../../errors/backup-error';
import { compareIds } from '../../host/backup-manager/compare-ids';
import { defaultBackupName } from '../../host/backup-manager/resource-names';
import {
  type ActionEvent,
  type BackupOperation,
  type BackupOperationRepository,
  type BackupPolicyRepository,
  type BackupRepository,
  type EventPublisher,
  type PolicyVmMapping,
  type PolicyVmMappingRepository,
  type Repositories,
  type TransactionRunner,
  type UsageEvent,
  type VmRepository,
  type ZoneRepository,
} from '../../host/ports';
import { type DomainPathLookup } from '../allow-owner-access-checker';
import { createBackupRepository } from './in-memory-backup-repository';
import { InMemoryConfigurationStore } from './in-memory-configuration-store';
import { createEventPublisher } from './in-memory-event-publisher';
import { createMappingRepository } from './in-memory-mapping-repository';
import { createOperationRepository } from './in-memory-operation-repository';
import { createPolicyRepository } from './in-memory-policy-repository';
import { createVmRepository, toVirtualMachine, volumesOf } from './in-memory-vm-repository';
import { createZoneRepository } from './in-memory-zone-repository';
import {
  type AccountSeed,
  type BackupSeed,
  type DomainSeed,
  type PolicySeed,
  type VmSeed,
  type VolumeSeed,
  type ZoneSeed,
} from './seeds';
import {
  copyState,
  emptyState,
  type StateAccess,
  type StoreState,
  type TableName,
  type VmRecord,
} from './store-state';

/** Options of {@link createInMemoryRepositories}. @public */
export interface InMemoryRepositoriesOptions {
  /** Declared configuration defaults, on top of the framework keys' own (spec §4). */
  readonly configDefaults?: Readonly<Record<string, string>>;
  /** The management server id stamped on the operations this store begins. Defaults to `1`. */
  readonly managementServerId?: string;
}

/**
 * The manager's ports in memory: {@link Repositories} and {@link TransactionRunner} over one state,
 * with helpers to seed rows and inspect what was written.
 *
 * @remarks
 * A transaction works on its own copy of the state, taken when it starts (copy-on-write rows), and
 * its writes are replayed onto the live state when `work` resolves; when `work` throws they are
 * dropped, events included. A VM is held by at most one backup operation: beginning a second one
 * fails with `OPERATION_IN_PROGRESS`, as the server's unique key does. Ids come from per-table
 * sequences that a rollback does not rewind (as MySQL's auto-increment). {@link failTransactions}
 * makes the next transactions fail, as a database outage would.
 *
 * @example
 * ```ts
 * const store = createInMemoryRepositories();
 * store.addZone({ id: '1', name: 'zone1' });
 * store.config.set('backup.framework.enabled', 'true', '1');
 * const manager = new BackupManager({ repositories: store, transactions: store, ... });
 * ```
 * @public
 * @since 1.0.0
 */
export class InMemoryBackupStore implements Repositories, TransactionRunner, DomainPathLookup {
  readonly config: InMemoryConfigurationStore;
  readonly zones: ZoneRepository;
  readonly vms: VmRepository;
  readonly policies: BackupPolicyRepository;
  readonly mappings: PolicyVmMappingRepository;
  readonly backups: BackupRepository;
  readonly events: EventPublisher;
  readonly operations: BackupOperationRepository;
  /** The management server id this store stamps on the operations it begins. */
  readonly managementServerId: string;

  private state: StoreState = emptyState();
  private failingTransactions = 0;
  private readonly sequences = new Map<TableName, number>();
  /** VM id → the transaction that claimed it for a backup operation and has not ended. */
  private readonly claims = new Map<string, number>();
  /** Row key → the transaction holding its lock, and how waiters learn it ended. */
  private readonly rowLocks = new Map<
    string,
    { readonly holder: number; readonly released: Promise<void>; readonly release: () => void }
  >();
  private transactionCount = 0;

  constructor(options: InMemoryRepositoriesOptions = {}) {
    this.config = new InMemoryConfigurationStore(options.configDefaults);
    this.managementServerId = options.managementServerId ?? '1';
    const live: StateAccess = {
      read: () => this.state,
      committed: () => this.state,
      write: (mutation) => mutation(this.state),
      claimVm: () => {
        throw new Error('A backup operation must begin inside a transaction');
      },
      lockRow: () => Promise.reject(new Error('Rows can only be locked inside a transaction')),
      nextId: (table) => this.nextId(table),
      ownerId: this.managementServerId,
    };
    this.zones = createZoneRepository(live);
    this.vms = createVmRepository(live);
    this.policies = createPolicyRepository(live);
    this.mappings = createMappingRepository(live);
    this.backups = createBackupRepository(live);
    this.events = createEventPublisher(live);
    this.operations = createOperationRepository(live);
  }

  async run<T>(work: (repositories: Repositories) => Promise<T>): Promise<T> {
    if (this.failingTransactions > 0) {
      this.failingTransactions -= 1;
      throw new Error('Connection lost: the in-memory database is failing transactions');
    }
    const transactionId = ++this.transactionCount;
    const draft = copyState(this.state);
    const journal: ((state: StoreState) => void)[] = [];
    const access: StateAccess = {
      read: () => draft,
      committed: () => this.state,
      write: (mutation) => {
        mutation(draft);
        journal.push(mutation);
      },
      claimVm: (vmId) => this.claim(vmId, transactionId),
      lockRow: (key) => this.lockRow(key, transactionId),
      nextId: (table) => this.nextId(table),
      ownerId: this.managementServerId,
    };
    const repositories: Repositories = {
      config: this.config,
      zones: createZoneRepository(access),
      vms: createVmRepository(access),
      policies: createPolicyRepository(access),
      mappings: createMappingRepository(access),
      backups: createBackupRepository(access),
      events: createEventPublisher(access),
      operations: createOperationRepository(access),
    };
    try {
      const result = await work(repositories);
      for (const mutation of journal) mutation(this.state);
      return result;
    } finally {
      for (const [vmId, holder] of this.claims) {
        if (holder === transactionId) this.claims.delete(vmId);
      }
      for (const [key, lock] of this.rowLocks) {
        if (lock.holder === transactionId) {
          this.rowLocks.delete(key);
          lock.release();
        }
      }
    }
  }

  /** Makes the next `count` transactions fail before they start, as a database outage would. */
  failTransactions(count: number): void {
    this.failingTransactions = count;
  }

  /** {@inheritDoc DomainPathLookup.domainPath} */
  domainPath(domainId: string): string | undefined {
    return this.state.domains.get(domainId)?.path;
  }

  // ----- seeding -----

  addDomain(seed: DomainSeed): void {
    this.state.domains.set(seed.id, { uuid: randomUUID(), ...seed });
  }

  addAccount(seed: AccountSeed): void {
    this.state.accounts.set(seed.id, { uuid: randomUUID(), ...seed });
  }

  addZone(seed: ZoneSeed): Zone {
    this.seeded('zones', seed.id);
    const zone = { uuid: randomUUID(), name: `zone-${seed.id}`, ...seed };
    this.state.zones.set(zone.id, zone);
    return { id: zone.id, uuid: zone.uuid, name: zone.name };
  }

  addVm(seed: VmSeed): VirtualMachine {
    this.seeded('vms', seed.id);
    const record: VmRecord = {
      uuid: randomUUID(),
      name: `vm-${seed.id}`,
      instanceName: `i-${seed.accountId}-${seed.id}-VM`,
      state: 'Running',
      hypervisorType: 'Simulator',
      ...seed,
    };
    this.state.vms.set(record.id, record);
    return toVirtualMachine(this.state, record);
  }

  /** Changes a VM row, e.g. its state or `removed`. */
  updateVm(
    id: string,
    patch: Partial<Omit<VirtualMachine, 'id' | 'backupPolicyId'>>,
  ): VirtualMachine {
    const record = this.state.vms.get(id);
    if (record === undefined) throw new Error(`No VM ${id}`);
    const updated = { ...record, ...patch };
    this.state.vms.set(id, updated);
    return toVirtualMachine(this.state, updated);
  }

  addVolume(seed: VolumeSeed): Volume {
    const vm = seed.vmId === undefined ? undefined : this.state.vms.get(seed.vmId);
    const id = seed.id ?? this.nextId('volumes');
    this.seeded('volumes', id);
    const volume = {
      uuid: randomUUID(),
      name: `${seed.type}-${id}`,
      zoneId: vm?.zoneId ?? '',
      accountId: vm?.accountId ?? '',
      domainId: vm?.domainId ?? '',
      ...seed,
      id,
    };
    this.state.volumes.set(id, volume);
    const { removed: _removed, ...live } = volume;
    return live;
  }

  addPolicy(seed: PolicySeed): BackupPolicy {
    const id = seed.id ?? this.nextId('policies');
    this.seeded('policies', id);
    const policy: BackupPolicy = {
      uuid: randomUUID(),
      description: seed.name,
      created: new Date(0),
      ...seed,
      id,
    };
    this.state.policies.set(id, policy);
    return policy;
  }

  /** Assigns a VM to a policy directly (no provider call). */
  addMapping(vmId: string, policyId: string, created: Date = new Date(0)): PolicyVmMapping {
    const vm = this.state.vms.get(vmId);
    if (vm === undefined) throw new Error(`No VM ${vmId}`);
    const mapping = { id: this.nextId('mappings'), policyId, vmId, zoneId: vm.zoneId, created };
    this.state.mappings.set(vmId, mapping);
    return mapping;
  }

  addBackup(seed: BackupSeed): Backup {
    const vm = this.state.vms.get(seed.vmId);
    const id = seed.id ?? this.nextId('backups');
    this.seeded('backups', id);
    const backup: Backup = {
      uuid: randomUUID(),
      name: defaultBackupName(vm?.name ?? seed.vmId, seed.date ?? new Date(0)),
      type: 'FULL',
      date: new Date(0),
      size: 0,
      protectedSize: 0,
      status: 'BackedUp',
      policyId: this.state.mappings.get(seed.vmId)?.policyId ?? '',
      accountId: vm?.accountId ?? '',
      domainId: vm?.domainId ?? '',
      zoneId: vm?.zoneId ?? '',
      volumes: vm?.backupVolumes ?? [],
      ...seed,
      id,
    };
    this.state.backups.set(id, backup);
    return backup;
  }

  // ----- inspection -----

  /** The VM row as the repository returns it, removed or not. */
  getVm(id: string): VirtualMachine | undefined {
    const record = this.state.vms.get(id);
    return record === undefined ? undefined : toVirtualMachine(this.state, record);
  }

  /** Non-removed volumes of the VM, ROOT first. */
  getVolumes(vmId: string): Volume[] {
    return volumesOf(this.state, vmId);
  }

  /** Every policy row, removed ones included, by id. */
  getPolicies(): BackupPolicy[] {
    return sortById([...this.state.policies.values()]);
  }

  /** Every mapping row, by id. */
  getMappings(): PolicyVmMapping[] {
    return sortById([...this.state.mappings.values()]);
  }

  /** Every backup row (of one VM, when given), removed ones included, by id. */
  getBackups(vmId?: string): Backup[] {
    return sortById(
      [...this.state.backups.values()].filter((b) => vmId === undefined || b.vmId === vmId),
    );
  }

  /** Committed action events, oldest first. */
  get actionEvents(): readonly ActionEvent[] {
    return [...this.state.actionEvents];
  }

  /** Committed usage events, oldest first. */
  get usageEvents(): readonly UsageEvent[] {
    return [...this.state.usageEvents];
  }

  /** Committed backup operations in flight, by id. */
  getOperations(): BackupOperation[] {
    return sortById([...this.state.operations.values()]);
  }

  /** Ids of the VMs a committed backup operation holds. */
  guardedVms(): string[] {
    return [...this.state.operations.values()].flatMap((operation) => operation.vmIds).sort(compareIds);
  }

  /** Pretends another management server owns an operation, e.g. one that died. */
  reassignOperation(operationId: string, ownerId: string): void {
    const operation = this.state.operations.get(operationId);
    if (operation === undefined) throw new Error(`No backup operation ${operationId}`);
    this.state.operations.set(operationId, { ...operation, ownerId });
  }

  private async lockRow(key: string, transactionId: number): Promise<void> {
    for (;;) {
      const lock = this.rowLocks.get(key);
      if (lock === undefined) break;
      if (lock.holder === transactionId) return;
      await lock.released;
    }
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    this.rowLocks.set(key, { holder: transactionId, released, release });
  }

  private claim(vmId: string, transactionId: number): void {
    const holder = this.claims.get(vmId);
    if (holder !== undefined && holder !== transactionId) {
      const uuid = this.state.vms.get(vmId)?.uuid ?? vmId;
      throw new BackupError(
        'OPERATION_IN_PROGRESS',
        `Another backup operation is in progress for VM ${uuid}, please try again later`,
        { retryable: true },
      );
    }
    this.claims.set(vmId, transactionId);
  }

  private nextId(table: TableName): string {
    const next = (this.sequences.get(table) ?? 0) + 1;
    this.sequences.set(table, next);
    return String(next);
  }

  /** Keeps generated ids clear of ids given by seeds. */
  private seeded(table: TableName, id: string): void {
    if (/^\d+$/.test(id)) {
      this.sequences.set(table, Math.max(this.sequences.get(table) ?? 0, Number(id)));
    }
  }
}

function sortById<T extends { readonly id: string }>(rows: T[]): T[] {
  return rows.sort((a, b) => compareIds(a.id, b.id));
}

/**
 * Creates an empty {@link InMemoryBackupStore}: the manager's repositories and transaction runner
 * in memory, with the framework keys' defaults (framework disabled, provider `dummy`).
 * @public
 * @since 1.0.0
 */
export function createInMemoryRepositories(
  options: InMemoryRepositoriesOptions = {},
): InMemoryBackupStore {
  return new InMemoryBackupStore(options);
}

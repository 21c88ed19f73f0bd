import { randomUUID } from 'node:crypto';

/** vSphere object types the simulated vCenter has (Veeam's `EVmwareInventoryType` names). */
export type InfraType =
  'Datacenter' | 'Cluster' | 'Host' | 'Datastore' | 'ResourcePool' | 'Folder' | 'Network';
export type PowerState = 'PoweredOn' | 'PoweredOff';

export interface InfraObject {
  readonly type: InfraType;
  /** The moref, e.g. `host-12`. */
  readonly objectId: string;
  readonly name: string;
  /** The vCenter as registered in VBR (its FQDN): every object's `hostName`. */
  readonly vcenter: string;
  /** Name of the containing datacenter or cluster, for `parentContainerNameFilter`. */
  readonly parentName: string;
}

export interface VirtualDisk {
  readonly name: string;
  readonly capacityBytes: number;
}

export interface VmRecord {
  /** The moref, e.g. `vm-1001`; a VM re-created by a restore gets a new one. */
  readonly objectId: string;
  name: string;
  readonly vcenter: string;
  hostObjectId: string;
  datastoreObjectId: string;
  folderObjectId: string;
  resourcePoolObjectId: string;
  powerState: PowerState;
  readonly disks: readonly VirtualDisk[];
  readonly instanceUuid: string;
  /** How often a restore replaced this VM in place (for tests that check it happened). */
  restoredInPlace: number;
}

export interface NewVm {
  name: string;
  hostObjectId?: string;
  datastoreObjectId?: string;
  powerState?: PowerState;
  /** Disk sizes in GiB; one 40 GiB disk when absent. */
  diskSizesGb?: readonly number[];
}

export interface VCenter {
  readonly id: string;
  readonly name: string;
}

const GIB = 1024 ** 3;

/** The vCenter(s) VBR knows: infrastructure objects and VMs, with vSphere-style morefs. */
export class Inventory {
  readonly vcenters: VCenter[] = [];
  readonly infra: InfraObject[] = [];
  private readonly vms = new Map<string, VmRecord>();
  private nextVmNumber = 1001;
  private nextInfraNumber = 10;

  addVCenter(name: string): VCenter {
    const existing = this.vcenters.find((vc) => vc.name === name);
    if (existing) return existing;
    const vcenter = { id: randomUUID(), name };
    this.vcenters.push(vcenter);
    return vcenter;
  }

  findVCenter(name: string): VCenter | undefined {
    return this.vcenters.find((vc) => vc.name.toLowerCase() === name.toLowerCase());
  }

  addInfra(vcenter: string, type: InfraType, name: string, parentName: string): InfraObject {
    const prefix: Record<InfraType, string> = {
      Datacenter: 'datacenter',
      Cluster: 'domain-c',
      Host: 'host',
      Datastore: 'datastore',
      ResourcePool: 'resgroup',
      Folder: 'group-v',
      Network: 'network',
    };
    const separator = type === 'Cluster' || type === 'Folder' ? '' : '-';
    const object: InfraObject = {
      type,
      objectId: `${prefix[type]}${separator}${this.nextInfraNumber++}`,
      name,
      vcenter,
      parentName,
    };
    this.infra.push(object);
    return object;
  }

  firstInfra(type: InfraType): InfraObject | undefined {
    return this.infra.find((object) => object.type === type);
  }

  findInfra(objectId: string): InfraObject | undefined {
    return this.infra.find((object) => object.objectId === objectId);
  }

  /** A host or datastore named in a restore spec: by moref, else by name. */
  resolveInfra(
    type: InfraType,
    ref: { objectId?: unknown; name?: unknown },
  ): InfraObject | undefined {
    const candidates = this.infra.filter((object) => object.type === type);
    if (typeof ref.objectId === 'string') {
      const byId = candidates.find((object) => object.objectId === ref.objectId);
      if (byId) return byId;
    }
    if (typeof ref.name === 'string') return candidates.find((object) => object.name === ref.name);
    return undefined;
  }

  addVm(vcenter: string, spec: NewVm): VmRecord {
    const host = spec.hostObjectId ?? this.firstInfra('Host')?.objectId;
    const datastore = spec.datastoreObjectId ?? this.firstInfra('Datastore')?.objectId;
    const folder = this.firstInfra('Folder')?.objectId;
    const pool = this.firstInfra('ResourcePool')?.objectId;
    if (!host || !datastore || !folder || !pool) {
      throw new Error('The inventory needs a host, datastore, folder and resource pool before VMs');
    }
    const objectId = `vm-${this.nextVmNumber++}`;
    const sizes = spec.diskSizesGb ?? [40];
    const vm: VmRecord = {
      objectId,
      name: spec.name,
      vcenter,
      hostObjectId: host,
      datastoreObjectId: datastore,
      folderObjectId: folder,
      resourcePoolObjectId: pool,
      powerState: spec.powerState ?? 'PoweredOn',
      disks: sizes.map((gb, index) => ({
        name: index === 0 ? spec.name : `${spec.name}_${index}`,
        capacityBytes: Math.round(gb * GIB),
      })),
      instanceUuid: randomUUID(),
      restoredInPlace: 0,
    };
    this.vms.set(objectId, vm);
    return vm;
  }

  getVm(objectId: string): VmRecord | undefined {
    return this.vms.get(objectId);
  }

  findVmByName(name: string): VmRecord | undefined {
    for (const vm of this.vms.values()) if (vm.name === name) return vm;
    return undefined;
  }

  removeVm(objectId: string): boolean {
    return this.vms.delete(objectId);
  }

  allVms(): IterableIterator<VmRecord> {
    return this.vms.values();
  }

  get vmCount(): number {
    return this.vms.size;
  }
}

export function provisionedBytes(vm: { readonly disks: readonly VirtualDisk[] }): number {
  return vm.disks.reduce((sum, disk) => sum + disk.capacityBytes, 0);
}

/** Veeam prints inventory sizes for people: "220 GB", "20.7 GB". */
export function humanSize(bytes: number): string {
  const gb = bytes / GIB;
  if (gb >= 1) return `${Number.isInteger(gb) ? gb : gb.toFixed(1)} GB`;
  return `${Math.round(bytes / 1024 ** 2)} MB`;
}

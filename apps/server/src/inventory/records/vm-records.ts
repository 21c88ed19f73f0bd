import { randomUUID } from 'node:crypto';

import { type EntityManager } from 'typeorm';

import { CLOUDSTACK_ROW_DEFAULTS, cloudStackVmColumns } from '../../database/cloudstack-row-defaults';
import { VmInstanceEntity, VolumeEntity } from '../../database/entities';
import { placeholders, sqlConcat } from '../support/sql-dialect';
import { nextDataDeviceId, ROOT_DEVICE_ID } from './device-ids';
import { insertMany } from './insert-many';

/** Rows per multi-row INSERT: well under MySQL's 65,535 and SQLite's 32,766 placeholders. */
export const ROWS_PER_INSERT = 1000;

/** A VM to record, as `deployVirtualMachine` and the bulk import describe it. */
export interface NewVm {
  /** Host name; `VM-<uuid>` when left out, as CloudStack names unnamed VMs. */
  readonly name?: string;
  readonly zoneId: string;
  readonly accountId: string;
  readonly domainId: string;
  /** The user who deployed it. */
  readonly userId: string;
  readonly state: string;
  readonly rootDiskBytes: number;
  readonly dataDiskBytes: readonly number[];
  readonly created: Date;
}

/** A recorded VM's ids. */
export interface RecordedVm {
  readonly id: string;
  readonly uuid: string;
}

/**
 * Records VMs as CloudStack's Simulator would leave them: a `vm_instance` row (hypervisor
 * `Simulator`, instance name `i-<accountId>-<vmId>-VM`) with a ROOT volume (device 0) and its data
 * disks (devices 1, 2, 4, …), all `Ready`. CloudStack's NOT NULL columns csbr has no data for get
 * `CLOUDSTACK_ROW_DEFAULTS`. Multi-row INSERTs, a constant number of statements per
 * thousand VMs; run it inside a transaction so that a failure leaves nothing behind.
 */
export async function insertVms(manager: EntityManager, vms: readonly NewVm[]): Promise<RecordedVm[]> {
  const recorded: RecordedVm[] = [];
  for (let start = 0; start < vms.length; start += ROWS_PER_INSERT) {
    recorded.push(...(await insertVmChunk(manager, vms.slice(start, start + ROWS_PER_INSERT))));
  }
  return recorded;
}

async function insertVmChunk(manager: EntityManager, vms: readonly NewVm[]): Promise<RecordedVm[]> {
  const uuids = vms.map(() => randomUUID());
  const rows = vms.map((vm, index) => {
    const uuid = uuids[index] ?? randomUUID();
    const name = vm.name ?? `VM-${uuid}`;
    return {
      name,
      uuid,
      // Needs the id; set right below in one UPDATE for the whole chunk.
      instanceName: '',
      state: vm.state,
      dataCenterId: vm.zoneId,
      accountId: vm.accountId,
      domainId: vm.domainId,
      userId: vm.userId,
      hypervisorType: 'Simulator',
      type: 'User',
      ...cloudStackVmColumns('User'),
      updateCount: '0',
      created: vm.created,
      removed: null,
    };
  });
  await insertMany(manager, VmInstanceEntity, rows);

  const idRows = await manager
    .createQueryBuilder(VmInstanceEntity, 'vm')
    .select(['vm.id', 'vm.uuid'])
    .where('vm.uuid IN (:...uuids)', { uuids })
    .getMany();
  const idByUuid = new Map(idRows.map((row) => [row.uuid ?? '', row.id]));
  const ids = uuids.map((uuid) => {
    const id = idByUuid.get(uuid);
    if (id === undefined) throw new Error(`VM ${uuid} was not found right after it was inserted`);
    return id;
  });

  const instanceName = sqlConcat(manager.connection, "'i-'", 'account_id', "'-'", 'id', "'-VM'");
  await manager.query(`UPDATE vm_instance SET instance_name = ${instanceName} WHERE id IN (${placeholders(ids.length)})`, ids);

  const volumes = vms.flatMap((vm, index) => volumeRows(vm, ids[index] ?? ''));
  for (let start = 0; start < volumes.length; start += ROWS_PER_INSERT) {
    await insertMany(manager, VolumeEntity, volumes.slice(start, start + ROWS_PER_INSERT));
  }
  return ids.map((id, index) => ({ id, uuid: uuids[index] ?? '' }));
}

function volumeRows(vm: NewVm, vmId: string): Partial<VolumeEntity>[] {
  const used = new Set<number>([ROOT_DEVICE_ID]);
  const volume = (type: 'ROOT' | 'DATADISK', name: string, bytes: number, deviceId: number): Partial<VolumeEntity> => ({
    uuid: randomUUID(),
    name,
    accountId: vm.accountId,
    domainId: vm.domainId,
    instanceId: vmId,
    deviceId: String(deviceId),
    dataCenterId: vm.zoneId,
    volumeType: type,
    size: String(bytes),
    // The Simulator's primary storage keeps a volume under its uuid.
    path: randomUUID(),
    poolId: null,
    diskOfferingId: CLOUDSTACK_ROW_DEFAULTS.diskOfferingId,
    state: 'Ready',
    chainInfo: null,
    created: vm.created,
    attached: vm.created,
    removed: null,
  });
  const rows = [volume('ROOT', `ROOT-${vmId}`, vm.rootDiskBytes, ROOT_DEVICE_ID)];
  for (const bytes of vm.dataDiskBytes) {
    const deviceId = nextDataDeviceId(used);
    used.add(deviceId);
    rows.push(volume('DATADISK', `DATA-${vmId}`, bytes, deviceId));
  }
  return rows;
}

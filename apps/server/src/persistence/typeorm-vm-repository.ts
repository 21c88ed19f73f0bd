import { randomUUID } from 'node:crypto';

import { type VirtualMachine, type Volume, type VolumeInfo } from '@csbr/framework';
import {
  type Clock,
  type NewRestoredVolume,
  type NewVmFromBackup,
  type VmRepository,
} from '@csbr/framework/host';
import { type EntityManager, type SelectQueryBuilder } from 'typeorm';

import { CLOUDSTACK_ROW_DEFAULTS } from '../database/cloudstack-row-defaults';
import { BackupPolicyVmMapEntity, VmInstanceEntity, VolumeEntity } from '../database/entities';
import { insertVms } from '../inventory/records/vm-records';
import { EntitySql } from './entity-sql';
import { insertRow } from './insert-row';
import { rawOptionalText } from './query-rows';
import { toVirtualMachine, toVolume } from './vm-mapping';
import { volumeInfosToJson } from './volume-info-json';

/** VMs (`vm_instance`), their volumes and their backup fields. */
export class TypeOrmVmRepository implements VmRepository {
  constructor(private readonly manager: EntityManager, private readonly clock: Clock) {}

  async findById(
    id: string,
    options?: { includeRemoved?: boolean },
  ): Promise<VirtualMachine | undefined> {
    // Hand-written: every job reads its VM (with its policy) once before the guard and once under it.
    const vm = EntitySql.of(this.manager, VmInstanceEntity, 'vm');
    const rows: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${vm.select}, map.policy_id AS mapped_policy_id FROM ${vm.table} vm ` +
        'LEFT JOIN backup_policy_vm_map map ON map.vm_id = vm.id WHERE vm.id = ?' +
        (options?.includeRemoved === true ? '' : ' AND vm.removed IS NULL'),
      [id],
    );
    const row = rows[0];
    return row === undefined ? undefined : toVirtualMachine(vm.entityOf(row), sqlOptionalId(row.mapped_policy_id));
  }

  async listVolumes(vmId: string): Promise<readonly Volume[]> {
    const volume = EntitySql.of(this.manager, VolumeEntity, 'volume');
    const rows: Record<string, unknown>[] = await this.manager.query(
      `SELECT ${volume.select} FROM ${volume.table} volume WHERE volume.instance_id = ? AND volume.removed IS NULL ` +
        "ORDER BY CASE WHEN volume.volume_type = 'ROOT' THEN 0 ELSE 1 END, " +
        'CASE WHEN volume.device_id IS NULL THEN 1 ELSE 0 END, volume.device_id, volume.id',
      [vmId],
    );
    return rows.map((row) => toVolume(volume.entityOf(row)));
  }

  async updateBackupFields(
    vmId: string,
    fields: { readonly externalId: string | null; readonly volumes: readonly VolumeInfo[] | null },
  ): Promise<void> {
    await this.manager.update(
      VmInstanceEntity,
      { id: vmId },
      {
        backupExternalId: fields.externalId,
        backupVolumes: fields.volumes === null ? null : volumeInfosToJson(fields.volumes),
      },
    );
  }

  async listProtected(
    zoneId: string,
    afterId: string | undefined,
    limit: number,
  ): Promise<readonly VirtualMachine[]> {
    const query = this.protectedVms(zoneId).orderBy('vm.id', 'ASC').limit(limit);
    if (afterId !== undefined) query.andWhere('vm.id > :afterId', { afterId });
    return protectedVmsOf(await query.getRawMany<Record<string, unknown>>());
  }

  async listProtectedByUuids(zoneId: string, uuids: readonly string[]): Promise<readonly VirtualMachine[]> {
    if (uuids.length === 0) return [];
    const query = this.protectedVms(zoneId).andWhere('vm.uuid IN (:...uuids)', { uuids: [...uuids] });
    return protectedVmsOf(await query.getRawMany<Record<string, unknown>>());
  }

  /**
   * The zone's non-removed VMs that have a policy, as raw rows of the columns a VM needs: the sync
   * reads them a thousand at a time, and hydrating entities only to map them again costs more than
   * the query.
   */
  private protectedVms(zoneId: string): SelectQueryBuilder<VmInstanceEntity> {
    return this.manager
      .createQueryBuilder(VmInstanceEntity, 'vm')
      .innerJoin(BackupPolicyVmMapEntity, 'map', 'map.vmId = vm.id')
      .select('vm.id', 'id')
      .addSelect('vm.uuid', 'uuid')
      .addSelect('vm.name', 'name')
      .addSelect('vm.instanceName', 'instanceName')
      .addSelect('vm.state', 'state')
      .addSelect('vm.dataCenterId', 'dataCenterId')
      .addSelect('vm.accountId', 'accountId')
      .addSelect('vm.domainId', 'domainId')
      .addSelect('vm.hypervisorType', 'hypervisorType')
      .addSelect('vm.backupExternalId', 'backupExternalId')
      .addSelect('vm.backupVolumes', 'backupVolumes')
      .addSelect('map.policyId', 'policyId')
      .where('vm.dataCenterId = :zoneId', { zoneId })
      .andWhere('vm.removed IS NULL');
  }

  async attachRestoredVolume(vm: VirtualMachine, volume: NewRestoredVolume): Promise<Volume> {
    const deviceId = (await this.highestDeviceId(vm.id)) + 1;
    const now = this.clock.now();
    const uuid = randomUUID();
    const id = await insertRow(this.manager, VolumeEntity, {
      uuid,
      name: volume.name,
      accountId: vm.accountId,
      domainId: vm.domainId,
      instanceId: vm.id,
      deviceId: String(deviceId),
      dataCenterId: vm.zoneId,
      volumeType: 'DATADISK',
      size: String(volume.size),
      path: volume.path ?? null,
      diskOfferingId: CLOUDSTACK_ROW_DEFAULTS.diskOfferingId,
      state: 'Ready',
      created: now,
      attached: now,
    });
    return {
      id,
      uuid,
      name: volume.name,
      type: 'DATADISK',
      size: volume.size,
      deviceId,
      vmId: vm.id,
      zoneId: vm.zoneId,
      accountId: vm.accountId,
      domainId: vm.domainId,
      ...(volume.path === undefined ? {} : { path: volume.path }),
      ...(volume.poolUuid === undefined ? {} : { poolUuid: volume.poolUuid }),
    };
  }

  /**
   * Records the VM as `deployVirtualMachine` does (the inventory's Simulator rows: a ROOT volume and
   * the data disks, all `Ready`), with the backed-up VM's hypervisor. Stopped until the restore ends.
   */
  async recordVmFromBackup(vm: NewVmFromBackup): Promise<VirtualMachine> {
    const root = vm.volumes.find((volume) => volume.type === 'ROOT');
    const [recorded] = await insertVms(this.manager, [
      {
        ...(vm.name === undefined ? {} : { name: vm.name }),
        zoneId: vm.zoneId,
        accountId: vm.accountId,
        domainId: vm.domainId,
        userId: vm.userId,
        state: 'Stopped',
        rootDiskBytes: root?.size ?? 0,
        dataDiskBytes: vm.volumes.filter((volume) => volume.type !== 'ROOT').map((volume) => volume.size),
        created: vm.created,
      },
    ]);
    if (recorded === undefined) throw new Error('The VM created from a backup was not recorded');
    await this.manager.update(VmInstanceEntity, { id: recorded.id }, { hypervisorType: vm.hypervisorType });
    const created = await this.findById(recorded.id);
    if (created === undefined) throw new Error(`VM ${recorded.uuid} was not found right after it was recorded`);
    return created;
  }

  /** The VM goes as an expunged one would: `Expunging` and removed, its volumes removed with it. */
  async discardVmFromBackup(vmId: string, at: Date): Promise<void> {
    await this.manager.update(VmInstanceEntity, { id: vmId }, { state: 'Expunging', removed: at });
    await this.manager
      .createQueryBuilder()
      .update(VolumeEntity)
      .set({ state: 'Expunged', removed: at })
      .where('instanceId = :vmId', { vmId })
      .andWhere('removed IS NULL')
      .execute();
  }

  private async highestDeviceId(vmId: string): Promise<number> {
    const row = await this.manager
      .createQueryBuilder(VolumeEntity, 'volume')
      .select('MAX(volume.deviceId)', 'highest')
      .where('volume.instanceId = :vmId', { vmId })
      .andWhere('volume.removed IS NULL')
      .getRawOne<{ highest: string | number | null }>();
    return row?.highest === null || row?.highest === undefined ? 0 : Number(row.highest);
  }
}

/** VMs from the raw rows of {@link TypeOrmVmRepository.protectedVms}. */
function protectedVmsOf(rows: readonly Record<string, unknown>[]): VirtualMachine[] {
  return rows.map((row) =>
    toVirtualMachine(
      {
        id: String(row['id']),
        uuid: rawOptionalText(row, 'uuid') ?? null,
        name: String(row['name']),
        instanceName: String(row['instanceName']),
        state: String(row['state']),
        dataCenterId: String(row['dataCenterId']),
        accountId: String(row['accountId']),
        domainId: String(row['domainId']),
        hypervisorType: rawOptionalText(row, 'hypervisorType') ?? null,
        backupExternalId: rawOptionalText(row, 'backupExternalId') ?? null,
        backupVolumes: rawOptionalText(row, 'backupVolumes') ?? null,
        removed: null,
      } as VmInstanceEntity,
      rawOptionalText(row, 'policyId'),
    ),
  );
}

/** A nullable id column as text (MySQL hands bigints back as strings, sql.js as numbers). */
function sqlOptionalId(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint') return value.toString();
  return undefined;
}

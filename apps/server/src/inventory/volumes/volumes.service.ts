import { Inject, Injectable } from '@nestjs/common';
import { type AccessChecker, type AccountScope, type Caller, type Page, type PageRequest } from '@csbr/framework/host';
import { DataSource, type EntityManager, IsNull } from 'typeorm';

import { BackupPolicyVmMapEntity, VmInstanceEntity, VolumeEntity } from '../../database/entities';
import { applyAccountScope } from '../../persistence/account-scope';
import { containsPattern, LIKE_ESCAPE } from '../../persistence/like-pattern';
import { entityRows, fetchPage } from '../../persistence/query-rows';
import { nextDataDeviceId, ROOT_DEVICE_ID } from '../records/device-ids';
import { invalidParameter, permissionDenied } from '../../api/errors/cloudstack-exceptions';
import { INVENTORY_ACCESS_CHECKER } from '../support/inventory-tokens';
import { runInTransaction } from '../../persistence/run-in-transaction';
import { supportsRowLocks } from '../support/sql-dialect';
import { selectVolumeViews, toVolumeView, type VolumeView } from './volume-view';

/** Filters of `listVolumes`. */
export interface VolumeQuery {
  readonly id?: string;
  readonly name?: string;
  readonly type?: string;
  readonly vmId?: string;
  readonly zoneId?: string;
  readonly keyword?: string;
  readonly scope: AccountScope;
}

/** Which volume `detachVolume` means: its id, or the VM and device it sits on. */
export interface DetachTarget {
  readonly volumeId?: string;
  readonly vmId?: string;
  readonly deviceId?: number;
}

/** Exact wording of CloudStack's refusals on VMs with backups (spec §2.6), policy-era naming. */
export const ATTACH_REFUSED_WITH_BACKUPS = 'Unable to attach volume, please specify a VM that does not have any backups';
export const DETACH_REFUSED_WITH_BACKUPS =
  'Unable to detach volume, cannot detach volume from a VM that has backups. First remove the VM from the backup policy';

const ATTACHABLE_VM_STATES = ['Running', 'Stopped'];

/** Volumes (`volumes`): listing, attaching and detaching data disks. */
@Injectable()
export class VolumesService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INVENTORY_ACCESS_CHECKER) private readonly access: AccessChecker,
  ) {}

  async list(query: VolumeQuery, page: PageRequest): Promise<Page<VolumeView>> {
    const builder = selectVolumeViews(this.dataSource.manager);
    applyAccountScope(builder, query.scope, { account: 'volume.accountId', domain: 'volume.domainId', joinedDomainAlias: 'domain' });
    if (query.id !== undefined) builder.andWhere('volume.id = :id', { id: query.id });
    if (query.name !== undefined) builder.andWhere('volume.name = :name', { name: query.name });
    if (query.type !== undefined) builder.andWhere('volume.volumeType = :type', { type: query.type.toUpperCase() });
    if (query.vmId !== undefined) builder.andWhere('volume.instanceId = :vmId', { vmId: query.vmId });
    if (query.zoneId !== undefined) builder.andWhere('volume.dataCenterId = :zoneId', { zoneId: query.zoneId });
    if (query.keyword !== undefined) {
      builder.andWhere(`volume.name LIKE :keyword ${LIKE_ESCAPE}`, { keyword: containsPattern(query.keyword) });
    }
    return fetchPage(builder, page, toVolumeView);
  }

  /**
   * Attaches a detached data disk to a VM of the same account and zone, on `deviceId` or the
   * lowest free device. Refused while the VM has a backup policy. The VM's row is locked for the
   * transaction, so a concurrent policy assignment either sees the new disk or comes first.
   */
  async attach(caller: Caller, volumeId: string, vmId: string, deviceId: number | undefined): Promise<VolumeView> {
    await runInTransaction(this.dataSource, async (manager) => {
      const volume = await this.requireVolume(manager, caller, volumeId);
      const vm = await this.requireLockedVm(manager, caller, vmId);
      if (volume.instanceId !== null) throw invalidParameter('Please specify a volume that is not attached to any VM.');
      if (!ATTACHABLE_VM_STATES.includes(vm.state)) throw invalidParameter('Please specify a VM that is either running or stopped.');
      if (await hasBackupPolicy(manager, vm.id)) throw invalidParameter(ATTACH_REFUSED_WITH_BACKUPS);
      if (vm.dataCenterId !== volume.dataCenterId) {
        throw invalidParameter('Please specify a VM that is in the same zone as the volume.');
      }
      if (vm.accountId !== volume.accountId) {
        throw permissionDenied(`Volume ${volume.uuid ?? ''} and VM ${vm.uuid ?? ''} belong to different accounts`);
      }
      const used = await usedDeviceIds(manager, vm.id);
      if (deviceId !== undefined) {
        if (deviceId === ROOT_DEVICE_ID) throw invalidParameter("deviceId can't be 0, which is used by Root device");
        if (used.has(deviceId)) throw invalidParameter(`deviceId ${deviceId} is used by VM ${vm.uuid ?? ''}`);
      }
      await manager.update(
        VolumeEntity,
        { id: volume.id },
        { instanceId: vm.id, deviceId: String(deviceId ?? nextDataDeviceId(used)), attached: new Date() },
      );
    });
    return this.requireView(volumeId);
  }

  /** Detaches a data disk from its VM; refused while the VM has a backup policy. */
  async detach(caller: Caller, target: DetachTarget): Promise<VolumeView> {
    const volumeId = await runInTransaction(this.dataSource, async (manager) => {
      const volume = await this.findDetachTarget(manager, caller, target);
      if (volume.instanceId === null) throw invalidParameter('The specified volume is not attached to a VM.');
      const vm = await this.requireLockedVm(manager, caller, volume.instanceId);
      if (volume.volumeType === 'ROOT') {
        throw invalidParameter(`Root volume detach is not supported for hypervisor type ${vm.hypervisorType ?? 'Simulator'}`);
      }
      if (!ATTACHABLE_VM_STATES.includes(vm.state)) throw invalidParameter('Please specify a VM that is either running or stopped.');
      if (await hasBackupPolicy(manager, vm.id)) throw invalidParameter(DETACH_REFUSED_WITH_BACKUPS);
      await manager.update(VolumeEntity, { id: volume.id }, { instanceId: null, deviceId: null, attached: null });
      return volume.id;
    });
    return this.requireView(volumeId);
  }

  private async findDetachTarget(manager: EntityManager, caller: Caller, target: DetachTarget): Promise<VolumeEntity> {
    if (target.volumeId !== undefined) return this.requireVolume(manager, caller, target.volumeId);
    if (target.vmId === undefined || target.deviceId === undefined) {
      throw invalidParameter('Please provide either a volume id, or a tuple(device id, instance id)');
    }
    const volume = await manager.findOneBy(VolumeEntity, {
      instanceId: target.vmId,
      deviceId: String(target.deviceId),
      removed: IsNull(),
    });
    if (volume === null) throw invalidParameter('Unable to find volume with the specified device id on the VM');
    await this.access.checkAccess(caller, { accountId: volume.accountId, domainId: volume.domainId });
    return volume;
  }

  private async requireVolume(manager: EntityManager, caller: Caller, id: string): Promise<VolumeEntity> {
    const volume = await manager.findOneBy(VolumeEntity, { id, removed: IsNull() });
    if (volume === null) throw invalidParameter('Unable to find volume with specified id');
    await this.access.checkAccess(caller, { accountId: volume.accountId, domainId: volume.domainId });
    return volume;
  }

  private async requireLockedVm(manager: EntityManager, caller: Caller, id: string): Promise<VmInstanceEntity> {
    const query = manager
      .createQueryBuilder(VmInstanceEntity, 'vm')
      .where('vm.id = :id', { id })
      .andWhere('vm.removed IS NULL');
    if (supportsRowLocks(this.dataSource)) query.setLock('pessimistic_write');
    const vm = await query.getOne();
    if (vm === null) throw invalidParameter('Unable to find virtual machine with specified id');
    await this.access.checkAccess(caller, { accountId: vm.accountId, domainId: vm.domainId });
    return vm;
  }

  private async requireView(id: string): Promise<VolumeView> {
    const [row] = await entityRows(selectVolumeViews(this.dataSource.manager).andWhere('volume.id = :id', { id }));
    if (row === undefined) throw invalidParameter('Unable to find volume with specified id');
    return toVolumeView(row);
  }
}

async function hasBackupPolicy(manager: EntityManager, vmId: string): Promise<boolean> {
  return manager.existsBy(BackupPolicyVmMapEntity, { vmId });
}

async function usedDeviceIds(manager: EntityManager, vmId: string): Promise<Set<number>> {
  const volumes = await manager.find(VolumeEntity, {
    select: { id: true, deviceId: true },
    where: { instanceId: vmId, removed: IsNull() },
  });
  return new Set(volumes.flatMap((volume) => (volume.deviceId === null ? [] : [Number(volume.deviceId)])));
}

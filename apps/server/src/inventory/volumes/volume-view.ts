import { type EntityManager, type SelectQueryBuilder } from 'typeorm';

import { AccountEntity, DataCenterEntity, DomainEntity, VmInstanceEntity, VolumeEntity } from '../../database/entities';
import { type EntityRow, rawOptionalText, rawText } from '../../persistence/query-rows';
import { field } from '../support/response-field';

/** A volume with its zone, owner and VM names, read in one statement. */
export interface VolumeView {
  readonly volume: VolumeEntity;
  readonly zoneUuid: string;
  readonly zoneName: string;
  readonly accountName: string;
  readonly domainUuid: string;
  readonly domainName: string;
  readonly vmUuid?: string;
  readonly vmName?: string;
  readonly vmState?: string;
  readonly hypervisor?: string;
}

/** Volumes that are not removed, joined with what their response shows (each join many-to-one). */
export function selectVolumeViews(manager: EntityManager): SelectQueryBuilder<VolumeEntity> {
  return manager
    .createQueryBuilder(VolumeEntity, 'volume')
    .innerJoin(DataCenterEntity, 'zone', 'zone.id = volume.dataCenterId')
    .innerJoin(AccountEntity, 'account', 'account.id = volume.accountId')
    .innerJoin(DomainEntity, 'domain', 'domain.id = volume.domainId')
    .leftJoin(VmInstanceEntity, 'vm', 'vm.id = volume.instanceId')
    .addSelect('zone.uuid', 'zoneUuid')
    .addSelect('zone.name', 'zoneName')
    .addSelect('account.accountName', 'accountName')
    .addSelect('domain.uuid', 'domainUuid')
    .addSelect('domain.name', 'domainName')
    .addSelect('vm.uuid', 'vmUuid')
    .addSelect('vm.name', 'vmName')
    .addSelect('vm.state', 'vmState')
    .addSelect('vm.hypervisorType', 'hypervisor')
    .where('volume.removed IS NULL');
}

export function toVolumeView(row: EntityRow<VolumeEntity>): VolumeView {
  return {
    volume: row.entity,
    zoneUuid: rawText(row.raw, 'zoneUuid'),
    zoneName: rawText(row.raw, 'zoneName'),
    accountName: rawText(row.raw, 'accountName'),
    domainUuid: rawText(row.raw, 'domainUuid'),
    domainName: rawText(row.raw, 'domainName'),
    vmUuid: rawOptionalText(row.raw, 'vmUuid'),
    vmName: rawOptionalText(row.raw, 'vmName'),
    vmState: rawOptionalText(row.raw, 'vmState'),
    hypervisor: rawOptionalText(row.raw, 'hypervisor'),
  };
}

/** CloudStack's `VolumeResponse` (object name `volume`), the fields csbr has, in CloudStack's order. */
export function toVolumeResponse(view: VolumeView): object {
  const { volume } = view;
  return {
    id: volume.uuid ?? '',
    name: volume.name ?? '',
    zoneid: view.zoneUuid,
    zonename: view.zoneName,
    type: volume.volumeType,
    deviceid: volume.deviceId === null ? undefined : Number(volume.deviceId),
    virtualmachineid: view.vmUuid,
    vmname: view.vmName,
    vmdisplayname: view.vmName,
    vmstate: view.vmState,
    size: Number(volume.size),
    created: volume.created,
    state: volume.state ?? undefined,
    account: view.accountName,
    domainid: view.domainUuid,
    domain: view.domainName,
    storagetype: 'shared',
    hypervisor: view.hypervisor,
    destroyed: volume.state === 'Destroy',
    attached: volume.attached ?? undefined,
  };
}

export const VOLUME_RESPONSE = {
  objectName: 'volume',
  fields: [
    field('id', 'string', 'ID of the disk volume'),
    field('name', 'string', 'name of the disk volume'),
    field('zoneid', 'string', 'ID of the availability zone'),
    field('zonename', 'string', 'name of the availability zone'),
    field('type', 'string', 'type of the disk volume (ROOT or DATADISK)'),
    field('deviceid', 'long', 'the ID of the device on user vm the volume is attahed to. This tag is not returned when the volume is detached.'),
    field('virtualmachineid', 'string', 'id of the virtual machine'),
    field('vmname', 'string', 'name of the virtual machine'),
    field('vmdisplayname', 'string', 'display name of the virtual machine'),
    field('vmstate', 'string', 'state of the virtual machine'),
    field('size', 'long', 'size of the disk volume'),
    field('created', 'date', 'the date the disk volume was created'),
    field('state', 'string', 'the state of the disk volume'),
    field('account', 'string', 'the account associated with the disk volume'),
    field('domainid', 'string', 'the ID of the domain associated with the disk volume'),
    field('domain', 'string', 'the domain associated with the disk volume'),
    field('storagetype', 'string', 'shared or local storage'),
    field('hypervisor', 'string', 'Hypervisor the volume belongs to'),
    field('destroyed', 'boolean', 'the boolean state of whether the volume is destroyed or not'),
    field('attached', 'date', 'the date the volume was attached to a VM instance'),
  ],
} as const;

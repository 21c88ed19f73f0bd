import { randomUUID } from 'node:crypto';

import { type EntityManager } from 'typeorm';

import {
  AccountEntity,
  AccountType,
  DataCenterEntity,
  DomainEntity,
  VmInstanceEntity,
  VolumeEntity,
} from '../../../src/database/entities';
import { CLOUDSTACK_ROW_DEFAULTS, cloudStackVmColumns } from '../../../src/database/cloudstack-row-defaults';

const CREATED = new Date('2020-01-01T00:00:00Z');

export interface SeededDomain {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly path: string;
}

export interface SeededAccount {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly domainId: string;
}

export interface SeededZone {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
}

export interface SeededVm {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly zoneId: string;
  readonly accountId: string;
  readonly domainId: string;
}

/** Writes CloudStack rows the server only reads (domains, accounts, zones, VMs, volumes). */
export class Seeder {
  constructor(private readonly manager: EntityManager) {}

  async domain(name: string, path: string, parent?: SeededDomain): Promise<SeededDomain> {
    const saved = await this.manager.save(DomainEntity, {
      uuid: randomUUID(),
      name,
      path,
      parent: parent?.id ?? null,
      owner: '2',
      level: path === '/' ? 0 : path.split('/').length - 2,
      created: CREATED,
    });
    return { id: saved.id, uuid: saved.uuid ?? '', name, path };
  }

  async account(
    name: string,
    domain: SeededDomain,
    type: number = AccountType.User,
  ): Promise<SeededAccount> {
    const saved = await this.manager.save(AccountEntity, {
      uuid: randomUUID(),
      accountName: name,
      type,
      domainId: domain.id,
      created: CREATED,
    });
    return { id: saved.id, uuid: saved.uuid ?? '', name, domainId: domain.id };
  }

  async zone(name: string, options: { removed?: Date } = {}): Promise<SeededZone> {
    const saved = await this.manager.save(DataCenterEntity, {
      uuid: randomUUID(),
      name,
      dns1: '8.8.8.8',
      internalDns1: '10.0.0.1',
      created: CREATED,
      removed: options.removed ?? null,
    });
    return { id: saved.id, uuid: saved.uuid ?? '', name };
  }

  async vm(
    name: string,
    zone: SeededZone,
    account: SeededAccount,
    options: { state?: string; removed?: Date } = {},
  ): Promise<SeededVm> {
    const saved = await this.manager.save(VmInstanceEntity, {
      uuid: randomUUID(),
      name,
      instanceName: `i-${account.id}-${name}-VM`,
      state: options.state ?? 'Running',
      dataCenterId: zone.id,
      accountId: account.id,
      domainId: account.domainId,
      hypervisorType: 'Simulator',
      ...cloudStackVmColumns(),
      created: CREATED,
      removed: options.removed ?? null,
    });
    return {
      id: saved.id,
      uuid: saved.uuid ?? '',
      name,
      zoneId: zone.id,
      accountId: account.id,
      domainId: account.domainId,
    };
  }

  async volume(
    vm: SeededVm,
    fields: { type: 'ROOT' | 'DATADISK'; deviceId: number | null; size?: number; removed?: Date },
  ): Promise<{ readonly id: string; readonly uuid: string }> {
    const saved = await this.manager.save(VolumeEntity, {
      uuid: randomUUID(),
      name: `${fields.type}-${vm.name}-${String(fields.deviceId)}`,
      accountId: vm.accountId,
      domainId: vm.domainId,
      instanceId: vm.id,
      deviceId: fields.deviceId === null ? null : String(fields.deviceId),
      dataCenterId: vm.zoneId,
      volumeType: fields.type,
      size: String(fields.size ?? 1024),
      path: `/volumes/${vm.name}/${String(fields.deviceId)}`,
      diskOfferingId: CLOUDSTACK_ROW_DEFAULTS.diskOfferingId,
      state: 'Ready',
      created: CREATED,
      removed: fields.removed ?? null,
    });
    return { id: saved.id, uuid: saved.uuid ?? '' };
  }
}

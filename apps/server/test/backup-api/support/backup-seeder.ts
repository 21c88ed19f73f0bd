import { randomBytes, randomUUID } from 'node:crypto';

import { type DataSource, In } from 'typeorm';

import { type SecretCipher } from '../../../src/configuration/secret-cipher';
import { CLOUDSTACK_ROW_DEFAULTS, cloudStackVmColumns } from '../../../src/database/cloudstack-row-defaults';
import {
  AccountEntity,
  AccountType,
  BackupEntity,
  BackupPolicyVmMapEntity,
  DataCenterEntity,
  DomainEntity,
  UserEntity,
  VmInstanceEntity,
  VolumeEntity,
} from '../../../src/database/entities';

export interface SeededZone {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
}

export interface SeededAccount {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly domainId: string;
  readonly domainUuid: string;
  readonly apiKey: string;
  readonly secretKey: string;
}

export interface SeededVm {
  readonly id: string;
  readonly uuid: string;
  readonly name: string;
  readonly zone: SeededZone;
  readonly account: SeededAccount;
  readonly rootVolumeUuid: string;
  readonly dataVolumeUuid: string;
}

/**
 * Writes the CloudStack rows the backup API only reads (zones, accounts with a keyed user, VMs
 * with a ROOT and a DATADISK volume) straight into the test's database, so these tests depend on
 * the backup commands alone.
 */
export class BackupSeeder {
  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
  ) {}

  async zone(name: string): Promise<SeededZone> {
    const uuid = randomUUID();
    await this.dataSource.getRepository(DataCenterEntity).insert({
      uuid,
      name,
      dns1: '8.8.8.8',
      internalDns1: '10.0.0.1',
      created: new Date(),
      removed: null,
    });
    const saved = await this.dataSource.getRepository(DataCenterEntity).findOneByOrFail({ uuid });
    return { id: saved.id, uuid, name };
  }

  /** An account in ROOT with one enabled user holding a fresh API key pair. */
  async account(name: string, type: number = AccountType.User): Promise<SeededAccount> {
    const domain = await this.dataSource.getRepository(DomainEntity).findOneByOrFail({ path: '/' });
    const uuid = randomUUID();
    await this.dataSource.getRepository(AccountEntity).insert({
      uuid,
      accountName: name,
      type,
      roleId: type === AccountType.Admin ? '1' : '4',
      domainId: domain.id,
      state: 'enabled',
      created: new Date(),
      removed: null,
    });
    const account = await this.dataSource.getRepository(AccountEntity).findOneByOrFail({ uuid });
    const apiKey = randomBytes(32).toString('base64url');
    const secretKey = randomBytes(32).toString('base64url');
    await this.dataSource.getRepository(UserEntity).insert({
      uuid: randomUUID(),
      username: `${name}-user`,
      password: '!',
      accountId: account.id,
      firstname: name,
      lastname: 'user',
      email: null,
      state: 'enabled',
      apiKey,
      secretKey: this.cipher.encrypt(secretKey),
      timezone: null,
      created: new Date(),
      removed: null,
    });
    return {
      id: account.id,
      uuid,
      name,
      domainId: domain.id,
      domainUuid: domain.uuid ?? '',
      apiKey,
      secretKey,
    };
  }

  /** The seeded `admin` account (ROOT admin), for ownership assertions. */
  async adminAccount(): Promise<{ readonly id: string; readonly uuid: string }> {
    const account = await this.dataSource
      .getRepository(AccountEntity)
      .findOneByOrFail({ accountName: 'admin' });
    return { id: account.id, uuid: account.uuid ?? '' };
  }

  async vm(name: string, zone: SeededZone, account: SeededAccount, state = 'Running'): Promise<SeededVm> {
    const uuid = randomUUID();
    const vms = this.dataSource.getRepository(VmInstanceEntity);
    await vms.insert({
      uuid,
      name,
      instanceName: `i-${account.id}-${name}-VM`,
      state,
      dataCenterId: zone.id,
      accountId: account.id,
      domainId: account.domainId,
      hypervisorType: 'Simulator',
      ...cloudStackVmColumns(),
      created: new Date(),
      removed: null,
    });
    const vm = await vms.findOneByOrFail({ uuid });
    const rootVolumeUuid = await this.volume(vm, 'ROOT', 0, 8 * 1024 ** 3);
    const dataVolumeUuid = await this.volume(vm, 'DATADISK', 1, 20 * 1024 ** 3);
    return { id: vm.id, uuid, name, zone, account, rootVolumeUuid, dataVolumeUuid };
  }

  /**
   * `count` VMs of the account in the zone, already assigned to the policy (internal id), written
   * in bulk (no volumes): for load tests that need many protected VMs. Returns their uuids.
   */
  async protectedVms(prefix: string, count: number, zone: SeededZone, account: SeededAccount, policyId: string): Promise<string[]> {
    const uuids = Array.from({ length: count }, () => randomUUID());
    const vms = uuids.map((uuid, index) => ({
      uuid,
      name: `${prefix}-${index}`,
      instanceName: `i-${account.id}-${prefix}-${index}-VM`,
      state: 'Stopped',
      dataCenterId: zone.id,
      accountId: account.id,
      domainId: account.domainId,
      hypervisorType: 'Simulator',
      ...cloudStackVmColumns(),
      created: new Date(),
      removed: null,
    }));
    for (let start = 0; start < vms.length; start += 200) {
      await this.dataSource.getRepository(VmInstanceEntity).insert(vms.slice(start, start + 200));
    }
    const saved = await this.dataSource.getRepository(VmInstanceEntity).findBy({ uuid: In(uuids) });
    const mappings = saved.map((vm) => ({ policyId, vmId: vm.id, zoneId: zone.id, created: new Date() }));
    for (let start = 0; start < mappings.length; start += 200) {
      await this.dataSource.getRepository(BackupPolicyVmMapEntity).insert(mappings.slice(start, start + 200));
    }
    return uuids;
  }

  async setVmState(vm: SeededVm, state: string): Promise<void> {
    await this.dataSource.getRepository(VmInstanceEntity).update({ id: vm.id }, { state });
  }

  /**
   * `count` backup rows of the VM written directly (for listing at scale), with policy `policyId`
   * (internal id).
   */
  async backups(vm: SeededVm, policyId: string, count: number): Promise<void> {
    const rows = Array.from({ length: count }, (_, index) => ({
      uuid: randomUUID(),
      vmId: vm.id,
      name: `${vm.name}-seeded-${index}`,
      externalId: `seeded-${index}`,
      type: 'FULL',
      date: new Date(Date.UTC(2024, 0, 1, 0, 0, index)),
      size: '1024',
      protectedSize: '1024000',
      status: 'BackedUp',
      policyId,
      accountId: vm.account.id,
      domainId: vm.account.domainId,
      zoneId: vm.zone.id,
      volumes: '[]',
      removed: null,
    }));
    for (let start = 0; start < rows.length; start += 200) {
      await this.dataSource.getRepository(BackupEntity).insert(rows.slice(start, start + 200));
    }
  }

  private async volume(vm: VmInstanceEntity, type: 'ROOT' | 'DATADISK', deviceId: number, size: number): Promise<string> {
    const uuid = randomUUID();
    await this.dataSource.getRepository(VolumeEntity).insert({
      uuid,
      name: `${type}-${vm.id}`,
      accountId: vm.accountId,
      domainId: vm.domainId,
      instanceId: vm.id,
      deviceId: String(deviceId),
      dataCenterId: vm.dataCenterId,
      volumeType: type,
      size: String(size),
      path: `/volumes/${vm.uuid ?? vm.id}/${deviceId}`,
      diskOfferingId: CLOUDSTACK_ROW_DEFAULTS.diskOfferingId,
      state: 'Ready',
      created: new Date(),
      removed: null,
    });
    return uuid;
  }
}

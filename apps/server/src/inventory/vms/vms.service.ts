import { Inject, Injectable } from '@nestjs/common';
import {
  type AccessChecker,
  type AccountScope,
  type Caller,
  isRootAdmin,
  type Page,
  type PageRequest,
} from '@csbr/framework/host';
import { DataSource, IsNull } from 'typeorm';

import {
  AccountEntity,
  DataCenterEntity,
  DomainEntity,
  VmInstanceEntity,
  VolumeEntity,
} from '../../database/entities';
import { containsPattern, LIKE_ESCAPE } from '../../persistence/like-pattern';
import { entityRows } from '../../persistence/query-rows';
import { addAccountScope, fetchRawPage, SqlConditions } from '../../persistence/raw-page';
import { insertVms } from '../records/vm-records';
import { invalidParameter, permissionDenied } from '../../api/errors/cloudstack-exceptions';
import { assertDomainAccess } from '../support/domain-access';
import { gibToBytes } from '../support/gigabytes';
import { INVENTORY_ACCESS_CHECKER } from '../support/inventory-tokens';
import { runInTransaction } from '../../persistence/run-in-transaction';
import { assertValidVmName, isValidVmName } from './vm-name';
import { selectVmViews, toVmSummaryView, toVmView, VM_SUMMARY_COLUMNS, VM_SUMMARY_JOINS } from './vm-queries';
import { type VmView } from './vm-view';

/** `deployVirtualMachine`'s input (sizes in GiB, as the API takes them). */
export interface DeployVmInput {
  readonly zoneId: string;
  readonly name?: string;
  readonly displayName?: string;
  /** Account name; with `domainId`, for admins deploying for someone else. */
  readonly accountName?: string;
  readonly domainId?: string;
  readonly rootDiskGib: number;
  readonly dataDiskGib?: number;
}

/** Filters of `listVirtualMachines`. */
export interface VmQuery {
  readonly ids?: readonly string[];
  readonly name?: string;
  readonly state?: string;
  readonly zoneId?: string;
  readonly policyId?: string;
  readonly keyword?: string;
  readonly scope: AccountScope;
}

/** The VM states a VM can be started, stopped, attached or detached in. */
const ACTIVE_STATES = ['Running', 'Stopped'];

/**
 * Virtual machines (`vm_instance` and their `volumes`), recorded as CloudStack's Simulator
 * hypervisor would: state changes are immediate, no hypervisor is driven.
 */
@Injectable()
export class VmsService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(INVENTORY_ACCESS_CHECKER) private readonly access: AccessChecker,
  ) {}

  /**
   * Records a Stopped VM with its ROOT volume (and a data disk when asked) in one transaction;
   * `start` then makes it Running when the deployment asks to start it.
   */
  async deploy(
    caller: Caller,
    input: DeployVmInput,
  ): Promise<{ readonly id: string; readonly uuid: string }> {
    const zone = await this.dataSource.manager.findOneBy(DataCenterEntity, {
      id: input.zoneId,
      removed: IsNull(),
    });
    if (zone === null) throw invalidParameter('Unable to find zone by id');
    if (zone.allocationState !== 'Enabled' && !isRootAdmin(caller)) {
      throw permissionDenied(
        `Cannot perform this operation, Zone is currently disabled: ${zone.uuid ?? ''}`,
      );
    }
    const owner = await this.finalizeOwner(caller, input.accountName, input.domainId);
    if (input.rootDiskGib <= 0)
      throw invalidParameter('Root disk size should be a positive number.');
    if (input.dataDiskGib !== undefined && input.dataDiskGib <= 0)
      throw invalidParameter('Disk size should be a positive number.');
    if (input.name !== undefined) assertValidVmName(input.name);
    // Without a name CloudStack uses the display name when it is a valid host name, else VM-<uuid>.
    const name =
      input.name ??
      (input.displayName !== undefined && isValidVmName(input.displayName)
        ? input.displayName
        : undefined);
    const [recorded] = await runInTransaction(this.dataSource, (manager) =>
      insertVms(manager, [
        {
          name,
          zoneId: zone.id,
          accountId: owner.id,
          domainId: owner.domainId,
          userId: caller.userId,
          state: 'Stopped',
          rootDiskBytes: gibToBytes(input.rootDiskGib),
          dataDiskBytes: input.dataDiskGib === undefined ? [] : [gibToBytes(input.dataDiskGib)],
          created: new Date(),
        },
      ]),
    );
    if (recorded === undefined) throw new Error('The new VM was not recorded');
    return recorded;
  }

  /** The VM as its response shows it (expunged VMs are not found). */
  async findView(id: string): Promise<VmView | undefined> {
    const [row] = await entityRows(
      selectVmViews(this.dataSource.manager).andWhere('vm.id = :id', { id }),
    );
    return row === undefined ? undefined : toVmView(row);
  }

  /** The VM, once the caller's right to act on it is checked (531 otherwise). */
  async requireOwned(caller: Caller, id: string): Promise<VmInstanceEntity> {
    const vm = await this.dataSource.manager.findOneBy(VmInstanceEntity, { id, removed: IsNull() });
    if (vm === null) throw invalidParameter('Unable to find virtual machine with specified id');
    await this.access.checkAccess(caller, { accountId: vm.accountId, domainId: vm.domainId });
    return vm;
  }

  async start(caller: Caller, id: string): Promise<VmView> {
    const vm = await this.requireOwned(caller, id);
    if (vm.state === 'Running') {
      throw invalidParameter(
        `The virtual machine ${vm.uuid ?? ''} (${vm.name}) is already running`,
      );
    }
    if (!ACTIVE_STATES.includes(vm.state)) {
      throw invalidParameter(`Unable to start VM ${vm.uuid ?? ''} in state ${vm.state}`);
    }
    return this.setState(vm, 'Running');
  }

  /** Stopping a stopped VM changes nothing, as in CloudStack. */
  async stop(caller: Caller, id: string): Promise<VmView> {
    const vm = await this.requireOwned(caller, id);
    if (vm.state === 'Stopped') return this.requireView(id);
    if (vm.state !== 'Running')
      throw invalidParameter(`Unable to stop VM ${vm.uuid ?? ''} in state ${vm.state}`);
    return this.setState(vm, 'Stopped');
  }

  /**
   * Destroyed VMs stay listed (for admins) with their volumes until expunged. Expunging marks the
   * VM removed, removes its ROOT volume and detaches its data disks, as CloudStack's expunge does.
   */
  async destroy(caller: Caller, id: string, expunge: boolean): Promise<VmView> {
    await this.requireOwned(caller, id);
    const view = await this.requireView(id);
    const now = new Date();
    await runInTransaction(this.dataSource, async (manager) => {
      if (!expunge) {
        await manager.update(VmInstanceEntity, { id }, { state: 'Destroyed' });
        await manager.update(
          VolumeEntity,
          { instanceId: id, volumeType: 'ROOT', removed: IsNull() },
          { state: 'Destroy' },
        );
        return;
      }
      await manager.update(VmInstanceEntity, { id }, { state: 'Expunging', removed: now });
      await manager.update(
        VolumeEntity,
        { instanceId: id, volumeType: 'ROOT', removed: IsNull() },
        { state: 'Expunged', removed: now },
      );
      await manager.update(
        VolumeEntity,
        { instanceId: id, volumeType: 'DATADISK', removed: IsNull() },
        { instanceId: null, deviceId: null, attached: null },
      );
    });
    return {
      ...view,
      vm: { ...view.vm, state: expunge ? 'Expunging' : 'Destroyed' },
    };
  }

  /**
   * One page of VMs in scope with their backup policy: a COUNT and one joined SELECT. Without a
   * `state` filter, expunging VMs are hidden, and destroyed ones from users.
   */
  /** One `COUNT(*)` and one page, in hand-written SQL mapped straight to views (no entity). */
  async list(caller: Caller, query: VmQuery, page: PageRequest): Promise<Page<VmView>> {
    const where = new SqlConditions().add('vm.removed IS NULL');
    addAccountScope(where, query.scope, { account: 'vm.account_id', domain: 'vm.domain_id' });
    if (query.ids !== undefined) {
      if (query.ids.length === 0) return { items: [], total: 0 };
      where.add(`vm.id IN (${query.ids.map(() => '?').join(', ')})`, ...query.ids);
    }
    if (query.name !== undefined) where.add('vm.name = ?', query.name);
    if (query.state !== undefined) {
      where.add('vm.state = ?', query.state);
    } else if (caller.roleType === 'User') {
      where.add("vm.state NOT IN ('Expunging', 'Destroyed')");
    } else {
      where.add("vm.state NOT IN ('Expunging')");
    }
    if (query.zoneId !== undefined) where.add('vm.data_center_id = ?', query.zoneId);
    if (query.policyId !== undefined) {
      where.join('JOIN backup_policy_vm_map policy_map ON policy_map.vm_id = vm.id');
      where.add('policy_map.policy_id = ?', query.policyId);
    }
    if (query.keyword !== undefined) {
      const keyword = containsPattern(query.keyword);
      where.add(`(vm.name LIKE ? ${LIKE_ESCAPE} OR vm.state LIKE ? ${LIKE_ESCAPE})`, keyword, keyword);
    }
    return fetchRawPage(
      this.dataSource.manager,
      { from: 'vm_instance vm', alias: 'vm', where, columns: VM_SUMMARY_COLUMNS, joins: VM_SUMMARY_JOINS, toItem: toVmSummaryView },
      page,
    );
  }

  private async setState(vm: VmInstanceEntity, state: string): Promise<VmView> {
    await runInTransaction(this.dataSource, (manager) =>
      manager.update(VmInstanceEntity, { id: vm.id, removed: IsNull() }, { state }),
    );
    return this.requireView(vm.id);
  }

  private async requireView(id: string): Promise<VmView> {
    const view = await this.findView(id);
    if (view === undefined)
      throw invalidParameter('Unable to find virtual machine with specified id');
    return view;
  }

  /**
   * CloudStack's `finalizeOwner`: admins may name another account with `account` + `domainid`
   * (both, or neither); users only themselves.
   */
  private async finalizeOwner(
    caller: Caller,
    accountName: string | undefined,
    domainId: string | undefined,
  ): Promise<{ readonly id: string; readonly domainId: string }> {
    if ((accountName === undefined) !== (domainId === undefined)) {
      throw invalidParameter('AccountName and domainId must be specified together');
    }
    if (accountName === undefined || domainId === undefined)
      return { id: caller.accountId, domainId: caller.domainId };
    const manager = this.dataSource.manager;
    const domain = await manager.findOneBy(DomainEntity, { id: domainId, removed: IsNull() });
    if (domain === null) throw invalidParameter('Unable to find the domain by id');
    if (caller.roleType === 'User') {
      if (accountName !== caller.accountName || domainId !== caller.domainId) {
        throw permissionDenied(
          `Can't create/list resources for account ${accountName} in domain ${
            domain.uuid ?? ''
          }, permission denied`,
        );
      }
      return { id: caller.accountId, domainId: caller.domainId };
    }
    const owner = await manager.findOneBy(AccountEntity, {
      accountName,
      domainId,
      removed: IsNull(),
    });
    if (owner === null)
      throw invalidParameter(
        `Unable to find account ${accountName} in domain ${domain.uuid ?? ''}`,
      );
    assertDomainAccess(caller, { id: domain.id, uuid: domain.uuid ?? '', path: domain.path });
    return { id: owner.id, domainId: owner.domainId };
  }
}

import { type Caller, isRootAdmin } from '@csbr/framework/host';

import { type VmInstanceEntity } from '../../database/entities';
import { wireDate } from '../../api/serialization/wire-value';
import { field } from '../support/response-field';

/** The columns of a VM its response shows (an entity has them all). */
export type VmSummary = Pick<VmInstanceEntity, 'uuid' | 'name' | 'created' | 'state' | 'instanceName' | 'hypervisorType'>;

/** A VM with the names its response shows and its backup policy, read in one statement. */
export interface VmView {
  readonly vm: VmSummary;
  readonly displayName: string;
  readonly zoneUuid: string;
  readonly zoneName: string;
  readonly accountName: string;
  readonly domainUuid: string;
  readonly domainName: string;
  readonly userUuid?: string;
  readonly username?: string;
  readonly policyUuid?: string;
  readonly policyName?: string;
}

/**
 * CloudStack's `UserVmResponse` (object name `virtualmachine`), the fields csbr has, in
 * CloudStack's order. `instancename` is for root admins only, as CloudStack's
 * `@Param(authorized = Admin)`. The policy era names the backup fields `backuppolicyid/name`; the offering era's
 * `backupofferingid/name` show the same policy.
 */
export function toVmResponse(view: VmView, caller: Caller): object {
  const { vm } = view;
  return {
    id: vm.uuid ?? '',
    name: vm.name,
    displayname: view.displayName,
    account: view.accountName,
    userid: view.userUuid,
    username: view.username,
    domainid: view.domainUuid,
    domain: view.domainName,
    created: wireDate(vm.created),
    state: vm.state,
    haenable: false,
    zoneid: view.zoneUuid,
    zonename: view.zoneName,
    instancename: isRootAdmin(caller) ? vm.instanceName : undefined,
    hypervisor: vm.hypervisorType ?? undefined,
    rootdeviceid: 0,
    rootdevicetype: 'ROOT',
    backuppolicyid: view.policyUuid,
    backuppolicyname: view.policyName,
    backupofferingid: view.policyUuid,
    backupofferingname: view.policyName,
  };
}

export const VM_RESPONSE = {
  objectName: 'virtualmachine',
  fields: [
    field('id', 'string', 'the ID of the virtual machine'),
    field('name', 'string', 'the name of the virtual machine'),
    field('displayname', 'string', 'user generated name. The name of the virtual machine is returned if no displayname exists.'),
    field('account', 'string', 'the account associated with the virtual machine'),
    field('userid', 'string', 'the user\'s ID who deployed the virtual machine'),
    field('username', 'string', 'the user\'s name who deployed the virtual machine'),
    field('domainid', 'string', 'the ID of the domain in which the virtual machine exists'),
    field('domain', 'string', 'the name of the domain in which the virtual machine exists'),
    field('created', 'date', 'the date when this virtual machine was created'),
    field('state', 'string', 'the state of the virtual machine'),
    field('haenable', 'boolean', 'true if high-availability is enabled, false otherwise'),
    field('zoneid', 'string', 'the ID of the availability zone for the virtual machine'),
    field('zonename', 'string', 'the name of the availability zone for the virtual machine'),
    field('instancename', 'string', 'instance name of the user vm; this parameter is returned to the ROOT admin only'),
    field('hypervisor', 'string', 'the hypervisor on which the template runs'),
    field('rootdeviceid', 'long', 'device ID of the root volume'),
    field('rootdevicetype', 'string', 'device type of the root volume'),
    field('backuppolicyid', 'string', 'the ID of the backup policy of the virtual machine'),
    field('backuppolicyname', 'string', 'the name of the backup policy of the virtual machine'),
    field('backupofferingid', 'string', 'the ID of the backup offering of the virtual machine'),
    field('backupofferingname', 'string', 'the name of the backup offering of the virtual machine'),
  ],
} as const;

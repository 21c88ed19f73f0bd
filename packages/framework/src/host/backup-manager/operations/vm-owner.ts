import { type VirtualMachine } from '../../../domain/types';
import { type ResourceOwner } from '../../ports';

/** The VM's owner, for access checks. */
export function ownerOf(vm: VirtualMachine): ResourceOwner {
  return { accountId: vm.accountId, domainId: vm.domainId };
}

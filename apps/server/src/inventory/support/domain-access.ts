import { type Caller } from '@csbr/framework/host';

import { canAccessDomain } from '../../api/scope/compute-account-scope';
import { permissionDenied } from '../../api/errors/cloudstack-exceptions';

/** A domain as access checks need it. */
export interface DomainRef {
  readonly id: string;
  readonly uuid: string;
  readonly path: string;
}

/**
 * CloudStack's `checkAccess(caller, domain)`: the root admin anywhere, a domain admin in its
 * domain tree, a user in its own domain only; otherwise 531.
 */
export function assertDomainAccess(caller: Caller, domain: DomainRef): void {
  if (!canAccessDomain(caller, domain)) {
    throw permissionDenied(
      `Account ${caller.accountName} does not have permission to operate within domain id=${domain.uuid}`,
    );
  }
}

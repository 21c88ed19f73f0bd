import { invalidParameter } from '../../api/errors/cloudstack-exceptions';

/** RFC 1123 host name label, as CloudStack requires of VM names. */
const HOST_NAME = /^[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;

/** Throws CloudStack's 431 when `name` cannot be a VM's host name. */
export function assertValidVmName(name: string): void {
  if (!HOST_NAME.test(name)) {
    throw invalidParameter(
      "Invalid name. Vm name can contain ASCII letters 'a' through 'z', the digits '0' through '9', and the hyphen ('-'), " +
        'must be between 1 and 63 characters long, and can\'t start or end with "-" and can\'t start with digit',
    );
  }
}

/** Whether `name` can be a VM's host name. */
export function isValidVmName(name: string): boolean {
  return HOST_NAME.test(name);
}

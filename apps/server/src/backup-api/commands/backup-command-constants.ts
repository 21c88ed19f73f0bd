import { type RoleType } from '@csbr/framework/host';

/** Every role (CloudStack's Admin, ResourceAdmin, DomainAdmin and User). */
export const ALL_ROLES: readonly RoleType[] = ['Admin', 'DomainAdmin', 'User'];

/** Root admins only; the manager checks the ROOT domain as well where CloudStack does. */
export const ADMIN_ONLY: readonly RoleType[] = ['Admin'];

/**
 * Version the policy-era commands declared (spec §0). Commands whose name both eras share
 * (`listBackupProviders`, `createBackup`, `listBackups`, `restoreBackup`, `deleteBackup`) declare
 * {@link OFFERING_ERA_SINCE}, as CloudStack 4.22's listApis shows them.
 */
export const POLICY_ERA_SINCE = '4.12.0';

/** Version CloudStack's released (offering-era) backup commands declare. */
export const OFFERING_ERA_SINCE = '4.14.0';

const USER_PACKAGE = 'org.apache.cloudstack.api.command.user.backup';
const ADMIN_PACKAGE = 'org.apache.cloudstack.api.command.admin.backup';

/** The Java class name CloudStack shows as a job's `cmd`. */
export function userCommandClass(simpleName: string): string {
  return `${USER_PACKAGE}.${simpleName}`;
}

export function adminCommandClass(simpleName: string): string {
  return `${ADMIN_PACKAGE}.${simpleName}`;
}

/**
 * CloudStack's `EventTypes` for the backup commands (spec §2.0). CloudStack records no event for
 * deleting a backup offering; csbr records `BACKUP.OFFERING.DELETE` so every state change leaves an
 * event (a CSBR choice, named after `BACKUP.OFFERING.ASSIGN`/`.REMOVE`/`.EDIT`).
 */
export const BackupEventTypes = {
  importPolicy: 'BACKUP.IMPORT.OFFERING',
  updateOffering: 'BACKUP.OFFERING.EDIT',
  deletePolicy: 'BACKUP.OFFERING.DELETE',
  assign: 'BACKUP.OFFERING.ASSIGN',
  remove: 'BACKUP.OFFERING.REMOVE',
  create: 'BACKUP.CREATE',
  delete: 'BACKUP.DELETE',
  restore: 'BACKUP.RESTORE',
  restoreVolume: 'BACKUP.RESTORE.VOLUME.TO.VM',
  // CreateVMFromBackupCmd extends BaseDeployVMCmd and records its event.
  createVmFromBackup: 'VM.CREATE',
} as const;

/** The `{"success":true}` result, for listApis. */
export const SUCCESS_RESPONSE_FIELDS = [
  { name: 'success', type: 'boolean', description: 'true if operation is executed successfully' },
  { name: 'displaytext', type: 'string', description: 'any text associated with the success or failure' },
] as const;

/** `virtualmachineid` as the commands that assign a VM to, or remove it from, a policy declare it (both eras). */
export const ASSIGNED_VM_ID_PARAM = {
  name: 'virtualmachineid',
  type: 'uuid',
  entity: 'VirtualMachine',
  required: true,
  related: ['listVirtualMachines'],
  description: 'ID of the virtual machine',
} as const;

import { type RoleType } from '@csbr/framework/host';

const ADMIN: readonly RoleType[] = ['Admin'];
const ALL: readonly RoleType[] = ['Admin', 'DomainAdmin', 'User'];

/**
 * The roles CloudStack 4.22 gives each backup command (its command classes' `authorized`, see
 * docs/cloudstack-backup-api-4.22.md), with the 4.14 policy-era names csbr serves under the same
 * rules. Listed ahead of time for the commands other branches are adding, so that they are checked
 * against CloudStack the moment they are registered. Commands not listed here are held to the
 * roles the registry declares (inventory, configuration, jobs: csbr's own stand-ins).
 */
export const CLOUDSTACK_ROLES: Readonly<Record<string, readonly RoleType[]>> = {
  listBackupProviders: ADMIN,
  listBackupProviderOfferings: ADMIN,
  importBackupOffering: ADMIN,
  listBackupOfferings: ALL,
  updateBackupOffering: ADMIN,
  deleteBackupOffering: ADMIN,
  assignVirtualMachineToBackupOffering: ALL,
  removeVirtualMachineFromBackupOffering: ALL,
  createBackupSchedule: ALL,
  updateBackupSchedule: ALL,
  listBackupSchedule: ALL,
  deleteBackupSchedule: ALL,
  createBackup: ALL,
  listBackups: ALL,
  restoreBackup: ALL,
  deleteBackup: ALL,
  restoreVolumeFromBackupAndAttachToVM: ALL,
  createVMFromBackup: ALL,
  addBackupRepository: ADMIN,
  updateBackupRepository: ADMIN,
  deleteBackupRepository: ADMIN,
  listBackupRepositories: ADMIN,
  // 4.14 names (BackupPolicy era), same classes' roles.
  importBackupPolicy: ADMIN,
  deleteBackupPolicy: ADMIN,
  listBackupPolicies: ALL,
  assignBackupPolicy: ALL,
  removeVMFromBackupPolicy: ALL,
  listBackupPolicyVMMappings: ALL,
  restoreBackupVolume: ALL,
  // CloudStack's own admin commands that csbr serves.
  listConfigurations: ADMIN,
  updateConfiguration: ADMIN,
  listManagementServers: ADMIN,
  createZone: ADMIN,
  deleteZone: ADMIN,
  // Every role: discovery and jobs.
  listApis: ALL,
  queryAsyncJobResult: ALL,
  listAsyncJobs: ALL,
};

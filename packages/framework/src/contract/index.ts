export type {
  AssignVmRequest,
  AssignVmResult,
  BackupProvider,
  BackupRequest,
  CreateVmFromBackupRequest,
  BackupDeletionRequest,
  RestoreVolumeRequest,
  RestoreVolumeResult,
  TakeBackupRequest,
  VmRequest,
} from './backup-provider';
export type { ProgressReporter, ProviderCallOptions } from './call-options';
export {
  resolveProviderCapabilities,
  type DeclaredProviderCapabilities,
  type ProviderCapabilities,
} from './capabilities';
export type { ProviderStateStore } from './provider-state';
export type {
  VmRestorePointCount,
  ZoneRestorePoint,
  ZoneRestorePointsPage,
  ZoneRestorePointsRequest,
} from './zone-restore-points';
export { BACKUP_PROVIDER_DEFINITION_TYPE, PROVIDER_NAME_PATTERN } from './brand';
export {
  isAcceptedConfigValue,
  isValidConfigValue,
  type ConfigKeyDeclaration,
  type ConfigKeyScope,
  type ConfigKeyType,
} from './config-key';
export { BACKUP_PROVIDER_CONTRACT_VERSION } from './contract-version';
export {
  defineBackupProvider,
  isBackupProviderDefinition,
  validateProviderDefinition,
  type BackupProviderDefinition,
  type BackupProviderDefinitionOptions,
} from './define-backup-provider';
export type { ProviderConfig, ProviderContext, ProviderLogger } from './provider-context';

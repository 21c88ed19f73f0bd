export type {
  AssignVmRequest,
  AssignVmResult,
  BackupProvider,
  BackupRequest,
  RestoreVolumeRequest,
  RestoreVolumeResult,
  VmRequest,
} from './backup-provider';
export { BACKUP_PROVIDER_DEFINITION_TYPE, PROVIDER_NAME_PATTERN } from './brand';
export {
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

export { BackupManager } from './backup-manager';
export type { BackupManagerOptions } from './backup-manager-options';
export { isRootAdmin } from './caller-rules';
export type {
  AssignPolicyRequest,
  DeleteBackupRequest,
  ImportPolicyRequest,
  MappingListQuery,
  ProviderSummary,
  RemoveVmFromPolicyRequest,
  RestoreBackupVolumeRequest,
  SyncReport,
} from './types';

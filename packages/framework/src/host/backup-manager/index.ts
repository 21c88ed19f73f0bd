export { BackupManager } from './backup-manager';
export type { BackupManagerOptions } from './backup-manager-options';
export { isRootAdmin } from './caller-rules';
export type { OperationOptions } from './operation-options';
export type {
  BackupManagerObserver,
  ProviderCallObservation,
  ZoneSyncObservation,
} from './observer';
export { DEFAULT_OUTCOME_RETRY_DELAYS_MS } from './guarded/record-outcome';
export type {
  AssignPolicyRequest,
  CreateBackupRequest,
  RecoveredOperation,
  SyncOptions,
  DeleteBackupRequest,
  ImportPolicyRequest,
  UpdatePolicyRequest,
  MappingListQuery,
  ProviderSummary,
  RemoveVmFromPolicyRequest,
  RestoreBackupVolumeRequest,
  VmFromBackupRequest,
  SyncReport,
  ConfigureScheduleRequest,
  DeleteScheduleRequest,
  ScheduledRunResult,
} from './types';

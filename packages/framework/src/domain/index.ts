export type {
  Backup,
  BackupPolicy,
  BackupStatus,
  Metric,
  ProviderPolicy,
  RestorePoint,
  VirtualMachine,
  VmState,
  Volume,
  VolumeInfo,
  VolumeType,
  Zone,
} from './types';

export { AllowOwnerAccessChecker, type DomainPathLookup } from './allow-owner-access-checker';
export { FixedClock } from './fixed-clock';
export {
  createInMemoryRepositories,
  InMemoryBackupStore,
  type InMemoryRepositoriesOptions,
} from './in-memory/in-memory-backup-store';
export { InMemoryConfigurationStore } from './in-memory/in-memory-configuration-store';
export { InMemoryProviderStateStore } from './in-memory/in-memory-provider-state';
export type {
  AccountSeed,
  BackupSeed,
  DomainSeed,
  PolicySeed,
  VmSeed,
  VolumeSeed,
  ZoneSeed,
} from './in-memory/seeds';
export type { InMemoryAccount, InMemoryDomain } from './in-memory/store-state';
export { RecordingLogger, type LogEntry, type LogLevel } from './recording-logger';
export { StaticProviderLookup, type StaticProviderEntry } from './static-provider-lookup';
export {
  createFakeProviderContext,
  type FakeProviderContext,
  type FakeProviderContextOptions,
} from './fake-provider-context';
export {
  CONTRACT_SECRET_MARKER,
  describeBackupProviderContract,
  type ProviderContractEnvironment,
  type ProviderContractOptions,
} from './contract/describe-backup-provider-contract';

import { dummyProvider } from './dummy-provider';

export default dummyProvider;

export { createDummyBackupProvider } from './create-dummy-backup-provider';
export { DummyBackupProvider, DUMMY_VM_EXTERNAL_ID } from './dummy-backup-provider';
export {
  DUMMY_BEHAVIOR_KEY,
  DUMMY_FAIL_OPERATIONS_KEY,
  DUMMY_LATENCY_MS_KEY,
  dummyConfigKeys,
  type DummyBehavior,
} from './dummy-config-keys';
export { DUMMY_OPERATIONS, isDummyOperation, type DummyOperation } from './dummy-operations';
export { dummyProvider } from './dummy-provider';
export type { DummyFailure, DummyProviderOptions } from './dummy-provider-options';
export { FaultInjectingDummyProvider } from './fault-injecting-dummy-provider';

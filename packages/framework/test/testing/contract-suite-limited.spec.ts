import { describeBackupProviderContract } from '../../src/testing';
import { memoryProvider } from './memory-provider';

// The suite passes for a provider that refuses, through its capability flags, what it cannot do.
describeBackupProviderContract({
  definition: memoryProvider('limited', { adHocBackup: false, restoreVm: false, restoreVolume: false }),
});

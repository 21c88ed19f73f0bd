import { describeBackupProviderContract } from '../../src/testing';
import { memoryProvider } from './memory-provider';

// The suite passes for a provider that can do everything the contract asks.
describeBackupProviderContract({ definition: memoryProvider('memory') });

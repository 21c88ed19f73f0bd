import { describeBackupProviderContract } from '@csbr/framework/testing';

import dummyDefinition from '../src';

// The provider contract every csbr provider honours, on the dummy as a zone gets it by default
// (CloudStack's current dummy). The 4.14 behaviour refuses volume restores at call time, with
// CloudStack's message, which the dummy's own tests cover.
describeBackupProviderContract({ definition: dummyDefinition });

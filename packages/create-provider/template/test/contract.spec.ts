import { describeBackupProviderContract } from '@csbr/framework/testing';

import provider from '../src';

// The csbr provider contract, as csbr itself checks its providers. Pass `setup` to start what the
// provider talks to (a simulator, a test instance) and hand its URL and credentials to the context.
describeBackupProviderContract({ definition: provider });

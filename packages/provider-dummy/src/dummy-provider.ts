import { defineBackupProvider } from '@csbr/framework';

import { createDummyBackupProvider } from './create-dummy-backup-provider';
import { dummyConfigKeys } from './dummy-config-keys';

/**
 * The dummy provider's definition, loaded by discovery from the package's default export.
 * @public
 */
export const dummyProvider = defineBackupProvider({
  name: 'dummy',
  description: 'Dummy Backup Plugin',
  configKeys: dummyConfigKeys,
  create: (context) => createDummyBackupProvider(context),
});

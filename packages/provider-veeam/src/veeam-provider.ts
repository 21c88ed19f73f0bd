import { defineBackupProvider } from '@csbr/framework';

import { veeamConfigKeys } from './config/veeam-config-keys';
import { VeeamBackupProvider } from './veeam-backup-provider';

/**
 * The Veeam provider's definition, loaded by discovery from the package's default export.
 * @public
 */
export const veeamProvider = defineBackupProvider({
  name: 'veeam',
  description: 'Veeam Backup Plugin',
  configKeys: veeamConfigKeys,
  create: (context) => new VeeamBackupProvider(context),
});

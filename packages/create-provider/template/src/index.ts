import { defineBackupProvider } from '@csbr/framework';

import { __CLASS__ } from './provider';
import { configKeys } from './config-keys';

/**
 * The __NAME__ backup provider. csbr finds it through the `csbr` marker in package.json and loads
 * this default export; operators select it in a zone with
 * `updateConfiguration name=backup.framework.provider.plugin value=__NAME__ zoneid=…`.
 */
export default defineBackupProvider({
  name: '__NAME__',
  description: '__DESCRIPTION__',
  configKeys,
  create: (context) => new __CLASS__(context),
});

// A minimal third-party provider, installed into CSBR_PLUGIN_DIR by scripts/smoke-pack.sh. It carries
// the definition brand literally, as a package built against another copy of @csbr/framework would.
'use strict';

const unsupported = () => Promise.reject(new Error('not used by the smoke test'));

module.exports.default = {
  $$type: '@csbr/BackupProviderDefinition',
  name: 'acme',
  description: 'ACME Backup Plugin',
  configKeys: [],
  create: () => ({
    listPolicies: () => Promise.resolve([{ externalId: 'acme-daily', name: 'Daily', description: 'Daily' }]),
    isValidPolicy: () => Promise.resolve(true),
    assignVm: () => Promise.resolve({ externalId: 'acme-job' }),
    removeVm: () => Promise.resolve(),
    willDeleteBackupsOnPolicyRemoval: () => false,
    takeBackup: unsupported,
    deleteBackup: unsupported,
    restoreVm: unsupported,
    restoreVolume: unsupported,
    getMetrics: () => Promise.resolve(new Map()),
  }),
};

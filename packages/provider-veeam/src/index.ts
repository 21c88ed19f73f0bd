import { veeamProvider } from './veeam-provider';

export default veeamProvider;

export * from './config/veeam-config-keys';
export { normalizeBaseUrl } from './config/zone-settings';
export { SUPPORTED_REVISIONS, type VeeamProfile } from './client/veeam-profile';
export { VM_JOB_MARKER, vmJobName, parseVmJobName } from './operations/job-names';
export { RESTORED_VM_PREFIX } from './operations/restores';
export { SINGLE_DELETE_REFUSED, VeeamBackupProvider } from './veeam-backup-provider';
export { veeamProvider } from './veeam-provider';

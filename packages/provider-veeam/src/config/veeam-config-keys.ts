import { type ConfigKeyDeclaration } from '@csbr/framework';

/** The zone's VBR REST base URL (`https://vbr:9419`, with or without `/` or `/api/`). @public */
export const VEEAM_URL_KEY = 'backup.plugin.veeam.url';
/** @public */
export const VEEAM_USERNAME_KEY = 'backup.plugin.veeam.username';
/** Secure: stored encrypted, never logged. @public */
export const VEEAM_PASSWORD_KEY = 'backup.plugin.veeam.password';
/** @public */
export const VEEAM_VALIDATE_SSL_KEY = 'backup.plugin.veeam.validate.ssl';
/** PEM certificate(s) trusted for the VBR server, on top of Node's CAs. @public */
export const VEEAM_CA_CERTIFICATE_KEY = 'backup.plugin.veeam.ca.certificate';
/** @public */
export const VEEAM_REQUEST_TIMEOUT_KEY = 'backup.plugin.veeam.request.timeout';
/** @public */
export const VEEAM_RESTORE_TIMEOUT_KEY = 'backup.plugin.veeam.restore.timeout';
/** @public */
export const VEEAM_TASK_POLL_INTERVAL_KEY = 'backup.plugin.veeam.task.poll.interval';
/** The zone's vCenter as registered in VBR (its FQDN). @public */
export const VEEAM_VCENTER_KEY = 'backup.plugin.veeam.vcenter';
/** @public */
export const VEEAM_RESTORE_HOST_KEY = 'backup.plugin.veeam.restore.host';
/** @public */
export const VEEAM_RESTORE_DATASTORE_KEY = 'backup.plugin.veeam.restore.datastore';
/** @public */
export const VEEAM_RESTORE_FOLDER_KEY = 'backup.plugin.veeam.restore.folder';
/** @public */
export const VEEAM_METRICS_INTERVAL_KEY = 'backup.plugin.veeam.metrics.interval';
/** @public */
export const VEEAM_SYNC_SWEEP_INTERVAL_KEY = 'backup.plugin.veeam.sync.sweep.interval';
/** @public */
export const VEEAM_SYNC_OVERLAP_KEY = 'backup.plugin.veeam.sync.overlap';
/** @public */
export const VEEAM_PAGE_SIZE_KEY = 'backup.plugin.veeam.page.size';

const ONE_WEEK_SECONDS = 7 * 24 * 3600;

function zoneKey(key: Omit<ConfigKeyDeclaration, 'scope'>): ConfigKeyDeclaration {
  return { scope: 'Zone', ...key };
}

/**
 * The Veeam provider's keys: CloudStack's names where CloudStack has them (spec §4), all
 * zone-scoped and read on every call, every duration with a range so that no accepted value can
 * overflow a timer.
 * @public
 */
export const veeamConfigKeys: readonly ConfigKeyDeclaration[] = [
  zoneKey({
    name: VEEAM_URL_KEY,
    type: 'String',
    default: 'https://localhost:9419/',
    description: "Veeam Backup & Replication REST API base URL (VBR's own API, port 9419 by default)",
  }),
  zoneKey({
    name: VEEAM_USERNAME_KEY,
    type: 'String',
    default: 'administrator',
    description: 'Veeam B&R user (a Backup Administrator, without MFA) the provider logs in as',
  }),
  zoneKey({
    name: VEEAM_PASSWORD_KEY,
    type: 'String',
    default: '',
    description: 'Password of the Veeam B&R user',
    secure: true,
  }),
  zoneKey({
    name: VEEAM_VALIDATE_SSL_KEY,
    type: 'Boolean',
    default: 'true',
    description: "Verify the Veeam server's TLS certificate (against Node's CAs and backup.plugin.veeam.ca.certificate)",
  }),
  zoneKey({
    name: VEEAM_CA_CERTIFICATE_KEY,
    type: 'String',
    default: '',
    description: "PEM certificate(s) to trust for the Veeam server, e.g. VBR's self-signed certificate",
  }),
  zoneKey({
    name: VEEAM_REQUEST_TIMEOUT_KEY,
    type: 'Integer',
    default: '300',
    description: 'Seconds one request to the Veeam server may take',
    min: 1,
    max: 3600,
  }),
  zoneKey({
    name: VEEAM_RESTORE_TIMEOUT_KEY,
    type: 'Integer',
    default: '600',
    description: 'Seconds to wait for a Veeam restore session to finish',
    min: 1,
    max: ONE_WEEK_SECONDS,
  }),
  zoneKey({
    name: VEEAM_TASK_POLL_INTERVAL_KEY,
    type: 'Float',
    default: '5',
    description: 'Seconds between two polls of a Veeam session (backup, restore, deletion)',
    min: 0.05,
    max: 300,
  }),
  zoneKey({
    name: VEEAM_VCENTER_KEY,
    type: 'String',
    default: '',
    description:
      "The zone's vCenter as registered in Veeam (its FQDN); empty when Veeam knows exactly one vCenter",
  }),
  zoneKey({
    name: VEEAM_RESTORE_HOST_KEY,
    type: 'String',
    default: '',
    description: 'ESXi host (vCenter name) for volume restores when the target host is not found in vCenter',
  }),
  zoneKey({
    name: VEEAM_RESTORE_DATASTORE_KEY,
    type: 'String',
    default: '',
    description: 'Datastore (vCenter name) for volume restores when the primary storage is not found in vCenter',
  }),
  zoneKey({
    name: VEEAM_RESTORE_FOLDER_KEY,
    type: 'String',
    default: '',
    description: "VM folder for volume restores' temporary VMs; the vCenter's first VM folder when empty",
  }),
  zoneKey({
    name: VEEAM_METRICS_INTERVAL_KEY,
    type: 'Integer',
    default: '3600',
    description: "Seconds a VM's backup sizes are reused before they are read from Veeam again",
    min: 0,
    max: ONE_WEEK_SECONDS,
  }),
  zoneKey({
    name: VEEAM_SYNC_SWEEP_INTERVAL_KEY,
    type: 'Integer',
    default: '3600',
    description:
      "Seconds between two sweeps of Veeam's backup objects, which catch restore points removed by retention",
    min: 0,
    max: ONE_WEEK_SECONDS,
  }),
  zoneKey({
    name: VEEAM_SYNC_OVERLAP_KEY,
    type: 'Integer',
    default: '3600',
    description: 'Seconds the restore-point feed reads again before its high-water mark (clock skew, late points)',
    min: 0,
    max: ONE_WEEK_SECONDS,
  }),
  zoneKey({
    name: VEEAM_PAGE_SIZE_KEY,
    type: 'Integer',
    default: '1000',
    description: 'Items asked per page of a Veeam list',
    min: 10,
    max: 10000,
  }),
];

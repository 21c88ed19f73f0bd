import { randomUUID } from 'node:crypto';

import {
  BackupError,
  type BackupRequest,
  type RestoreVolumeRequest,
  type RestoreVolumeResult,
} from '@csbr/framework';

import { VEEAM_RESTORE_TIMEOUT_KEY } from '../config/veeam-config-keys';
import { type VeeamApi } from '../client/veeam-api';
import { readSession, type VeeamInventoryObject } from '../client/veeam-models';
import { type OperationDeps } from './backups';
import { followSession } from './follow-session';
import { asReference, findInventoryObject, zoneVCenter } from './inventory';

const RESTORE_PATH = '/api/v1/restore/vmRestore/vSphere';

/** CloudStack's prefix for the temporary VM a volume is restored into. */
export const RESTORED_VM_PREFIX = 'CS-RSTR-';

/** Entire-VM restore to the original location (§4.7), over the stopped VM. */
export async function restoreVmInPlace(api: VeeamApi, request: BackupRequest, deps: OperationDeps): Promise<void> {
  const { vm, backup } = request;
  const operation = `restore VM ${vm.instanceName}`;
  const body = {
    type: 'OriginalLocation',
    restorePointId: backup.externalId,
    powerUp: false,
    reason: `csbr: restore of VM ${vm.name} (${vm.uuid}) from backup ${backup.uuid}`,
    ...(api.profile.restoreOverwrite ? { overwrite: true } : {}),
  };
  const started = readSession(await api.post(operation, RESTORE_PATH, body), operation);
  await followSession(api, started, {
    what: `the restore of VM ${vm.instanceName}`,
    limit: { ms: api.settings.restoreTimeoutMs, key: VEEAM_RESTORE_TIMEOUT_KEY },
    stopOnGiveUp: true,
    ...deps,
  });
}

/**
 * Restores the whole VM to another host and datastore under a temporary name (§4.8), CloudStack's
 * way of restoring one volume: the hypervisor side takes the disk from that VM. Returns its name.
 */
export async function restoreVmElsewhere(api: VeeamApi, request: RestoreVolumeRequest, deps: OperationDeps): Promise<RestoreVolumeResult> {
  const { vm, backup } = request;
  const vcenter = await zoneVCenter(api);
  const host = await restoreTarget(api, vcenter, 'Host', [request.hostIp], api.settings.restoreHost, 'backup.plugin.veeam.restore.host');
  const datastore = await restoreTarget(
    api,
    vcenter,
    'Datastore',
    [request.datastoreUuid, request.datastoreUuid.replaceAll('-', '')],
    api.settings.restoreDatastore,
    'backup.plugin.veeam.restore.datastore',
  );
  const folder = await restoreTarget(api, vcenter, 'Folder', [], api.settings.restoreFolder, 'backup.plugin.veeam.restore.folder', true);
  const vmName = `${RESTORED_VM_PREFIX}${randomUUID()}`;
  const operation = `restore VM ${vm.instanceName} as ${vmName}`;
  const body = {
    type: 'Customized',
    restorePointId: backup.externalId,
    destinationHost: asReference(api, host),
    datastore: { defaultDatastore: asReference(api, datastore) },
    folder: { vmName, folder: asReference(api, folder) },
    powerUp: false,
    reason: `csbr: restore of volume ${request.volume.uuid} of VM ${vm.name} (${vm.uuid}) from backup ${backup.uuid}`,
  };
  const started = readSession(await api.post(operation, RESTORE_PATH, body), operation);
  await followSession(api, started, {
    what: `the restore of VM ${vm.instanceName} as ${vmName}`,
    limit: { ms: api.settings.restoreTimeoutMs, key: VEEAM_RESTORE_TIMEOUT_KEY },
    stopOnGiveUp: true,
    ...deps,
  });
  return { restoredLocation: vmName };
}

/**
 * A restore target: the first of `names` the vCenter has, else the zone's configured one (the
 * server may not know the VMware names of its hosts and pools), else, for folders only, the first.
 */
async function restoreTarget(
  api: VeeamApi,
  vcenter: string,
  type: 'Host' | 'Datastore' | 'Folder',
  names: readonly string[],
  configured: string,
  key: string,
  anyWhenUnset = false,
): Promise<VeeamInventoryObject> {
  for (const name of new Set(names.filter((candidate) => candidate !== ''))) {
    const found = await findInventoryObject(api, vcenter, type, name);
    if (found !== undefined) return found;
  }
  if (configured !== '' || anyWhenUnset) {
    const found = await findInventoryObject(api, vcenter, type, configured);
    if (found !== undefined) return found;
  }
  const tried = [...names.filter((name) => name !== ''), ...(configured === '' ? [] : [configured])];
  throw new BackupError(
    'NOT_FOUND',
    `Could not find the ${type.toLowerCase()} to restore to in vCenter ${vcenter}` +
      `${tried.length === 0 ? '' : ` (tried ${tried.join(', ')})`}; set ${key}`,
  );
}

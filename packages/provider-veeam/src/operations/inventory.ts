import { BackupError, type VirtualMachine } from '@csbr/framework';

import { type VeeamApi } from '../client/veeam-api';
import { readInventoryObject, type VeeamInventoryObject } from '../client/veeam-models';

/**
 * The zone's vCenter as Veeam registered it: `backup.plugin.veeam.vcenter`, or the only vCenter
 * Veeam knows.
 */
export async function zoneVCenter(api: VeeamApi): Promise<string> {
  if (api.settings.vcenter !== '') return api.settings.vcenter;
  const operation = 'list the vCenters Veeam knows';
  const names = (await api.listAll(operation, '/api/v1/inventory/vmware/hosts'))
    .map((item) => readInventoryObject(item, operation))
    .filter((item) => item.type === 'vCenterServer')
    .map((item) => item.name);
  if (names.length === 1) return names[0]!;
  throw new BackupError(
    'INVALID_STATE',
    names.length === 0
      ? 'Veeam knows no vCenter server: add the zone\'s vCenter to Veeam Backup & Replication'
      : `Veeam knows ${names.length} vCenter servers (${names.join(', ')}): set backup.plugin.veeam.vcenter to the zone's`,
  );
}

/** An object of the vCenter by exact name (Veeam's `nameFilter` matches more than names). */
export async function findInventoryObject(
  api: VeeamApi,
  vcenter: string,
  type: 'VirtualMachine' | 'Host' | 'Datastore' | 'Folder',
  name: string,
): Promise<VeeamInventoryObject | undefined> {
  const operation = `find ${type} ${name} in vCenter ${vcenter}`;
  const items = (
    await api.listAll(operation, `/api/v1/inventory/vmware/hosts/${encodeURIComponent(vcenter)}`, {
      typeFilter: type,
      ...(name === '' ? {} : { nameFilter: name }),
    })
  ).map((item) => readInventoryObject(item, operation));
  const ofType = items.filter((item) => item.type === type);
  if (name === '') return ofType[0];
  return ofType.find((item) => item.name === name) ?? ofType.find((item) => item.name.toLowerCase() === name.toLowerCase());
}

/** The VM's vCenter object, found by its hypervisor name (CloudStack's instance name). */
export async function findVm(api: VeeamApi, vm: VirtualMachine): Promise<VeeamInventoryObject> {
  const vcenter = await zoneVCenter(api);
  const found = await findInventoryObject(api, vcenter, 'VirtualMachine', vm.instanceName);
  if (found === undefined) {
    throw new BackupError(
      'NOT_FOUND',
      `Could not find VM ${vm.instanceName} in vCenter ${vcenter} through Veeam, please ask the administrator to check Veeam B&R`,
    );
  }
  return found;
}

/** An inventory object as jobs and restores take it: verbatim, with the profile's `platform`. */
export function asReference(api: VeeamApi, item: VeeamInventoryObject): Record<string, unknown> {
  return { ...item.model, platform: api.profile.inventoryPlatform };
}

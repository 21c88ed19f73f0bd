import { type InfraObject, type VmRecord } from '../model/inventory';
import { type ApiRequest, type RouteDef, ok } from '../http/route';
import { enumParam, pageOf, readPaging, sortBy, stringParam, wildcardMatcher } from '../http/query';
import { renderInfra, renderVCenter, renderVm } from '../http/render';
import { notFound } from '../http/vbr-error';
import { defaultLimit, orderAsc } from './limits';

const INVENTORY_TYPES = [
  'Unknown',
  'VirtualMachine',
  'vCenterServer',
  'Datacenter',
  'Cluster',
  'Host',
  'ResourcePool',
  'Folder',
  'Datastore',
  'DatastoreCluster',
  'StoragePolicy',
  'Template',
  'ComputeResource',
  'VirtualApp',
  'Tag',
  'Category',
  'Multitag',
  'Network',
  'DVSNetwork',
  'Disk',
  'SharedDisk',
] as const;

const HIERARCHIES = {
  HostsAndClusters: ['Datacenter', 'Cluster', 'Host', 'ResourcePool', 'VirtualMachine'],
  DatastoresAndVms: ['Datacenter', 'Datastore', 'VirtualMachine'],
  HostsAndDatastores: ['Datacenter', 'Cluster', 'Host', 'Datastore'],
  VmsAndTemplates: ['Datacenter', 'Folder', 'VirtualMachine'],
  VmsAndTags: ['VirtualMachine'],
  Network: ['Datacenter', 'Network'],
  VmwareDatastores: ['Datastore'],
  HostsAndDisks: ['Host'],
} as const;

type Listed = { kind: 'infra'; object: InfraObject } | { kind: 'vm'; vm: VmRecord };

function listVCenters(request: ApiRequest) {
  const { query, codec, state } = request;
  const nameFilter = stringParam(query, 'nameFilter');
  const matches = nameFilter ? wildcardMatcher(nameFilter) : () => true;
  const vcenters = state.inventory.vcenters.filter((vc) => matches(vc.name));
  const paging = readPaging(query, defaultLimit(request));
  return ok(pageOf(vcenters, paging, (vc) => renderVCenter(vc, codec)));
}

/** `GET /inventory/vmware/hosts/{name}`: the vCenter's objects, filtered, sorted, paged. */
function listVCenterObjects(request: ApiRequest) {
  const { query, codec, state } = request;
  const vcenter = state.inventory.findVCenter(request.params['name'] ?? '');
  if (vcenter === undefined) throw notFound(request.params['name'] ?? '', 'Host');
  const type = enumParam(query, 'typeFilter', INVENTORY_TYPES);
  const hierarchy = enumParam(
    query,
    'hierarchyTypeFilter',
    Object.keys(HIERARCHIES) as (keyof typeof HIERARCHIES)[],
  );
  const objectId = stringParam(query, 'objectIdFilter');
  const nameFilter = stringParam(query, 'nameFilter');
  const parentFilter = stringParam(query, 'parentContainerNameFilter');
  const nameMatches = nameFilter ? wildcardMatcher(nameFilter) : undefined;
  const allowedTypes: readonly string[] | undefined = hierarchy
    ? HIERARCHIES[hierarchy]
    : undefined;
  const wants = (itemType: string, name: string, id: string, parent: string): boolean =>
    (type === undefined || type === itemType) &&
    (allowedTypes === undefined || allowedTypes.includes(itemType)) &&
    (objectId === undefined || objectId === id) &&
    (nameMatches === undefined || nameMatches(name)) &&
    (parentFilter === undefined || parentFilter === parent);
  const items: Listed[] = [];
  for (const object of state.inventory.infra) {
    if (
      object.vcenter === vcenter.name &&
      wants(object.type, object.name, object.objectId, object.parentName)
    ) {
      items.push({ kind: 'infra', object });
    }
  }
  for (const vm of state.inventory.allVms()) {
    if (vm.vcenter === vcenter.name && wants('VirtualMachine', vm.name, vm.objectId, 'VMs'))
      items.push({ kind: 'vm', vm });
  }
  const column = enumParam(query, 'orderColumn', ['Name', 'ObjectId', 'Type'] as const);
  const key =
    column === undefined
      ? undefined
      : (item: Listed) => {
          const fields =
            item.kind === 'vm'
              ? { Name: item.vm.name, ObjectId: item.vm.objectId, Type: 'VirtualMachine' }
              : { Name: item.object.name, ObjectId: item.object.objectId, Type: item.object.type };
          return fields[column].toLowerCase();
        };
  const sorted = sortBy(items, key, orderAsc(request));
  const paging = readPaging(query, defaultLimit(request));
  return ok(
    pageOf(sorted, paging, (item) =>
      item.kind === 'vm' ? renderVm(item.vm, codec) : renderInfra(item.object, codec),
    ),
  );
}

export const inventoryRoutes: readonly RouteDef[] = [
  {
    method: 'GET',
    path: '/api/v1/inventory/vmware/hosts',
    operation: 'GetAllInventoryVmwareHosts',
    auth: 'any',
    handler: listVCenters,
  },
  {
    method: 'GET',
    path: '/api/v1/inventory/vmware/hosts/{name}',
    operation: 'GetVmwareHostObject',
    auth: 'any',
    handler: listVCenterObjects,
  },
];

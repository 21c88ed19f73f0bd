import { type InfraObject, type InfraType } from '../model/inventory';
import { type JsonObject } from '../model/jobs';
import { restoreVm, type RestorePlan } from '../model/vm-restore';
import { isUuid } from '../model/ids';
import { type Codec } from '../http/codec';
import { jsonBody, type ApiRequest, type ApiResponse, type RouteDef } from '../http/route';
import { renderSession } from '../http/render';
import { badRequest, notFound } from '../http/vbr-error';

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** An inventory object of a restore spec: right platform spelling, right type, known to vCenter. */
function resolveTarget(
  request: ApiRequest,
  value: unknown,
  type: InfraType,
  path: string,
): InfraObject {
  if (!isObject(value)) throw badRequest(`${path} must be an inventory object.`);
  const { codec } = request;
  if (value['platform'] !== undefined && value['platform'] !== codec.inventoryPlatform) {
    throw badRequest(
      `${path}.platform must be '${codec.inventoryPlatform}' in API version ${codec.revision}.`,
    );
  }
  if (value['type'] !== type) throw badRequest(`${path}.type must be '${type}'.`);
  const found = request.state.inventory.resolveInfra(type, value);
  if (found === undefined) {
    throw badRequest(
      `${path}: ${type} ${String(value['objectId'] ?? value['name'])} was not found.`,
    );
  }
  return found;
}

/** 1.2 maps one `network`; 1.3 maps `networks[]` (the doc's section 6). */
function checkNetwork(network: unknown, codec: Codec): void {
  if (network === undefined) return;
  if (!isObject(network)) throw badRequest('network must be an object.');
  if (codec.restoreNetworkField === 'networks') {
    const mappings = network['networks'];
    if (!Array.isArray(mappings) || mappings.length === 0) {
      throw badRequest(
        `network.networks must list at least one mapping in API version ${codec.revision}.`,
      );
    }
    for (const [index, mapping] of mappings.entries()) {
      if (
        !isObject(mapping) ||
        !isObject(mapping['sourceNetwork']) ||
        !isObject(mapping['targetNetwork'])
      ) {
        throw badRequest(`network.networks[${index}] needs sourceNetwork and targetNetwork.`);
      }
    }
  } else if (!isObject(network['network'])) {
    throw badRequest(`network.network is required in API version ${codec.revision}.`);
  }
}

function datastoreRef(spec: unknown): { ref: unknown; path: string } | undefined {
  if (spec === undefined) return undefined;
  if (!isObject(spec)) throw badRequest('datastore must be an object.');
  if (spec['defaultDatastore'] !== undefined)
    return { ref: spec['defaultDatastore'], path: 'datastore.defaultDatastore' };
  if (spec['configurationFileDatastore'] !== undefined) {
    return {
      ref: spec['configurationFileDatastore'],
      path: 'datastore.configurationFileDatastore',
    };
  }
  const mappings = spec['diskMappings'];
  if (Array.isArray(mappings) && isObject(mappings[0])) {
    return { ref: mappings[0]['datastore'], path: 'datastore.diskMappings[0].datastore' };
  }
  return undefined;
}

function parsePlan(request: ApiRequest, body: JsonObject): RestorePlan {
  const pointId = body['restorePointId'];
  if (typeof pointId !== 'string' || !isUuid(pointId))
    throw badRequest('restorePointId is required.');
  const point = request.state.backups.point(pointId);
  if (point === undefined) throw notFound(pointId, 'Restore point');
  const powerUp = body['powerUp'] === true;
  if (body['type'] === 'OriginalLocation') {
    const overwrite = request.codec.restoreOverwrite ? body['overwrite'] === true : undefined;
    return { kind: 'OriginalLocation', point, powerUp, overwrite };
  }
  if (body['type'] !== 'Customized')
    throw badRequest('type must be OriginalLocation or Customized.');
  const host = resolveTarget(request, body['destinationHost'], 'Host', 'destinationHost');
  const datastoreSpec = datastoreRef(body['datastore']);
  const datastore = datastoreSpec
    ? resolveTarget(request, datastoreSpec.ref, 'Datastore', datastoreSpec.path)
    : request.state.inventory.firstInfra('Datastore')!;
  let folder: InfraObject | undefined;
  let vmName = point.chain.vmName;
  const folderSpec = body['folder'];
  if (folderSpec !== undefined) {
    if (!isObject(folderSpec) || folderSpec['folder'] === undefined) {
      throw badRequest('folder.folder is required whenever folder is given (also to set vmName).');
    }
    folder = resolveTarget(request, folderSpec['folder'], 'Folder', 'folder.folder');
    if (folderSpec['vmName'] !== undefined) {
      if (typeof folderSpec['vmName'] !== 'string' || folderSpec['vmName'].trim() === '') {
        throw badRequest('folder.vmName must be a non-empty string.');
      }
      vmName = folderSpec['vmName'];
    }
  }
  checkNetwork(body['network'], request.codec);
  return { kind: 'Customized', point, powerUp, host, datastore, folder, vmName };
}

function entireVmRestore(request: ApiRequest): ApiResponse {
  const plan = parsePlan(request, jsonBody(request));
  const session = restoreVm(request.state, plan, request.grant?.username ?? 'unknown');
  return { status: 201, body: renderSession(session, request.codec) };
}

export const restoreRoutes: readonly RouteDef[] = [
  {
    method: 'POST',
    path: '/api/v1/restore/vmRestore/vSphere',
    operation: 'EntireVmRestoreVmware',
    auth: ['BackupAdministrator', 'RestoreOperator'],
    handler: entireVmRestore,
  },
];

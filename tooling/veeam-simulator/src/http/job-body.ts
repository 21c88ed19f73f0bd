import { defaultJobSettings, type JobRecord, type JsonObject, type VmInclude } from '../model/jobs';
import { type SimulatorState } from '../model/simulator-state';
import { type Codec } from './codec';
import { badRequest } from './vbr-error';

/** The job fields a create (JobSpec) or a full replacement (JobModel) sets. */
export type JobWrite = Pick<
  JobRecord,
  | 'name'
  | 'description'
  | 'isHighPriority'
  | 'includes'
  | 'excludes'
  | 'storage'
  | 'guestProcessing'
  | 'schedule'
>;

function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function requireObject(body: JsonObject, field: string, path = field): JsonObject {
  const value = body[field];
  if (!isObject(value)) throw badRequest(`The ${path} field is required and must be an object.`);
  return value;
}

function requireString(body: JsonObject, field: string, path = field): string {
  const value = body[field];
  if (typeof value !== 'string' || value.trim() === '')
    throw badRequest(`The ${path} field is required.`);
  return value;
}

function parseInclude(
  value: unknown,
  index: number,
  codec: Codec,
  state: SimulatorState,
): VmInclude {
  const path = `virtualMachines.includes[${index}]`;
  if (!isObject(value)) throw badRequest(`${path} must be an inventory object.`);
  if (value['platform'] !== codec.inventoryPlatform) {
    throw badRequest(
      `${path}.platform must be '${codec.inventoryPlatform}' in API version ${codec.revision}, got '${String(value['platform'])}'.`,
    );
  }
  if (value['type'] !== 'VirtualMachine') {
    throw badRequest(
      `${path}.type '${String(value['type'])}' is not supported by the simulator: include VMs only.`,
    );
  }
  const hostName = requireString(value, 'hostName', `${path}.hostName`);
  requireString(value, 'name', `${path}.name`);
  const objectId = requireString(value, 'objectId', `${path}.objectId`);
  const vcenter = state.inventory.findVCenter(hostName);
  const vm = state.inventory.getVm(objectId);
  if (vcenter === undefined || vm === undefined || vm.vcenter !== vcenter.name) {
    throw badRequest(`${path}: object ${objectId} was not found on ${hostName}.`);
  }
  const include: VmInclude = {
    type: 'VirtualMachine',
    hostName: vcenter.name,
    name: vm.name,
    objectId,
    ...(typeof value['urn'] === 'string' ? { urn: value['urn'] } : {}),
    ...(typeof value['size'] === 'string' ? { size: value['size'] } : {}),
  };
  return include;
}

function checkStorage(storage: JsonObject, state: SimulatorState): JsonObject {
  const repositoryId = requireString(storage, 'backupRepositoryId', 'storage.backupRepositoryId');
  if (repositoryId.toLowerCase() !== state.repository.id) {
    throw badRequest(`Backup repository ${repositoryId} was not found.`);
  }
  requireObject(storage, 'backupProxies', 'storage.backupProxies');
  const retention = requireObject(storage, 'retentionPolicy', 'storage.retentionPolicy');
  if (retention['type'] !== 'RestorePoints' && retention['type'] !== 'Days') {
    throw badRequest(`storage.retentionPolicy.type must be RestorePoints or Days.`);
  }
  const quantity = retention['quantity'];
  if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
    throw badRequest('storage.retentionPolicy.quantity must be a positive integer.');
  }
  return storage;
}

function checkGuestProcessing(guest: JsonObject): JsonObject {
  requireObject(guest, 'appAwareProcessing', 'guestProcessing.appAwareProcessing');
  requireObject(guest, 'guestFSIndexing', 'guestProcessing.guestFSIndexing');
  return guest;
}

function checkSchedule(schedule: JsonObject): JsonObject {
  if (typeof schedule['runAutomatically'] !== 'boolean') {
    throw badRequest('schedule.runAutomatically is required.');
  }
  return schedule;
}

/**
 * Validates a JobSpec (create: storage, guest processing and schedule may be left out) or a
 * JobModel (update: PUT replaces the whole model, so every part is required, as in the spec).
 */
export function parseJobWrite(
  body: JsonObject,
  codec: Codec,
  state: SimulatorState,
  mode: 'create' | 'update',
): JobWrite {
  if (body['type'] !== codec.vSphereJobType) {
    throw badRequest(
      `The job type '${String(body['type'])}' is not supported: the simulator has vSphere backup jobs, type '${codec.vSphereJobType}' in API version ${codec.revision}.`,
    );
  }
  const name = requireString(body, 'name');
  if (typeof body['description'] !== 'string')
    throw badRequest('The description field is required.');
  const isHighPriority = body['isHighPriority'];
  if (
    mode === 'update'
      ? typeof isHighPriority !== 'boolean'
      : isHighPriority !== undefined && typeof isHighPriority !== 'boolean'
  ) {
    throw badRequest('The isHighPriority field is required and must be a boolean.');
  }
  const machines = requireObject(body, 'virtualMachines');
  const rawIncludes = machines['includes'] ?? (codec.emptyJobsAllowed ? [] : undefined);
  if (!Array.isArray(rawIncludes)) throw badRequest('virtualMachines.includes is required.');
  if (rawIncludes.length === 0 && !codec.emptyJobsAllowed) {
    throw badRequest(
      `virtualMachines.includes must contain at least one object in API version ${codec.revision}.`,
    );
  }
  const includes = rawIncludes.map((include, index) => parseInclude(include, index, codec, state));
  const defaults = defaultJobSettings(state.repository.id, 7);
  const optional = (field: string): JsonObject | undefined => {
    if (body[field] === undefined && mode === 'create') return undefined;
    return requireObject(body, field);
  };
  const storage = optional('storage');
  const guestProcessing = optional('guestProcessing');
  const schedule = optional('schedule');
  const excludes = machines['excludes'];
  return {
    name,
    description: body['description'],
    isHighPriority: isHighPriority === true,
    includes,
    excludes: isObject(excludes) ? excludes : defaults.excludes,
    storage: storage ? checkStorage(storage, state) : defaults.storage,
    guestProcessing: guestProcessing
      ? checkGuestProcessing(guestProcessing)
      : defaults.guestProcessing,
    schedule: schedule ? checkSchedule(schedule) : defaults.schedule,
  };
}

import { type AnyCommandDefinition, type ParamDefinition } from '../../../src/api/command-definition';
import { type Scene } from './reliability-world';

/** Thrown when the matrix does not know what to pass for a required parameter: add it below. */
export class MissingFixtureError extends Error {
  constructor(command: string, param: ParamDefinition) {
    super(
      `The authorization matrix has no value for required parameter "${param.name}" (${param.type}` +
        `${param.entity ? `, entity ${param.entity}` : ''}) of command "${command}": add one in ` +
        'test/reliability/support/command-arguments.ts so that the command is checked.',
    );
  }
}

/** The scene's uuid for an entity type, when the scene has one. */
function uuidOfEntity(entity: string, scene: Scene): string | undefined {
  switch (entity) {
    case 'VirtualMachine':
      return scene.vm.uuid;
    case 'Volume':
      return scene.vm.dataVolumeUuid;
    case 'Backup':
      return scene.backupUuid;
    case 'BackupPolicy':
    case 'BackupOffering':
      return scene.policyUuid;
    case 'Zone':
      return scene.zone.uuid;
    case 'Domain':
      return scene.owner.domainUuid;
    case 'Account':
      return scene.owner.uuid;
    case 'User':
      return scene.ownerUserUuid;
    case 'AsyncJob':
      return scene.jobUuid;
    case 'BackupSchedule':
      return scene.scheduleUuid;
    default:
      return undefined;
  }
}

/** The entity a uuid parameter without a declared entity names, read from its name and command. */
function impliedEntity(command: string, param: string): string | undefined {
  if (param === 'jobid') return 'AsyncJob';
  if (param === 'virtualmachineid') return 'VirtualMachine';
  if (param === 'volumeid') return 'Volume';
  if (param === 'zoneid') return 'Zone';
  if (param === 'policyid' || param === 'backupofferingid') return 'BackupPolicy';
  if (param === 'backupid') return 'Backup';
  if (param === 'id' && /BackupSchedule/.test(command)) return 'BackupSchedule';
  if (param === 'id' && /Backup(s)?$|BackupVolume$|FromBackup/.test(command)) return 'Backup';
  if (param === 'id' && /BackupPolic(y|ies)|BackupOffering/.test(command)) return 'BackupPolicy';
  return undefined;
}

/** Values for required non-uuid parameters, by parameter name (made unique where the server demands it). */
function plainValue(command: string, param: ParamDefinition, unique: string): string | undefined {
  const byName: Record<string, string> = {
    name: command === 'updateConfiguration' ? 'backup.framework.sync.interval' : `matrix-${unique}`,
    value: '3600',
    description: 'made by the authorization matrix',
    displaytext: 'made by the authorization matrix',
    externalid: 'silver-policy',
    username: `matrix-user-${unique}`,
    password: 'matrix-password-not-a-secret',
    email: `matrix-${unique}@example.com`,
    firstname: 'Matrix',
    lastname: 'Caller',
    dns1: '8.8.8.8',
    internaldns1: '10.0.0.1',
    networktype: 'Advanced',
    intervaltype: 'DAILY',
    schedule: '00:01',
    timezone: 'UTC',
    allowuserdrivenbackups: 'true',
  };
  if (Object.hasOwn(byName, param.name)) return byName[param.name];
  // runBackupSchedule (root admin) names a schedule; the scene has none, and the role check comes first.
  if (command === 'runBackupSchedule' && param.name === 'id') return '00000000-0000-4000-8000-000000000000';
  if (param.type === 'boolean') return 'false';
  if (param.type === 'integer' || param.type === 'long' || param.type === 'short') return '1';
  if (param.type === 'float') return '1.0';
  return undefined;
}

/**
 * Optional parameters some commands need to get past their business rules, so that an allowed
 * call reaches the point where ownership was decided (CloudStack requires one of them in practice).
 */
function extraArguments(command: string, scene: Scene): Record<string, string> {
  switch (command) {
    case 'createAccount':
      return { accounttype: '0' };
    case 'removeVMFromBackupPolicy':
    case 'removeVirtualMachineFromBackupOffering':
      return { forced: 'true' };
    case 'detachVolume':
      return { id: scene.vm.dataVolumeUuid };
    default:
      return {};
  }
}

/** Whether a parameter value names something only the owner (and admins above it) may use. */
export function namesPrivateResource(value: string, scene: Scene): boolean {
  return scene.privateUuids.includes(value);
}

/**
 * The required parameters of a command, each naming the scene's resources; throws
 * {@link MissingFixtureError} for a parameter it cannot fill.
 */
export function argumentsFor(definition: AnyCommandDefinition, scene: Scene, unique: string): Record<string, string> {
  const args: Record<string, string> = extraArguments(definition.name, scene);
  for (const param of definition.params) {
    if (param.required !== true) continue;
    const value = validValueFor(definition.name, param, scene, unique);
    if (value === undefined) throw new MissingFixtureError(definition.name, param);
    args[param.name] = value;
  }
  return args;
}

/** A value of the parameter that names the scene's resources (or a plain valid value); undefined when none is known. */
export function validValueFor(command: string, param: ParamDefinition, scene: Scene, unique: string): string | undefined {
  const isUuid = param.type === 'uuid' || (param.type === 'list' && param.collectionType === 'uuid');
  // restoreBackupVolume's `volumeid` is a string in CloudStack too, yet names a volume.
  const entity = param.entity ?? (isUuid || param.name === 'volumeid' ? impliedEntity(command, param.name) : undefined);
  return entity !== undefined ? uuidOfEntity(entity, scene) : plainValue(command, param, unique);
}

/** Whether the command's required parameters need the scene to hold a job. */
export function needsJob(definition: AnyCommandDefinition): boolean {
  return definition.params.some((param) => param.required === true && param.name === 'jobid');
}

/**
 * CloudStack 4.22's backup commands as `/work/shared/docs/cloudstack-backup-api-4.22.md` lists them
 * (its table, rows 1-18; the four backup-repository commands, rows 19-22, are left out because csbr
 * has no NAS provider), transcribed by hand so that a change of csbr's commands cannot silently
 * change what they are compared with.
 *
 * - `params`: every parameter of the row with `required` (bold in the doc) and its own `since`
 *   where the doc gives one. "list/scope" is spelled out as the doc defines it.
 * - `objectName`: the response's object name (spec §2.0 "Object names"; §2.4/§2.8/§2.13; protocol
 *   doc §3.1), or `success` for `SuccessResponse` commands and `virtualmachine` for
 *   `createVMFromBackup` (a `UserVmResponse`).
 */
/** A field of a response as CloudStack 4.22's listApis describes it: its name and its Java type, lowercased. */
export interface ReleasedResponseField {
  readonly name: string;
  readonly type: string;
}

export interface ReleasedParam {
  readonly name: string;
  readonly required: boolean;
  readonly since?: string;
}

export interface ReleasedCommand {
  readonly name: string;
  readonly roles: 'admin' | 'all';
  readonly isAsync: boolean;
  readonly since: string;
  readonly params: readonly ReleasedParam[];
  readonly objectName: string;
  /**
   * Parameters csbr may add beyond the row (only `createVMFromBackup`, whose row ends with "+
   * BaseDeployVMCmd's 51 deploy parameters"; these are the ones of them the doc names, plus `startvm`).
   */
  readonly extraParamsAllowed?: readonly string[];
  /**
   * The response's fields, where the table is given (the doc lists none): every field of CloudStack
   * 4.22.0's response class, read from CloudStack's source, whose `since` is 4.22.0 or earlier.
   */
  readonly responseFields?: readonly ReleasedResponseField[];
}

const req = (name: string, since?: string): ReleasedParam => ({ name, required: true, ...(since === undefined ? {} : { since }) });
const opt = (name: string, since?: string): ReleasedParam => ({ name, required: false, ...(since === undefined ? {} : { since }) });

/** "list/scope: keyword, page, pagesize". */
const LIST = [opt('keyword'), opt('page'), opt('pagesize')];
/** "list/scope: projectid, account, listall, domainid, isrecursive, keyword, page, pagesize". */
const LIST_SCOPE = [opt('projectid'), opt('account'), opt('listall'), opt('domainid'), opt('isrecursive'), ...LIST];
const field = (name: string, type = 'string'): ReleasedResponseField => ({ name, type });

/**
 * `BackupResponse` (`api/.../response/BackupResponse.java`) in its declaration order, 4.23's
 * checkpoint and host fields left out: `name`, `description`, `vmdetails`, `intervaltype` and
 * `vmbackupofferingremoved` since 4.21.0, `isbackupvmexpunged` since 4.22.0.
 */
const BACKUP_RESPONSE = [
  field('id'),
  field('name'),
  field('description'),
  field('virtualmachineid'),
  field('virtualmachinename'),
  field('externalid'),
  field('type'),
  field('created', 'date'),
  field('size', 'long'),
  field('virtualsize', 'long'),
  field('status', 'status'),
  field('volumes'),
  field('backupofferingid'),
  field('backupofferingname'),
  field('accountid'),
  field('account'),
  field('domainid'),
  field('domain'),
  field('zoneid'),
  field('zone'),
  field('vmdetails', 'map'),
  field('intervaltype'),
  field('vmbackupofferingremoved', 'boolean'),
  field('isbackupvmexpunged', 'boolean'),
];

const SCHEDULE_PARAMS = [
  req('virtualmachineid'),
  req('intervaltype'),
  req('schedule'),
  req('timezone'),
  opt('maxbackups', '4.21.0'),
  opt('quiescevm', '4.21.0'),
];

export const CLOUDSTACK_422_BACKUP_COMMANDS: readonly ReleasedCommand[] = [
  // The table's row names only `name`; spec §2.1 adds that the command is a BaseListCmd, whose
  // keyword/page/pagesize are accepted (and unused).
  { name: 'listBackupProviders', roles: 'admin', isAsync: false, since: '4.14.0', params: [opt('name'), ...LIST], objectName: 'providers' },
  {
    name: 'listBackupProviderOfferings',
    roles: 'admin',
    isAsync: false,
    since: '4.14.0',
    params: [req('zoneid'), ...LIST],
    objectName: 'backupoffering',
  },
  {
    name: 'importBackupOffering',
    roles: 'admin',
    isAsync: true,
    since: '4.14.0',
    params: [req('name'), req('description'), req('externalid'), req('zoneid'), req('allowuserdrivenbackups')],
    objectName: 'backupoffering',
  },
  {
    name: 'listBackupOfferings',
    roles: 'all',
    isAsync: false,
    since: '4.14.0',
    params: [opt('id'), opt('zoneid'), ...LIST],
    objectName: 'backupoffering',
  },
  {
    name: 'updateBackupOffering',
    roles: 'admin',
    isAsync: false,
    since: '4.16.0',
    params: [req('id'), opt('description'), opt('name'), opt('allowuserdrivenbackups')],
    objectName: 'backupoffering',
  },
  { name: 'deleteBackupOffering', roles: 'admin', isAsync: false, since: '4.14.0', params: [req('id')], objectName: 'success' },
  {
    name: 'assignVirtualMachineToBackupOffering',
    roles: 'all',
    isAsync: true,
    since: '4.14.0',
    params: [req('virtualmachineid'), req('backupofferingid')],
    objectName: 'success',
  },
  {
    name: 'removeVirtualMachineFromBackupOffering',
    roles: 'all',
    isAsync: true,
    since: '4.14.0',
    params: [req('virtualmachineid'), opt('forced')],
    objectName: 'success',
  },
  { name: 'createBackupSchedule', roles: 'all', isAsync: false, since: '4.14.0', params: SCHEDULE_PARAMS, objectName: 'backupschedule' },
  { name: 'updateBackupSchedule', roles: 'all', isAsync: false, since: '4.14.0', params: SCHEDULE_PARAMS, objectName: 'backupschedule' },
  {
    name: 'listBackupSchedule',
    roles: 'all',
    isAsync: false,
    since: '4.14.0',
    params: [opt('virtualmachineid'), opt('id', '4.22.0'), ...LIST_SCOPE],
    objectName: 'backupschedule',
  },
  {
    name: 'deleteBackupSchedule',
    roles: 'all',
    isAsync: false,
    since: '4.14.0',
    params: [opt('virtualmachineid'), opt('id', '4.20.1')],
    objectName: 'success',
  },
  {
    name: 'createBackup',
    roles: 'all',
    isAsync: true,
    since: '4.14.0',
    params: [req('virtualmachineid'), opt('name', '4.21.0'), opt('description', '4.21.0'), opt('quiescevm', '4.21.0')],
    // Spec §2.12: the job's result is `{"success":true}`.
    objectName: 'success',
  },
  {
    name: 'listBackups',
    roles: 'all',
    isAsync: false,
    since: '4.14.0',
    params: [
      opt('id'),
      opt('virtualmachineid'),
      opt('zoneid'),
      opt('name', '4.21.0'),
      opt('backupofferingid', '4.21.0'),
      opt('listvmdetails', '4.21.0'),
      ...LIST_SCOPE,
    ],
    objectName: 'backup',
    responseFields: BACKUP_RESPONSE,
  },
  { name: 'restoreBackup', roles: 'all', isAsync: true, since: '4.14.0', params: [req('id')], objectName: 'success' },
  {
    name: 'deleteBackup',
    roles: 'all',
    isAsync: true,
    since: '4.14.0',
    params: [req('id'), opt('forced', '4.18.0.0')],
    objectName: 'success',
  },
  {
    name: 'restoreVolumeFromBackupAndAttachToVM',
    roles: 'all',
    isAsync: true,
    since: '4.14.0',
    params: [req('backupid'), req('volumeid'), req('virtualmachineid')],
    objectName: 'success',
  },
  {
    name: 'createVMFromBackup',
    roles: 'all',
    isAsync: true,
    since: '4.21.0',
    params: [req('backupid'), opt('serviceofferingid'), opt('templateid'), opt('preserveip'), req('zoneid')],
    objectName: 'virtualmachine',
    extraParamsAllowed: ['name', 'displayname', 'account', 'domainid', 'networkids', 'diskofferingid', 'size', 'startvm'],
  },
];

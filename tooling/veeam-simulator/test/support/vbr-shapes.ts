import { type Shape } from './shape';

/**
 * What the REST reference (shared/docs/veeam-vbr-rest-api.md) says each document looks like, per
 * revision family. Section numbers point at the doc; "(spec)" marks fields the doc only names as
 * coming from Veeam's OpenAPI documents, which the doc cites as its source.
 */

export type Family = 'v12' | 'v13' | 'v13rev2';

export function familyOf(revision: string): Family {
  if (revision === '1.3-rev2') return 'v13rev2';
  return revision.startsWith('1.3') ? 'v13' : 'v12';
}

const isV13 = (family: Family) => family !== 'v12';

/** §3.3 */
export const ERROR_CODES = [
  'AccessDenied',
  'ExpiredToken',
  'InvalidToken',
  'InvalidURI',
  'MethodNotAllowed',
  'NotFound',
  'NotImplemented',
  'ServiceUnavailable',
  'UnexpectedContent',
  'UnknownError',
] as const;

export const ERROR: Shape = {
  required: { errorCode: { enum: ERROR_CODES }, message: 'string' },
  optional: { resourceId: 'string' },
};

/** §2: `access_token`, `token_type` ("bearer"), `refresh_token`, `expires_in`, `.issued`, `.expires`, `username` in newer examples. */
export function tokenShape(family: Family): Shape {
  return {
    required: {
      access_token: 'string',
      token_type: { literal: 'bearer' },
      refresh_token: 'string',
      expires_in: 'integer',
      '.issued': 'date-time',
      '.expires': 'date-time',
      ...(isV13(family) ? { username: 'string' } : {}),
    },
  };
}

/** §4.11: `buildVersion`, `patches`, `platform` in 13 (Linux|Windows); other fields (spec). */
export function serverInfoShape(family: Family): Shape {
  return {
    required: {
      vbrId: 'string',
      name: 'string',
      buildVersion: 'string',
      patches: { arrayOf: 'string' },
      databaseVendor: 'string',
      sqlServerEdition: 'string',
      sqlServerVersion: 'string',
      databaseSchemaVersion: 'string',
      databaseContentVersion: 'string',
      ...(isV13(family)
        ? {
            platform: { enum: ['Linux', 'Windows'] },
            veeamRegistration: { required: { isRegistered: 'boolean' } },
          }
        : {}),
    },
  };
}

/** §3.2 */
export const SESSION_STATES = [
  'Starting',
  'Working',
  'Postprocessing',
  'Stopping',
  'Stopped',
  'Pausing',
  'Resuming',
  'Idle',
  'WaitingTape',
  'WaitingRepository',
  'WaitingSlot',
  'ActionRequired',
] as const;

/** §3.2 SessionModel. */
export function sessionShape(family: Family): Shape {
  return {
    required: {
      id: 'uuid',
      name: 'string',
      jobId: 'uuid',
      sessionType: { enum: ['BackupJob', 'RestoreVm', 'DeleteBackup'] },
      state: { enum: SESSION_STATES },
      progressPercent: 'integer',
      creationTime: 'date-time',
      result: {
        required: {
          result: { enum: ['None', 'Success', 'Warning', 'Failed'] },
          message: 'string',
          isCanceled: 'boolean',
        },
      },
      usn: 'integer',
      ...(isV13(family) ? { initiatedBy: 'string' } : {}),
    },
    optional: {
      endTime: 'date-time',
      resourceId: 'string',
      resourceReference: 'string',
      parentSessionId: 'uuid',
      platformName: { literal: 'VMware' },
      platformId: 'uuid',
    },
  };
}

/** §4.2 / §4.3: inventory objects; `platform` is `VMware` on 1.2, `VSphere` on 1.3 (§6). */
export function inventoryObjectShape(family: Family, type?: string): Shape {
  return {
    required: {
      platform: { literal: isV13(family) ? 'VSphere' : 'VMware' },
      type: type ? { literal: type } : 'string',
      hostName: 'string',
      name: 'string',
      objectId: 'string',
    },
    optional: {
      urn: 'string',
      size: 'string',
      ...(isV13(family)
        ? {
            powerState: { enum: ['PoweredOn', 'PoweredOff', 'Suspended'] },
            metadata: { arrayOf: 'object' },
          }
        : {}),
    },
  };
}

/** §4.1 JobModel of a vSphere backup job; `type` is `Backup` (1.2) or `VSphereBackup` (1.3), §6. */
export function jobShape(family: Family): Shape {
  return {
    required: {
      id: 'uuid',
      name: 'string',
      type: { literal: isV13(family) ? 'VSphereBackup' : 'Backup' },
      isDisabled: 'boolean',
      description: 'string',
      isHighPriority: 'boolean',
      virtualMachines: {
        required: { includes: { arrayOf: inventoryObjectShape(family, 'VirtualMachine') } },
        optional: { excludes: 'object' },
      },
      storage: {
        required: {
          backupRepositoryId: 'uuid',
          backupProxies: 'object',
          retentionPolicy: {
            required: { type: { enum: ['RestorePoints', 'Days'] }, quantity: 'integer' },
          },
        },
        optional: { gfsPolicy: 'object', advancedSettings: 'object' },
      },
      guestProcessing: 'object',
      schedule: { required: { runAutomatically: 'boolean' }, open: true },
    },
  };
}

/** §4.6 ObjectRestorePointModel; 1.3-rev0 adds `originalSize`, `guestOsFamily`; 1.3-rev2 `tag`, `snapshotType`, `gfsPeriods`. */
export function restorePointShape(family: Family): Shape {
  return {
    required: {
      id: 'uuid',
      name: 'string',
      platformName: { literal: 'VMware' },
      platformId: { literal: '00000000-0000-0000-0000-000000000000' },
      creationTime: 'date-time',
      backupId: 'uuid',
      backupFileId: 'uuid',
      type: { enum: ['Full', 'Increment'] },
      allowedOperations: { arrayOf: 'string' },
      ...(isV13(family) ? { originalSize: 'integer' } : {}),
    },
    optional: {
      sessionId: 'uuid',
      malwareStatus: 'string',
      ...(isV13(family) ? { guestOsFamily: 'string' } : {}),
      ...(family === 'v13rev2'
        ? { tag: 'string', snapshotType: 'integer', gfsPeriods: { arrayOf: 'string' } }
        : {}),
    },
  };
}

/** §4.6 BackupFileModel: `objectId` (1.2) / `objectIds[]` (1.3; the OpenAPI documents show it from 1.3-rev2). */
export function backupFileShape(family: Family): Shape {
  return {
    required: {
      id: 'uuid',
      name: 'string',
      backupId: 'uuid',
      ...(family === 'v13rev2' ? { objectIds: { arrayOf: 'uuid' } } : { objectId: 'uuid' }),
      restorePointIds: { arrayOf: 'uuid' },
      dataSize: 'integer',
      backupSize: 'integer',
      dedupRatio: 'integer',
      compressRatio: 'integer',
      creationTime: 'date-time',
    },
    optional: { gfsPeriods: { arrayOf: 'string' } },
  };
}

/** §4.6 / §5: backup objects with `objectId` = moref and `restorePointsCount`; 1.3-rev2 adds `size`, `backupId` (§1). */
export function backupObjectShape(family: Family): Shape {
  return {
    required: {
      id: 'uuid',
      name: 'string',
      type: 'string',
      platformName: { literal: 'VMware' },
      platformId: 'uuid',
      objectId: 'string',
      restorePointsCount: 'integer',
      ...(family === 'v13rev2' ? { size: 'integer', backupId: 'uuid' } : {}),
    },
    optional: { viType: 'string', path: 'string', lastRunFailed: 'boolean' },
  };
}

/** §4.9: backups found by `jobIdFilter`; `platformName` stays `VMware` in 1.3 (§6); other fields (spec). */
export function backupShape(family: Family): Shape {
  return {
    required: {
      id: 'uuid',
      jobId: 'uuid',
      name: 'string',
      platformName: { literal: 'VMware' },
      platformId: 'uuid',
      creationTime: 'date-time',
      repositoryId: 'uuid',
      ...(isV13(family) ? { jobType: { literal: 'VSphereBackup' } } : {}),
    },
    optional: { policyUniqueId: 'string', repositoryName: 'string' },
  };
}

/** §4.6 disks: `{ uid, name, capacity, type: "Vi", state, platform }`, `platform` required from 1.3-rev0. */
export function diskShape(family: Family): Shape {
  return {
    required: {
      uid: 'string',
      name: 'string',
      capacity: 'integer',
      type: { literal: 'Vi' },
      state: 'string',
      ...(isV13(family) ? { platform: { literal: 'VMware' } } : {}),
    },
  };
}

/** §4.10, 1.3-rev2 `POST /backups/{id}/details`. */
export const BACKUP_DETAILS: Shape = {
  required: {
    objectOriginalSize: 'number',
    backupSize: 'number',
    actualSize: 'number',
    restorePointsCount: 'integer',
  },
};

/** §3.2 session logs: `records[].{status,title,…}`. */
export const SESSION_LOGS: Shape = {
  required: {
    totalRecords: 'integer',
    records: {
      arrayOf: {
        required: {
          id: 'integer',
          status: { enum: ['None', 'Succeeded', 'Warning', 'Failed'] },
          title: 'string',
        },
        optional: { startTime: 'date-time', updateTime: 'date-time', description: 'string' },
      },
    },
  },
};

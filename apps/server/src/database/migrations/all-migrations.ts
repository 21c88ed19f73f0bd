import { CreateDomain1764115200001 } from './1764115200001-create-domain';
import { CreateAccount1764115200002 } from './1764115200002-create-account';
import { CreateUser1764115200003 } from './1764115200003-create-user';
import { CreateDataCenter1764115200004 } from './1764115200004-create-data-center';
import { CreateDataCenterDetails1764115200005 } from './1764115200005-create-data-center-details';
import { CreateConfiguration1764115200006 } from './1764115200006-create-configuration';
import { CreateVmInstance1764115200007 } from './1764115200007-create-vm-instance';
import { CreateVolumes1764115200008 } from './1764115200008-create-volumes';
import { CreateEvent1764115200009 } from './1764115200009-create-event';
import { CreateAsyncJob1764115200010 } from './1764115200010-create-async-job';
import { CreateUsageEvent1764115200011 } from './1764115200011-create-usage-event';
import { CreateBackupPolicy1764115200012 } from './1764115200012-create-backup-policy';
import { CreateBackupPolicyVmMap1764115200013 } from './1764115200013-create-backup-policy-vm-map';
import { CreateBackups1764115200014 } from './1764115200014-create-backups';
import { CreateBackupOperations1764115300001 } from './1764115300001-create-backup-operations';
import { CreateBackupProviderState1764115300002 } from './1764115300002-create-backup-provider-state';
import { CreateMshost1764115300003 } from './1764115300003-create-mshost';
import { CreateOpLease1764115300004 } from './1764115300004-create-op-lease';
import { CreateApiSession1764115300005 } from './1764115300005-create-api-session';
import { AddBackupPolicyUserDrivenBackup1764115400001 } from './1764115400001-add-backup-policy-user-driven-backup';
import { CreateApiRequestSignature1764116000001 } from './1764116000001-create-api-request-signature';
import { CreateBackupSchedule1764115800001 } from './1764115800001-create-backup-schedule';
import { CreateNotificationOutbox1764115900001 } from './1764115900001-create-notification-outbox';
import { AlignSharedTablesWithCloudStack4221764116300001 } from './1764116300001-align-shared-tables-with-cloudstack-4-22';
import { CreateBackupDetails1764116300002 } from './1764116300002-create-backup-details';
import { RenameBackupsColumnsToCloudStack1764116300003 } from './1764116300003-rename-backups-columns-to-cloudstack';
import { AddListCountIndexes1764116700001 } from './1764116700001-add-list-count-indexes';
import { AddBackupsDescriptionAndIntervalType1764116900001 } from './1764116900001-add-backups-description-and-interval-type';

/** Every migration in order, listed explicitly (no globs). Append new ones at the end. */
export const ALL_MIGRATIONS = [
  CreateDomain1764115200001,
  CreateAccount1764115200002,
  CreateUser1764115200003,
  CreateDataCenter1764115200004,
  CreateDataCenterDetails1764115200005,
  CreateConfiguration1764115200006,
  CreateVmInstance1764115200007,
  CreateVolumes1764115200008,
  CreateEvent1764115200009,
  CreateAsyncJob1764115200010,
  CreateUsageEvent1764115200011,
  CreateBackupPolicy1764115200012,
  CreateBackupPolicyVmMap1764115200013,
  CreateBackups1764115200014,
  CreateBackupOperations1764115300001,
  CreateBackupProviderState1764115300002,
  CreateMshost1764115300003,
  CreateOpLease1764115300004,
  CreateApiSession1764115300005,
  AddBackupPolicyUserDrivenBackup1764115400001,
  CreateApiRequestSignature1764116000001,
  CreateBackupSchedule1764115800001,
  CreateNotificationOutbox1764115900001,
  AlignSharedTablesWithCloudStack4221764116300001,
  CreateBackupDetails1764116300002,
  RenameBackupsColumnsToCloudStack1764116300003,
  AddListCountIndexes1764116700001,
  AddBackupsDescriptionAndIntervalType1764116900001,
];

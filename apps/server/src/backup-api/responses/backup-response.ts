import { type BackupView } from '@csbr/framework/host';

import { type ResponseFieldDefinition } from '../../api/command-definition';
import { wireDate } from '../../api/serialization/wire-value';
import { type BackupVmDetails } from './backup-vm-details.reader';
import { renderVolumeInfos } from './render-volume-infos';

/**
 * `BackupResponse` in CloudStack's field order, with the policy-era `policyid`/`policyname` and,
 * for the same policy, the offering era's `backupofferingid`/`backupofferingname` (one builder for
 * both vocabularies). `vmDetails` is given for `listBackups listvmdetails=true` only (CloudStack
 * 4.21+), and left out otherwise. As CloudStack's `BackupDaoImpl.newBackupResponse` builds them:
 * `description` and `intervaltype` (`MANUAL`, or the interval type of the schedule that took the
 * backup) only when the backup has them, `vmbackupofferingremoved` and `isbackupvmexpunged` only
 * when true.
 */
export function toBackupResponse(backup: BackupView, vmDetails?: BackupVmDetails): object {
  return {
    id: backup.uuid,
    name: backup.name,
    description: backup.description,
    virtualmachineid: backup.vmUuid,
    virtualmachinename: backup.vmName,
    externalid: backup.externalId,
    type: backup.type,
    created: wireDate(backup.date),
    size: backup.size,
    virtualsize: backup.protectedSize,
    volumes: renderVolumeInfos(backup.volumes),
    status: backup.status,
    policyid: backup.policyUuid,
    policyname: backup.policyName,
    backupofferingid: backup.policyUuid,
    backupofferingname: backup.policyName,
    accountid: backup.accountUuid,
    account: backup.accountName,
    domainid: backup.domainUuid,
    domain: backup.domainName,
    zoneid: backup.zoneUuid,
    zone: backup.zoneName,
    vmdetails: vmDetails,
    intervaltype: backup.intervalType,
    vmbackupofferingremoved: backup.vmPolicyRemoved === true ? true : undefined,
    isbackupvmexpunged: backup.vmExpunged === true ? true : undefined,
  };
}

export const BACKUP_RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'id', type: 'string', description: 'ID of the VM backup' },
  { name: 'name', type: 'string', description: 'name of the backup' },
  { name: 'description', type: 'string', description: 'description for the backup' },
  { name: 'virtualmachineid', type: 'string', description: 'ID of the VM' },
  { name: 'virtualmachinename', type: 'string', description: 'name of the VM' },
  { name: 'externalid', type: 'string', description: 'external backup id' },
  { name: 'type', type: 'string', description: 'backup type' },
  { name: 'created', type: 'date', description: 'backup date' },
  { name: 'size', type: 'long', description: 'backup size in bytes' },
  { name: 'virtualsize', type: 'long', description: 'backup protected (virtual) size in bytes' },
  { name: 'volumes', type: 'string', description: 'backed up volumes' },
  { name: 'status', type: 'status', description: 'backup status' },
  { name: 'policyid', type: 'string', description: 'backup policy id' },
  { name: 'policyname', type: 'string', description: 'backup policy name' },
  { name: 'backupofferingid', type: 'string', description: 'backup offering id' },
  { name: 'backupofferingname', type: 'string', description: 'backup offering name' },
  { name: 'accountid', type: 'string', description: 'account id' },
  { name: 'account', type: 'string', description: 'account name' },
  { name: 'domainid', type: 'string', description: 'domain id' },
  { name: 'domain', type: 'string', description: 'domain name' },
  { name: 'zoneid', type: 'string', description: 'zone id' },
  { name: 'zone', type: 'string', description: 'zone name' },
  { name: 'vmdetails', type: 'map', description: 'Lists the vm specific details for the backup' },
  { name: 'intervaltype', type: 'string', description: 'Interval type of the backup' },
  {
    name: 'vmbackupofferingremoved',
    type: 'boolean',
    description: 'The backup offering corresponding to this backup was removed from the VM',
  },
  {
    name: 'isbackupvmexpunged',
    type: 'boolean',
    description: 'Indicates whether the VM from which the backup was taken is expunged or not',
  },
];

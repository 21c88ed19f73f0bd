import { type EntityTarget, type ObjectLiteral } from 'typeorm';

import {
  AccountEntity,
  AsyncJobEntity,
  BackupEntity,
  BackupPolicyEntity,
  DataCenterEntity,
  DomainEntity,
  UserEntity,
  VmInstanceEntity,
  VolumeEntity,
} from '../database/entities';

/**
 * The table behind each entity type a `uuid` parameter names (CloudStack's `entityType` of
 * `@Parameter`). Every one of them has `uuid` and `removed` columns. `BackupOffering` is the
 * offering-era name of the policies (spec §0), kept for the compatibility commands.
 */
export const UUID_ENTITY_TABLES: Readonly<Record<string, EntityTarget<ObjectLiteral>>> = {
  Zone: DataCenterEntity,
  Domain: DomainEntity,
  Account: AccountEntity,
  User: UserEntity,
  VirtualMachine: VmInstanceEntity,
  Volume: VolumeEntity,
  BackupPolicy: BackupPolicyEntity,
  BackupOffering: BackupPolicyEntity,
  Backup: BackupEntity,
  AsyncJob: AsyncJobEntity,
};

/**
 * The entity types an account owns (their table has `account_id`): a uuid of one of them is only
 * resolved for callers who may act on its owner.
 */
export const ACCOUNT_OWNED_ENTITY_TYPES: ReadonlySet<string> = new Set([
  'VirtualMachine',
  'Volume',
  'Backup',
  'AsyncJob',
  'User',
]);

/**
 * The entity types whose uuids resolve to removed rows too, so that the manager answers with
 * CloudStack's own text for a removed one (e.g. `Could not find a backup offering with id: …`).
 * CloudStack's `ParamProcessWorker` looks every uuid up including removed rows ("let service layer
 * deal with removed ones"); csbr does so for the policies/offerings, whose manager rules expect it,
 * and keeps removed VMs, volumes and backups unknown (431), which its other commands rely on.
 */
export const RESOLVED_INCLUDING_REMOVED: ReadonlySet<string> = new Set(['BackupPolicy', 'BackupOffering']);

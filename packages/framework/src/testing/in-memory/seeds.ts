import {
  type Backup,
  type BackupPolicy,
  type VirtualMachine,
  type Volume,
} from '../../domain/types';

/** A domain to add; `uuid` defaults to a random one. @public */
export interface DomainSeed {
  readonly id: string;
  readonly name: string;
  /** `/` for ROOT, `/sales/` for a child. */
  readonly path: string;
  readonly uuid?: string;
}

/** An account to add. @public */
export interface AccountSeed {
  readonly id: string;
  readonly name: string;
  readonly domainId: string;
  readonly uuid?: string;
}

/** A zone to add. @public */
export interface ZoneSeed {
  readonly id: string;
  readonly name?: string;
  readonly uuid?: string;
  readonly removed?: Date;
}

/**
 * A VM to add; unset fields get defaults (`vm-<id>`, `Running`, `Simulator`, a random uuid). Its
 * policy comes from {@link InMemoryBackupStore.addMapping}, as in the database.
 * @public
 */
export type VmSeed = Partial<Omit<VirtualMachine, 'backupPolicyId'>> &
  Pick<VirtualMachine, 'id' | 'zoneId' | 'accountId' | 'domainId'>;

/** A volume to add; zone and owner default to its VM's. @public */
export type VolumeSeed = Partial<Omit<Volume, 'type' | 'size'>> &
  Pick<Volume, 'type' | 'size'> & { readonly removed?: Date };

/** A policy to add. @public */
export type PolicySeed = Partial<BackupPolicy> &
  Pick<BackupPolicy, 'zoneId' | 'externalId' | 'name'>;

/** A backup to add; owner, zone and policy default to its VM's. @public */
export type BackupSeed = Partial<Backup> & Pick<Backup, 'vmId' | 'externalId'>;

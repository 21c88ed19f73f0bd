import { randomBytes, randomUUID } from 'node:crypto';

import { type AnyCommandDefinition } from '../../../src/api/command-definition';
import { CommandRegistry } from '../../../src/api/command-registry';
import { SecretCipher } from '../../../src/configuration/secret-cipher';
import { AccountType } from '../../../src/database/entities';
import { type BackupApiEnv, startBackupApiEnv } from '../../backup-api/support/backup-api-env';
import { type SeededAccount, type SeededVm, type SeededZone } from '../../backup-api/support/backup-seeder';
import { type SignedClient } from '../../support/signed-client';

/**
 * Tables whose rows a refused request must leave exactly as they were: the backup record, the
 * policies, the mappings, the inventory it guards, the jobs, and what CloudStack bills and audits.
 * (Heartbeats, leases, sessions and replay signatures change on their own and are left out.)
 */
export const GUARDED_TABLES = [
  'backups',
  'backup_policy',
  'backup_policy_vm_map',
  'vm_instance',
  'volumes',
  'async_job',
  'op_backup_vm_guard',
  'op_backup_operation',
  'event',
  'usage_event',
  'account',
  'user',
  'domain',
  'data_center',
  'backup_schedule',
] as const;

/** A domain under ROOT. */
export interface SeededDomain {
  readonly id: string;
  readonly uuid: string;
  readonly path: string;
}

/** The resources one owner holds in a scene: everything a command's parameters may name. */
export interface Scene {
  /** A zone of its own (enabled, dummy provider), so that a command deleting or changing it spoils nothing else. */
  readonly zone: SeededZone;
  /** A policy of its own in that zone (dummy `gold-policy`). */
  readonly policyUuid: string;
  readonly owner: SeededAccount;
  readonly ownerUserUuid: string;
  readonly vm: SeededVm;
  readonly backupUuid: string;
  /** A daily backup schedule of the VM, due far in the future (the scheduler leaves it alone). */
  readonly scheduleUuid: string;
  /** A job of the owner, made only when asked for (it costs a request). */
  readonly jobUuid?: string;
  /** Uuids only the owner (and the admins above it) may see. */
  readonly privateUuids: readonly string[];
}

/**
 * One server on its own database, a zone with the dummy provider and an imported policy, and the
 * four callers of the authorization matrix: the root admin, the domain admin of another domain, and
 * a user of another account (the owner is made fresh per scene, so destructive commands never
 * spoil the next call).
 */
export class ReliabilityWorld {
  private counter = 0;

  private constructor(
    readonly env: BackupApiEnv,
    readonly zone: SeededZone,
    readonly policyUuid: string,
    readonly policyId: string,
    readonly ownerDomain: SeededDomain,
    readonly otherDomain: SeededDomain,
    readonly otherDomainAdmin: SeededAccount,
    readonly otherUser: SeededAccount,
    /** A second root admin whose secret key the tests hold (the env's admin signs inside its client). */
    readonly rootAdmin: SeededAccount,
  ) {}

  static async start(serverEnv: Readonly<Record<string, string>> = {}): Promise<ReliabilityWorld> {
    const env = await startBackupApiEnv(serverEnv);
    try {
      const zone = await env.seed.zone('zone-reliability');
      await env.enableZone(zone);
      const policyUuid = await env.importPolicy(zone, 'gold-policy', 'Gold');
      const [policy] = await env.query<{ id: string }>('SELECT id FROM backup_policy WHERE uuid = ?', [policyUuid]);
      const ownerDomain = await createDomain(env, 'owners');
      const otherDomain = await createDomain(env, 'others');
      const otherDomainAdmin = await createAccount(env, 'other-domain-admin', otherDomain, AccountType.DomainAdmin);
      const otherUser = await createAccount(env, 'other-user', otherDomain, AccountType.User);
      const [root] = await env.query<{ id: string; uuid: string }>("SELECT id, uuid FROM domain WHERE path = '/'");
      const rootDomain = { id: String(root?.id), uuid: String(root?.uuid), path: '/' };
      const rootAdmin = await createAccount(env, 'second-root-admin', rootDomain, AccountType.Admin);
      return new ReliabilityWorld(env, zone, policyUuid, String(policy?.id), ownerDomain, otherDomain, otherDomainAdmin, otherUser, rootAdmin);
    } catch (error) {
      await env.close();
      throw error;
    }
  }

  get admin(): SignedClient {
    return this.env.admin;
  }

  get registry(): CommandRegistry {
    return this.env.app.get(CommandRegistry);
  }

  /** Every command the server registered, by name. */
  definition(name: string): AnyCommandDefinition | undefined {
    return this.registry.get(name);
  }

  client(account: SeededAccount): SignedClient {
    return this.env.clientFor(account);
  }

  /**
   * A fresh zone and policy, and a fresh owner (a user account in the owners' domain) with a Stopped
   * VM (ROOT and DATADISK volumes) assigned to the policy and holding one backup; with `withJob`,
   * one finished job of the owner.
   */
  async scene(withJob = false): Promise<Scene> {
    this.counter += 1;
    const n = this.counter;
    const zone = await this.env.seed.zone(`scene-zone-${n}`);
    await this.env.enableZone(zone);
    const policyUuid = randomUUID();
    await this.env.query(
      "INSERT INTO backup_policy (uuid, name, description, external_id, zone_id, created) VALUES (?, ?, 'scene policy', 'gold-policy', ?, NOW())",
      [policyUuid, `scene-policy-${n}`, zone.id],
    );
    const [policy] = await this.env.query<{ id: string }>('SELECT id FROM backup_policy WHERE uuid = ?', [policyUuid]);
    const policyId = String(policy?.id);
    const owner = await createAccount(this.env, `owner-${n}`, this.ownerDomain, AccountType.User);
    const vm = await this.env.seed.vm(`owned-vm-${n}`, zone, owner, 'Stopped');
    await this.env.query('INSERT INTO backup_policy_vm_map (policy_id, vm_id, zone_id, created) VALUES (?, ?, ?, NOW())', [
      policyId,
      vm.id,
      zone.id,
    ]);
    await this.env.query('UPDATE vm_instance SET backup_offering_id = ? WHERE id = ?', [policyId, vm.id]);
    await this.env.seed.backups(vm, policyId, 1);
    const [backup] = await this.env.query<{ uuid: string }>('SELECT uuid FROM backups WHERE vm_id = ?', [vm.id]);
    const [user] = await this.env.query<{ uuid: string }>('SELECT uuid FROM user WHERE account_id = ?', [owner.id]);
    const scheduleUuid = randomUUID();
    await this.env.query(
      "INSERT INTO backup_schedule (vm_id, schedule_type, schedule, timezone, scheduled_timestamp, max_backups, uuid, domain_id, account_id) VALUES (?, 1, '01:00', 'UTC', '2099-01-01 00:00:00', 0, ?, ?, ?)",
      [vm.id, scheduleUuid, owner.domainId, owner.id],
    );
    let jobUuid: string | undefined;
    if (withJob) {
      const job = await this.client(owner).runJob('stopVirtualMachine', { id: vm.uuid });
      jobUuid = job.jobid;
    }
    const backupUuid = backup?.uuid ?? '';
    const ownerUserUuid = user?.uuid ?? '';
    const privateUuids = [owner.uuid, ownerUserUuid, vm.uuid, vm.rootVolumeUuid, vm.dataVolumeUuid, backupUuid, scheduleUuid, this.ownerDomain.uuid];
    return {
      zone,
      policyUuid,
      owner,
      ownerUserUuid,
      vm,
      backupUuid,
      scheduleUuid,
      jobUuid,
      privateUuids: jobUuid ? [...privateUuids, jobUuid] : privateUuids,
    };
  }

  /** One checksum per guarded table (MariaDB's CHECKSUM TABLE: a hash over every row). */
  async checksums(): Promise<Record<string, string>> {
    const rows = await this.env.query<{ Table: string; Checksum: string | number | null }>(
      `CHECKSUM TABLE ${GUARDED_TABLES.map((table) => `\`${table}\``).join(', ')}`,
    );
    const sums: Record<string, string> = {};
    for (const row of rows) sums[row.Table.split('.').pop() ?? row.Table] = String(row.Checksum);
    return sums;
  }

  /** Waits until no job is pending, so that a checksum taken next sees a quiet database. */
  async settle(timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const [row] = await this.env.query<{ pending: string | number }>('SELECT COUNT(*) AS pending FROM async_job WHERE job_status = 0');
      if (Number(row?.pending) === 0) return;
      if (Date.now() > deadline) throw new Error(`${String(row?.pending)} job(s) still pending after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async close(): Promise<void> {
    await this.env.close();
  }
}

async function createDomain(env: BackupApiEnv, name: string): Promise<SeededDomain> {
  const [root] = await env.query<{ id: string }>("SELECT id FROM domain WHERE path = '/'");
  const uuid = randomUUID();
  const path = `/${name}/`;
  await env.query('INSERT INTO domain (parent, name, uuid, owner, path, level, created) VALUES (?, ?, ?, 2, ?, 1, NOW())', [
    root?.id,
    name,
    uuid,
    path,
  ]);
  const [saved] = await env.query<{ id: string }>('SELECT id FROM domain WHERE uuid = ?', [uuid]);
  return { id: String(saved?.id), uuid, path };
}

/** An account of `type` in `domain` with one enabled user holding a fresh key pair. */
async function createAccount(env: BackupApiEnv, name: string, domain: SeededDomain, type: number): Promise<SeededAccount> {
  const uuid = randomUUID();
  const roleId = type === AccountType.Admin ? 1 : type === AccountType.DomainAdmin ? 3 : 4;
  await env.query(
    "INSERT INTO account (uuid, account_name, type, role_id, domain_id, state, created) VALUES (?, ?, ?, ?, ?, 'enabled', NOW())",
    [uuid, name, type, roleId, domain.id],
  );
  const [account] = await env.query<{ id: string }>('SELECT id FROM account WHERE uuid = ?', [uuid]);
  const apiKey = randomBytes(32).toString('base64url');
  const secretKey = randomBytes(32).toString('base64url');
  await env.query(
    "INSERT INTO user (uuid, username, password, account_id, firstname, lastname, state, api_key, secret_key, created) VALUES (?, ?, '!', ?, ?, 'user', 'enabled', ?, ?, NOW())",
    [randomUUID(), `${name}-user`, account?.id, name, apiKey, env.app.get(SecretCipher).encrypt(secretKey)],
  );
  return { id: String(account?.id), uuid, name, domainId: domain.id, domainUuid: domain.uuid, apiKey, secretKey };
}

import { type SignedClient } from '../support/signed-client';
import { CLOUDSTACK_DATE } from '../support/cloudstack-formats';
import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededAccount, type SeededZone } from './support/backup-seeder';
import {
  expectApiError,
  expectJobFailure,
  expectJobSuccess,
  notAvailableText,
  ZONE_DISABLED,
} from './support/api-expectations';
import { waitForOperationOfJob } from './support/operation-probe';

describe('backup providers and policies over /client/api (MariaDB)', () => {
  let env: BackupApiEnv;
  let zone: SeededZone;
  let otherZone: SeededZone;
  let disabledZone: SeededZone;
  let alice: SeededAccount;
  let user: SignedClient;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    zone = await env.seed.zone('zone-a');
    otherZone = await env.seed.zone('zone-b');
    disabledZone = await env.seed.zone('zone-off');
    await env.enableZone(zone);
    await env.enableZone(otherZone);
    alice = await env.seed.account('alice');
    user = env.clientFor(alice);
  });

  afterAll(async () => {
    await env?.close();
  });

  describe('discovery of the backup commands (listApis)', () => {
    it('describes every backup command, async ones included, for cloudmonkey and Marvin', async () => {
      const reply = await env.admin.call('listApis');
      const apis = new Map<string, { isasync: boolean; params: { name: string; required: boolean }[] }>(
        reply.body.api.map((api: { name: string }) => [api.name, api]),
      );
      const expected: Record<string, boolean> = {
        listBackupProviders: false,
        listBackupPolicies: false,
        importBackupPolicy: true,
        deleteBackupPolicy: false,
        assignBackupPolicy: true,
        removeVMFromBackupPolicy: true,
        listBackupPolicyVMMappings: false,
        createBackup: true,
        listBackups: false,
        deleteBackup: true,
        restoreBackup: true,
        restoreBackupVolume: true,
        listBackupProviderDiagnostics: false,
      };
      for (const [name, isAsync] of Object.entries(expected)) {
        expect({ name, isasync: apis.get(name)?.isasync }).toEqual({ name, isasync: isAsync });
      }
      const required = (name: string) =>
        apis.get(name)?.params.filter((param) => param.required).map((param) => param.name).sort();
      expect(required('importBackupPolicy')).toEqual(['description', 'externalid', 'name', 'zoneid']);
      expect(required('restoreBackupVolume')).toEqual(['id', 'virtualmachineid', 'volumeid']);
      expect(required('assignBackupPolicy')).toEqual(['policyid', 'virtualmachineid']);
    });

    it('shows users only the commands their role may call', async () => {
      const reply = await user.call('listApis');
      const names = reply.body.api.map((api: { name: string }) => api.name);
      expect(names).toEqual(expect.arrayContaining(['listBackups', 'assignBackupPolicy', 'restoreBackupVolume']));
      expect(names).not.toContain('importBackupPolicy');
      expect(names).not.toContain('deleteBackupPolicy');
      expect(names).not.toContain('listBackupProviders');
    });
  });

  describe('listBackupProviders', () => {
    it('lists every registered provider with its name and description', async () => {
      const reply = await env.admin.call('listBackupProviders');
      expect(reply.status).toBe(200);
      expect(reply.responseName).toBe('listbackupprovidersresponse');
      expect(reply.body).toEqual({
        count: 2,
        providers: [
          { name: 'dummy', description: 'Dummy Backup Plugin' },
          { name: 'veeam', description: 'Veeam Backup Plugin' },
        ],
      });
    });

    it('filters by exact name; an unknown name lists nothing', async () => {
      expect((await env.admin.call('listBackupProviders', { name: 'dummy' })).body.count).toBe(1);
      expect((await env.admin.call('listBackupProviders', { name: 'acme' })).body).toEqual({});
    });

    it('is refused to users', async () => {
      expectApiError(await user.call('listBackupProviders'), 401, notAvailableText('listBackupProviders'));
    });
  });

  describe('listBackupProviderDiagnostics (csbr extension)', () => {
    it('shows admins what discovery did with each provider package', async () => {
      const reply = await env.admin.call('listBackupProviderDiagnostics');
      expect(reply.status).toBe(200);
      expect(reply.body.backupproviderdiagnostic).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            packagename: '@csbr/provider-dummy',
            providername: 'dummy',
            source: 'dependency',
            status: 'registered',
          }),
        ]),
      );
      expect((await env.admin.call('listBackupProviderDiagnostics', { status: 'refused' })).body).toEqual({});
    });

    it('is refused to users', async () => {
      expectApiError(
        await user.call('listBackupProviderDiagnostics'),
        401,
        notAvailableText('listBackupProviderDiagnostics'),
      );
    });
  });

  describe('listBackupPolicies external=true', () => {
    it("lists the zone provider's catalogue for root admins, unpaged", async () => {
      const reply = await env.admin.call('listBackupPolicies', { external: true, zoneid: zone.uuid });
      expect(reply.status).toBe(200);
      expect(reply.body).toEqual({
        count: 2,
        backuppolicy: [
          { externalid: 'gold-policy', name: 'Golden Policy', description: 'Gold description', zoneid: zone.uuid },
          { externalid: 'silver-policy', name: 'Silver Policy', description: 'Silver description', zoneid: zone.uuid },
        ],
      });
    });

    it('is refused to users with CloudStack’s message', async () => {
      expectApiError(
        await user.call('listBackupPolicies', { external: true, zoneid: zone.uuid }),
        531,
        'Parameter external can only be specified by a Root Admin, permission denied',
        4365,
      );
    });

    it('needs a zone', async () => {
      expectApiError(await env.admin.call('listBackupPolicies', { external: true }), 431, 'Please provide a valid zone ID ');
    });

    it('fails in a zone where the framework is disabled (the global default)', async () => {
      expectApiError(
        await env.admin.call('listBackupPolicies', { external: true, zoneid: disabledZone.uuid }),
        530,
        ZONE_DISABLED,
      );
    });

    it('names an unregistered provider clearly', async () => {
      const nopeZone = await env.seed.zone('zone-nope');
      await env.configure('backup.framework.enabled', 'true', nopeZone);
      await env.configure('backup.framework.provider.plugin', 'nope', nopeZone);

      expectApiError(
        await env.admin.call('listBackupPolicies', { external: true, zoneid: nopeZone.uuid }),
        530,
        'Failed to find backup provider by the name: nope',
      );
      expectJobFailure(
        await env.admin.runJob('importBackupPolicy', {
          zoneid: nopeZone.uuid,
          externalid: 'gold-policy',
          name: 'Gold',
          description: 'gold',
        }),
        530,
        'Failed to find backup provider by the name: nope',
      );
    });

    it('follows a zone that falls back to the global value', async () => {
      const globalZone = await env.seed.zone('zone-global');
      await env.configure('backup.framework.enabled', 'true');
      try {
        const reply = await env.admin.call('listBackupPolicies', { external: true, zoneid: globalZone.uuid });
        expect(reply.body.count).toBe(2);
        // A zone value wins over the global one.
        await env.configure('backup.framework.enabled', 'false', globalZone);
        expectApiError(
          await env.admin.call('listBackupPolicies', { external: true, zoneid: globalZone.uuid }),
          530,
          ZONE_DISABLED,
        );
      } finally {
        await env.configure('backup.framework.enabled', 'false');
      }
    });
  });

  describe('importBackupPolicy, listBackupPolicies, deleteBackupPolicy', () => {
    it('imports a provider policy as an async job and answers the stored policy', async () => {
      const job = await env.admin.runJob('importBackupPolicy', {
        zoneid: zone.uuid,
        externalid: 'gold-policy',
        name: 'Gold',
        description: 'Gold policy',
      });
      const result = expectJobSuccess(job);
      expect(result.backuppolicy).toEqual({
        id: expect.any(String),
        name: 'Gold',
        description: 'Gold policy',
        externalid: 'gold-policy',
        zoneid: zone.uuid,
        zonename: 'zone-a',
        created: expect.stringMatching(CLOUDSTACK_DATE),
      });
      const [row] = await env.query('SELECT name, external_id, zone_id, removed FROM backup_policy WHERE uuid = ?', [
        result.backuppolicy.id,
      ]);
      expect(row).toEqual({ name: 'Gold', external_id: 'gold-policy', zone_id: zone.id, removed: null });
      const events = await env.query("SELECT state, level FROM event WHERE type = 'BACKUP.IMPORT.OFFERING' ORDER BY id");
      expect(events).toEqual(
        expect.arrayContaining([
          { state: 'Started', level: 'INFO' },
          { state: 'Completed', level: 'INFO' },
        ]),
      );
    });

    it('refuses a second policy with the same external id or name in the zone', async () => {
      await env.importPolicy(zone, 'silver-policy', 'Silver');
      expectJobFailure(
        await env.admin.runJob('importBackupPolicy', {
          zoneid: zone.uuid,
          externalid: 'silver-policy',
          name: 'Silver again',
          description: 'dup',
        }),
        530,
        'A backup policy with external ID silver-policy already exists',
      );
      expectJobFailure(
        await env.admin.runJob('importBackupPolicy', {
          zoneid: zone.uuid,
          externalid: 'bronze-policy',
          name: 'Silver',
          description: 'dup',
        }),
        530,
        'A backup policy with the same name already exists in this zone',
      );
      // Other zones keep their own namespace.
      await env.importPolicy(otherZone, 'silver-policy', 'Silver');
    });

    it('refuses imports into a disabled zone', async () => {
      expectJobFailure(
        await env.admin.runJob('importBackupPolicy', {
          zoneid: disabledZone.uuid,
          externalid: 'gold-policy',
          name: 'Gold',
          description: 'gold',
        }),
        530,
        ZONE_DISABLED,
      );
    });

    it('is refused to users (import and delete)', async () => {
      expectApiError(
        await user.call('importBackupPolicy', { zoneid: zone.uuid, externalid: 'x', name: 'x', description: 'x' }),
        401,
        notAvailableText('importBackupPolicy'),
      );
      const policy = await env.importPolicy(zone, 'user-cannot-delete', 'Undeletable by users');
      expectApiError(await user.call('deleteBackupPolicy', { id: policy }), 401, notAvailableText('deleteBackupPolicy'));
    });

    it('lists the imported policies only, to every role, with id, zone, keyword and paging', async () => {
      const pagedZone = await env.seed.zone('zone-paged');
      await env.enableZone(pagedZone);
      const ids = [];
      for (const name of ['Alpha', 'Beta', 'Gamma']) ids.push(await env.importPolicy(pagedZone, `${name}-ext`, name));

      const all = await user.call('listBackupPolicies', { zoneid: pagedZone.uuid });
      expect(all.body.count).toBe(3);
      expect(all.body.backuppolicy.map((policy: { name: string }) => policy.name)).toEqual(['Alpha', 'Beta', 'Gamma']);
      expect(all.body.backuppolicy.map((policy: { zonename: string }) => policy.zonename)).toEqual([
        'zone-paged',
        'zone-paged',
        'zone-paged',
      ]);

      const page2 = await user.call('listBackupPolicies', { zoneid: pagedZone.uuid, page: 2, pagesize: 2 });
      expect(page2.body).toEqual({ count: 3, backuppolicy: [expect.objectContaining({ name: 'Gamma' })] });

      const byKeyword = await user.call('listBackupPolicies', { zoneid: pagedZone.uuid, keyword: 'et' });
      expect(byKeyword.body.backuppolicy.map((policy: { id: string }) => policy.id)).toEqual([ids[1]]);

      const byId = await env.admin.call('listBackupPolicies', { id: ids[2] as string });
      expect(byId.body).toEqual({ count: 1, backuppolicy: [expect.objectContaining({ id: ids[2], zoneid: pagedZone.uuid })] });
    });

    it('soft-deletes a policy, after which the same external id can be imported again', async () => {
      const id = await env.importPolicy(otherZone, 'gold-policy', 'Gold B');
      const reply = await env.admin.call('deleteBackupPolicy', { id });
      expect(reply).toMatchObject({ status: 200, body: { success: true } });

      const [row] = await env.query('SELECT removed FROM backup_policy WHERE uuid = ?', [id]);
      expect(row?.removed).toBeInstanceOf(Date);
      const listed = await env.admin.call('listBackupPolicies', { zoneid: otherZone.uuid });
      expect(listed.body.backuppolicy.map((policy: { id: string }) => policy.id)).not.toContain(id);
      // A removed policy's id still resolves (as CloudStack's ParamProcessWorker, including removed rows):
      // the manager answers with its own texts.
      expectApiError(await env.admin.call('listBackupPolicies', { id }), 530, `Policy ${id} does not exist`);
      expectApiError(await env.admin.call('deleteBackupPolicy', { id }), 530, `Could not find a backup policy with id: ${id}`);

      const again = await env.importPolicy(otherZone, 'gold-policy', 'Gold B');
      expect(again).not.toBe(id);
      const [event] = await env.query("SELECT state FROM event WHERE type = 'BACKUP.OFFERING.DELETE'");
      expect(event).toEqual({ state: 'Completed' });
    });

    it('refuses to delete a policy while a VM is assigned to it', async () => {
      const id = await env.importPolicy(zone, 'in-use-policy', 'In use');
      const vm = await env.seed.vm('assigned-vm', zone, alice);
      expectJobSuccess(await user.runJob('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: id }));

      expectApiError(
        await env.admin.call('deleteBackupPolicy', { id }),
        530,
        'Backup policy is assigned to VMs, remove the assignment(s) in order to remove the policy.',
      );
      const [row] = await env.query('SELECT removed FROM backup_policy WHERE uuid = ?', [id]);
      expect(row?.removed).toBeNull();

      expectJobSuccess(await user.runJob('removeVMFromBackupPolicy', { virtualmachineid: vm.uuid, forced: true }));
      expect((await env.admin.call('deleteBackupPolicy', { id })).body).toEqual({ success: true });
    });

    it('lets exactly one of 20 concurrent deletions of a policy succeed, with one completion event', async () => {
      const id = await env.importPolicy(zone, 'raced-policy', 'Raced');
      const [before] = await env.query<{ last: number }>('SELECT COALESCE(MAX(id), 0) AS last FROM event');

      const replies = await Promise.all(Array.from({ length: 20 }, () => env.admin.call('deleteBackupPolicy', { id })));

      expect(replies.filter((reply) => reply.status === 200)).toHaveLength(1);
      // Every loser is told the policy is gone, whether it raced the winner or came after it.
      for (const reply of replies.filter((r) => r.status !== 200)) {
        expect(`${reply.status} ${String(reply.body.errortext)}`).toBe(`530 Could not find a backup policy with id: ${id}`);
      }
      const completions = await env.query<{ n: number }>(
        "SELECT COUNT(*) AS n FROM event WHERE type = 'BACKUP.OFFERING.DELETE' AND state = 'Completed' AND level = 'INFO' AND id > ?",
        [before?.last],
      );
      expect(Number(completions[0]?.n)).toBe(1);
    });

    it('refuses to delete a policy while an assignment to it is in flight, so no VM is left on a removed policy', async () => {
      const id = await env.importPolicy(zone, 'busy-policy', 'Busy');
      const vm = await env.seed.vm('slow-assign-vm', zone, alice);
      await env.configure('backup.plugin.dummy.latency.ms', '2000', zone);
      try {
        const submitted = await user.call('assignBackupPolicy', { virtualmachineid: vm.uuid, policyid: id });
        const jobId = submitted.body.jobid as string;
        await waitForOperationOfJob(env.query, jobId);

        expectApiError(
          await env.admin.call('deleteBackupPolicy', { id }),
          530,
          'Backup policy is assigned to VMs, remove the assignment(s) in order to remove the policy.',
        );
        expect(await user.waitForJob(jobId)).toMatchObject({ jobstatus: 1 });
      } finally {
        await env.configure('backup.plugin.dummy.latency.ms', '0', zone);
      }
      const [row] = await env.query('SELECT removed FROM backup_policy WHERE uuid = ?', [id]);
      expect(row?.removed).toBeNull();
    });
  });
});

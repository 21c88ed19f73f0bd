import { type BackupApiEnv, startBackupApiEnv } from './support/backup-api-env';
import { type SeededVm } from './support/backup-seeder';
import { expectApiError } from './support/api-expectations';

const TOTAL = 520;

describe('listBackups at scale: paging happens in SQL (MariaDB)', () => {
  let env: BackupApiEnv;
  let vm: SeededVm;

  beforeAll(async () => {
    env = await startBackupApiEnv();
    const zone = await env.seed.zone('zone-a');
    await env.enableZone(zone);
    const alice = await env.seed.account('alice');
    vm = await env.seed.vm('busy', zone, alice);
    const policyUuid = await env.importPolicy(zone, 'gold-policy', 'Gold');
    const [policy] = await env.query('SELECT id FROM backup_policy WHERE uuid = ?', [policyUuid]);
    await env.seed.backups(vm, String(policy?.id), TOTAL);
  });

  afterAll(async () => {
    await env?.close();
  });

  it('counts every backup but answers at most the default page size (500)', async () => {
    const reply = await env.admin.call('listBackups', { virtualmachineid: vm.uuid, listall: true });
    expect(reply.status).toBe(200);
    expect(reply.body.count).toBe(TOTAL);
    expect(reply.body.backup).toHaveLength(500);
    expect(reply.body.backup[0].externalid).toBe('seeded-0');
    expect(reply.body.backup[499].externalid).toBe('seeded-499');
  });

  it('pages in backup id order', async () => {
    const page = await env.admin.call('listBackups', { virtualmachineid: vm.uuid, listall: true, page: 2, pagesize: 500 });
    expect(page.body.count).toBe(TOTAL);
    expect(page.body.backup.map((backup: { externalid: string }) => backup.externalid)).toEqual(
      Array.from({ length: TOTAL - 500 }, (_, index) => `seeded-${500 + index}`),
    );
    const small = await env.admin.call('listBackups', { virtualmachineid: vm.uuid, listall: true, page: 3, pagesize: 7 });
    expect(small.body.backup.map((backup: { externalid: string }) => backup.externalid)).toEqual(
      Array.from({ length: 7 }, (_, index) => `seeded-${14 + index}`),
    );
  });

  it('refuses page sizes above the maximum', async () => {
    expectApiError(
      await env.admin.call('listBackups', { virtualmachineid: vm.uuid, page: 1, pagesize: 501 }),
      431,
      "Page size can't exceed max allowed page size value: 500",
      4350,
    );
  });

  it('lists everything with pagesize=-1', async () => {
    const reply = await env.admin.call('listBackups', { virtualmachineid: vm.uuid, listall: true, pagesize: -1 });
    expect(reply.body.count).toBe(TOTAL);
    expect(reply.body.backup).toHaveLength(TOTAL);
  });
});

import { type RestorePoint, type ZoneRestorePointsPage, type ZoneRestorePointsRequest } from '../../src';
import { alice, createFixture } from './manager-fixture';

const point = (externalId: string, hour: number): RestorePoint => ({
  externalId,
  created: new Date(`2020-03-04T0${hour}:00:00Z`),
  type: hour === 1 ? 'Full' : 'Increment',
});

/** A feed answering `pages` in order, recording the cursors it was asked with. */
function scriptedFeed(pages: ZoneRestorePointsPage[]) {
  const cursors: (string | undefined)[] = [];
  let next = 0;
  const feed = (request: ZoneRestorePointsRequest): Promise<ZoneRestorePointsPage> => {
    cursors.push(request.cursor);
    const page = pages[next++ % pages.length]!;
    return Promise.resolve(page);
  };
  return { feed, cursors };
}

async function protectedVms(feed: (request: ZoneRestorePointsRequest) => Promise<ZoneRestorePointsPage>) {
  const f = createFixture({ zoneFeed: feed });
  const policy = await f.importPolicy('gold', '1');
  for (const id of ['10', '11', '12']) {
    f.addVm(id);
    await f.manager.assignPolicy(alice, { vmId: id, policyId: policy.id });
  }
  return { ...f, policy };
}

describe('BackupManager sync with a zone-wide restore-point feed', () => {
  it('records the feed page by page, never lists a VM on its own, and records usage per VM', async () => {
    const { feed, cursors } = scriptedFeed([
      { points: [{ vmUuid: 'vm-uuid-10', point: point('rp-1', 1) }, { vmUuid: 'vm-uuid-11', point: point('rp-2', 1) }], cursor: 'c1' },
      // A point repeated by the overlap, one of a VM csbr does not protect, one new.
      {
        points: [
          { vmUuid: 'vm-uuid-10', point: point('rp-1', 1) },
          { vmUuid: 'not-protected', point: point('rp-x', 2) },
          { vmUuid: 'vm-uuid-10', point: point('rp-3', 2) },
        ],
        counts: [{ vmUuid: 'vm-uuid-10', count: 2 }, { vmUuid: 'vm-uuid-11', count: 1 }],
      },
    ]);
    const f = await protectedVms(feed);

    const report = await f.manager.syncZone(f.zone1);

    expect(report).toEqual({ zones: 1, vms: 3, created: 3, removed: 0, failed: 0, skipped: 0 });
    expect(cursors).toEqual([undefined, 'c1']);
    expect(f.store.getBackups('10').map((row) => [row.externalId, row.type, row.status, row.policyId])).toEqual([
      ['rp-1', 'Full', 'BackedUp', f.policy.id],
      ['rp-3', 'Increment', 'BackedUp', f.policy.id],
    ]);
    expect(f.store.getBackups('11').map((row) => row.externalId)).toEqual(['rp-2']);
    // As CloudStack 4.14's Veeam sync: rows without an event per restore point found.
    expect(f.store.actionEvents.filter((event) => event.type === 'BACKUP.CREATE')).toEqual([]);
    expect(f.provider.calls.filter((call) => call.method === 'listRestorePoints')).toEqual([]);
    expect(f.store.usageEvents.filter((event) => event.type === 'BACKUP.USAGE.METRIC').map((event) => event.resourceId)).toEqual(['10', '11', '12']);
  });

  it('writes nothing when the feed repeats what is recorded and the counts match', async () => {
    const pages: ZoneRestorePointsPage[] = [
      { points: [{ vmUuid: 'vm-uuid-10', point: point('rp-1', 1) }], counts: [{ vmUuid: 'vm-uuid-10', count: 1 }] },
    ];
    const f = await protectedVms(scriptedFeed(pages).feed);
    await f.manager.syncZone(f.zone1);
    const rows = f.store.getBackups('10');

    const report = await f.manager.syncZone(f.zone1);

    expect(report).toEqual({ zones: 1, vms: 3, created: 0, removed: 0, failed: 0, skipped: 0 });
    expect(f.store.getBackups('10')).toEqual(rows);
  });

  it('reconciles only the VMs whose sweep count differs, through listRestorePoints', async () => {
    const first: ZoneRestorePointsPage = {
      points: [
        { vmUuid: 'vm-uuid-10', point: point('rp-1', 1) },
        { vmUuid: 'vm-uuid-10', point: point('rp-2', 2) },
        { vmUuid: 'vm-uuid-11', point: point('rp-3', 1) },
      ],
    };
    // Retention removed rp-1 on the provider: only VM 10's count differs.
    const sweep: ZoneRestorePointsPage = { points: [], counts: [{ vmUuid: 'vm-uuid-10', count: 1 }, { vmUuid: 'vm-uuid-11', count: 1 }] };
    const f = await protectedVms(scriptedFeed([first, sweep]).feed);
    await f.manager.syncZone(f.zone1);
    f.provider.restorePoints.set('vm-uuid-10', [point('rp-2', 2)]);

    const report = await f.manager.syncZone(f.zone1);

    expect(report).toMatchObject({ created: 0, removed: 1, failed: 0 });
    expect(f.store.getBackups('10').filter((row) => row.removed === undefined).map((row) => row.externalId)).toEqual(['rp-2']);
    expect(f.provider.calls.filter((call) => call.method === 'listRestorePoints').map((call) => (call.request as { vm: { id: string } }).vm.id)).toEqual(['10']);
  });

  it('leaves a VM that a backup operation holds to that operation', async () => {
    const f = await protectedVms(scriptedFeed([{ points: [{ vmUuid: 'vm-uuid-10', point: point('rp-1', 1) }] }]).feed);
    const held = f.provider.hold('takeBackup');
    f.provider.nextRestorePoint = point('rp-1', 1);
    const taking = f.manager.createBackup(alice, { vmId: '10' });
    await held.reached;

    const report = await f.manager.syncZone(f.zone1);
    held.release();
    await taking;

    expect(report).toMatchObject({ created: 0, skipped: 1 });
    expect(f.store.getBackups('10').map((row) => row.externalId)).toEqual(['rp-1']);
  });
});

import { type ZoneRestorePointsPage } from '@csbr/framework';

import { callOptions, counts, PERSONALITIES, type SimulatedZone, startSimulatedZone } from './support/simulated-zone';

const VMS = 25;
const POINTS = 4;
const uuidOf = (n: string) => `0f0f0f0f-0000-4000-8000-0000000${n}`;

/** Every page of one pass. */
async function pass(zone: SimulatedZone): Promise<ZoneRestorePointsPage[]> {
  const pages: ZoneRestorePointsPage[] = [];
  let cursor: string | undefined;
  do {
    const page = await zone.provider.listZoneRestorePoints({ zone: zone.zone, ...(cursor === undefined ? {} : { cursor }), ...callOptions() });
    pages.push(page);
    cursor = page.cursor;
  } while (cursor !== undefined);
  return pages;
}

describe.each(PERSONALITIES)('the zone-wide restore-point feed, VBR %s', (personality) => {
  let zone: SimulatedZone;

  beforeAll(async () => {
    zone = await startSimulatedZone(personality, {
      simulator: {
        seed: {
          preset: 'demo',
          scale: { vms: VMS, restorePointsPerVm: POINTS, vmNamePattern: 'i-2-{n}-VM', jobNamePattern: `{vm}-CSBKP-${uuidOf('{n}')}` },
        },
      },
      values: { 'backup.plugin.veeam.page.size': '10', 'backup.plugin.veeam.sync.sweep.interval': '0' },
    });
  });

  afterAll(() => zone.close());

  it('pages through every csbr restore point once, oldest first, each with its VM, then sweeps the counts', async () => {
    const pages = await pass(zone);
    const points = pages.flatMap((page) => page.points);
    expect(points).toHaveLength(VMS * POINTS); // db-01-nightly's points are not csbr's
    expect(new Set(points.map((entry) => entry.point.externalId)).size).toBe(VMS * POINTS);
    const times = points.map((entry) => entry.point.created.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const first = zone.simulator.controls.listRestorePoints({ backupId: zone.simulator.controls.getJob(`i-2-00001-VM-CSBKP-${uuidOf('00001')}`)!.backupId })[0]!;
    expect(points).toContainEqual({ vmUuid: uuidOf('00001'), point: { externalId: first.id, created: new Date(first.creationTime), type: 'Full' } });

    const counted = pages.flatMap((page) => page.counts ?? []);
    expect(counted).toHaveLength(VMS);
    expect(counted.every((entry) => entry.count === POINTS)).toBe(true);
    expect(counts(zone.simulator, 'GetAllObjectRestorePoints')).toBeGreaterThanOrEqual(10);
  });

  it('reads only from its high-water mark (less the overlap) in the next pass', async () => {
    zone.simulator.controls.clearRequestLog();
    zone.context.setConfig('backup.plugin.veeam.sync.overlap', '0', zone.zone);
    const pages = await pass(zone);
    // The last page of the previous pass is read again (never confirmed), nothing older.
    expect(pages.flatMap((page) => page.points).length).toBeLessThanOrEqual(10);
    zone.context.setConfig('backup.plugin.veeam.sync.overlap', '3600', zone.zone);
  });

  it('shows a new backup in the feed, and a point removed by retention in the sweep counts', async () => {
    const name = `i-2-00003-VM-CSBKP-${uuidOf('00003')}`;
    const vm = { ...zone.addVm(99), backupExternalId: zone.simulator.controls.getJob(name)!.id, instanceName: 'i-2-00003-VM', uuid: uuidOf('00003') };
    const point = await zone.provider.takeBackup({ zone: zone.zone, vm, ...callOptions() });
    const pages = await pass(zone);
    expect(pages.flatMap((page) => page.points)).toContainEqual({ vmUuid: vm.uuid, point: point! });
    // Retention kept POINTS points: the count is unchanged although one old point went.
    expect(pages.flatMap((page) => page.counts ?? []).find((entry) => entry.vmUuid === vm.uuid)).toEqual({ vmUuid: vm.uuid, count: POINTS });
  });
});

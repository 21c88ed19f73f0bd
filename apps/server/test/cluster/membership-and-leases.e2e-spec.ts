import { MshostEntity, OpLeaseEntity } from '../../src/database/entities';
import { ClusterMembership, MshostState } from '../../src/cluster/cluster-membership';
import { LeaseService } from '../../src/cluster/lease-service';
import { TestClock } from '../jobs/support/test-clock';
import { type MigratedDatabase, openMigratedDatabase } from '../support/migrated-database';
import { captureLogs, type CapturedLogs } from '../support/captured-logs';

const INTERVAL_MS = 60_000;
const TIMEOUT_MS = 180_000;

/**
 * Membership in `mshost` and leases on MariaDB, with a clock the test moves: heartbeats are
 * written on demand (`heartbeatNow`), so what the timers would do is played step by step.
 */

// The warnings and errors these tests provoke are captured (and asserted where they are the point), not
// printed. Kept until the file ends (jest gives each file its own Nest Logger): work a test abandons on
// purpose may still log after the last test.
let logs: CapturedLogs;
beforeAll(() => {
  logs = captureLogs();
});

describe('cluster membership and leases (MariaDB)', () => {
  let database: MigratedDatabase;
  let clock: TestClock;

  beforeAll(async () => {
    database = await openMigratedDatabase();
  });

  afterAll(async () => {
    await database?.close();
  });

  beforeEach(async () => {
    clock = new TestClock(new Date('2026-01-01T00:00:00Z'));
    await database.dataSource.query('DELETE FROM mshost');
    await database.dataSource.query('DELETE FROM op_lease');
  });

  const started: ClusterMembership[] = [];

  afterEach(async () => {
    // Members the test left running (a "dead" one) stop their heartbeat before the database goes.
    await Promise.all(started.splice(0).map((membership) => membership.stop()));
  });

  function member(msid: string): ClusterMembership {
    const membership = new ClusterMembership(database.dataSource, clock, {
      managementServerId: msid,
      heartbeatIntervalMs: INTERVAL_MS,
      heartbeatTimeoutMs: TIMEOUT_MS,
      version: 'test',
    });
    started.push(membership);
    return membership;
  }

  function lease(msid: string): LeaseService {
    return new LeaseService(database.dataSource, clock, msid, TIMEOUT_MS);
  }

  it('registers each instance Up, keeps its uuid across restarts, and records a clean stop', async () => {
    const a = member('101');
    await a.start(8080);
    const [registered] = await database.dataSource.manager.findBy(MshostEntity, { msid: '101' });
    expect(registered).toMatchObject({ state: 'Up', servicePort: 8080, version: 'test' });

    await a.stop();
    const again = member('101');
    await again.start(8081);
    const [restarted] = await database.dataSource.manager.findBy(MshostEntity, { msid: '101' });
    expect(restarted).toMatchObject({ state: 'Up', uuid: registered?.uuid, servicePort: 8081 });
    expect(restarted?.runid).not.toBe(registered?.runid);
    await again.stop();
    await expect(database.dataSource.manager.findOneBy(MshostEntity, { msid: '101' })).resolves.toMatchObject({
      state: MshostState.ReadyToShutdown,
    });
  });

  it('finds a peer dead once its heartbeat is older than the timeout, and exactly one live instance recovers it', async () => {
    const a = member('201');
    const b = member('202');
    const c = member('203');
    const recovered: string[] = [];
    for (const [name, instance] of [
      ['a', a],
      ['b', b],
    ] as const) {
      instance.onPeerDead((msid) => {
        recovered.push(`${name}:${msid}`);
        return Promise.resolve();
      });
    }
    await Promise.all([a.start(1), b.start(2), c.start(3)]);

    clock.set(new Date(clock.now().getTime() + TIMEOUT_MS - 1000));
    await Promise.all([a.heartbeatNow(), b.heartbeatNow()]);
    expect(recovered).toEqual([]);
    await expect(a.deadPeers()).resolves.toEqual([]);

    clock.set(new Date(clock.now().getTime() + 2000));
    await expect(a.deadPeers()).resolves.toEqual(['203']);
    await Promise.all([a.heartbeatNow(), b.heartbeatNow()]);

    expect(recovered).toHaveLength(1);
    expect(recovered[0]).toMatch(/^[ab]:203$/);
    expect(logs.texts('warn')).toContainEqual(expect.stringMatching(/^Management server 203 \(.*\) stopped sending heartbeats; recovering its work$/));
    await expect(database.dataSource.manager.findOneBy(MshostEntity, { msid: '203' })).resolves.toMatchObject({
      state: MshostState.Down,
    });
    await Promise.all([a.stop(), b.stop()]);
  });

  it('recovers at once what a cleanly stopped peer left behind', async () => {
    const a = member('301');
    const b = member('302');
    const recovered: string[] = [];
    a.onPeerDead((msid) => {
      recovered.push(msid);
      return Promise.resolve();
    });
    await Promise.all([a.start(1), b.start(2)]);
    await b.stop();

    await a.heartbeatNow();

    expect(recovered).toEqual(['302']);
    expect(logs.texts('warn')).toContainEqual(expect.stringMatching(/^Management server 302 \(.*\) stopped; recovering its work$/));
    await a.stop();
  });

  it('gives a lease to exactly one instance, renews it for the holder, and hands it over once it expired', async () => {
    const a = lease('401');
    const b = lease('402');
    a.want('backup.sync');
    b.want('backup.sync');

    await Promise.all([a.renewAll(), b.renewAll()]);
    expect([a.holds('backup.sync'), b.holds('backup.sync')].filter(Boolean)).toHaveLength(1);
    const [holder, other] = a.holds('backup.sync') ? [a, b] : [b, a];

    clock.set(new Date(clock.now().getTime() + TIMEOUT_MS - 5000));
    await holder.renewAll();
    clock.set(new Date(clock.now().getTime() + TIMEOUT_MS - 5000));
    await other.renewAll();
    expect(other.holds('backup.sync')).toBe(false);
    await expect(holder.stillHolds('backup.sync')).resolves.toBe(true);

    // The holder stops renewing (it died): once the lease expired, the other one takes it.
    clock.set(new Date(clock.now().getTime() + TIMEOUT_MS + 1000));
    await other.renewAll();
    expect(other.holds('backup.sync')).toBe(true);
    await expect(holder.stillHolds('backup.sync')).resolves.toBe(false);
    expect(holder.holds('backup.sync')).toBe(false);
    await expect(database.dataSource.manager.findOneBy(OpLeaseEntity, { name: 'backup.sync' })).resolves.toMatchObject({
      holderMsid: other === a ? '401' : '402',
    });
  });

  it('gives a released lease to another instance at its next heartbeat', async () => {
    const a = lease('501');
    const b = lease('502');
    a.want('backup.scheduler');
    b.want('backup.scheduler');
    await a.renewAll();
    await b.renewAll();
    expect(b.holds('backup.scheduler')).toBe(false);

    await a.releaseAll();
    await b.renewAll();

    expect(b.holds('backup.scheduler')).toBe(true);
  });
});

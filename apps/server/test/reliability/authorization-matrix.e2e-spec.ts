import { type RoleType } from '@csbr/framework/host';

import { type AnyCommandDefinition } from '../../src/api/command-definition';
import { type SeededAccount } from '../backup-api/support/backup-seeder';
import { type ApiReply, type SignedClient } from '../support/signed-client';
import { argumentsFor, MissingFixtureError, namesPrivateResource, needsJob } from './support/command-arguments';
import { CLOUDSTACK_ROLES } from './support/cloudstack-roles';
import { ReliabilityWorld, type Scene } from './support/reliability-world';

/** The four callers of the matrix, in the order they are tried against each command. */
type CallerName = 'other user' | 'other domain admin' | 'owning user' | 'root admin';
const CALLERS: readonly { readonly name: CallerName; readonly role: RoleType; readonly ownsScene: boolean }[] = [
  { name: 'other user', role: 'User', ownsScene: false },
  { name: 'other domain admin', role: 'DomainAdmin', ownsScene: false },
  { name: 'owning user', role: 'User', ownsScene: true },
  { name: 'root admin', role: 'Admin', ownsScene: true },
];

/**
 * Whether an answer refuses the caller for who it is or what it may see: a role refusal (401, 432),
 * a permission error (531), or a 431 naming an id as unknown. Other 431s are business answers
 * ("forced:true is needed", "the volume is attached") that an allowed caller may get.
 */
function isRefusal(code: number, text: string): boolean {
  if (code === 401 || code === 432 || code === 531) return true;
  return code === 431 && text.includes('entity does not exist');
}

/**
 * Issue 12, the authorization matrix: every command `listApis` shows the root admin, called by the
 * root admin, the domain admin of another domain, the owning user and a user of another account,
 * each on a fresh scene (zone, policy, owner, VM, volumes, mapping, backup). A role CloudStack does
 * not give the command is refused (401); another tenant naming the owner's resources is answered as
 * an unknown id (431, README "Security decisions"); every refused call leaves the checksums of the
 * guarded tables as they were; an allowed call is not refused, and what another tenant is allowed to
 * list never shows the owner's resources.
 */
describe('authorization matrix: every command × root admin, other domain admin, owner, other user (MariaDB)', () => {
  let world: ReliabilityWorld;
  let commands: readonly AnyCommandDefinition[];

  beforeAll(async () => {
    world = await ReliabilityWorld.start();
    const listed = await world.admin.ok('listApis');
    const names = (listed.api as { name: string }[]).map((api) => api.name).sort();
    commands = names.map((name) => {
      const definition = world.definition(name);
      if (definition === undefined) throw new Error(`listApis shows "${name}" but the registry does not hold it`);
      return definition;
    });
  });

  afterAll(async () => {
    await world?.close();
  });

  it('covers every registered command (listApis as root admin shows them all)', () => {
    expect(commands.map((definition) => definition.name)).toEqual(
      world.registry
        .list()
        .map((definition) => definition.name)
        .sort(),
    );
    expect(commands.length).toBeGreaterThan(30);
  });

  it("declares CloudStack's roles for every backup command it serves", () => {
    const wrong = commands
      .filter((definition) => CLOUDSTACK_ROLES[definition.name] !== undefined)
      .filter((definition) => [...definition.allowedRoles].sort().join() !== [...(CLOUDSTACK_ROLES[definition.name] ?? [])].sort().join())
      .map((definition) => `${definition.name}: declares ${definition.allowedRoles.join('/')}, CloudStack gives ${CLOUDSTACK_ROLES[definition.name]?.join('/')}`);
    expect(wrong).toEqual([]);
  });

  it('allows or refuses each call as the roles and ownership say, and a refused call changes nothing', async () => {
    const failures: string[] = [];
    let checked = 0;
    const slowest: [string, number][] = [];
    for (const definition of commands) {
      const startedAt = Date.now();
      const expectedRoles = CLOUDSTACK_ROLES[definition.name] ?? definition.allowedRoles;
      for (const caller of CALLERS) {
        const scene = await world.scene(needsJob(definition));
        let args: Record<string, string>;
        try {
          args = argumentsFor(definition, scene, `${definition.name.toLowerCase()}-${checked}`);
        } catch (error) {
          if (error instanceof MissingFixtureError) {
            failures.push(error.message);
            break;
          }
          throw error;
        }
        checked += 1;
        const client = clientOf(caller.name, scene);
        const roleAllowed = expectedRoles.includes(caller.role);
        const namesOwned = Object.values(args).some((value) => namesPrivateResource(value, scene));
        const label = `${definition.name} as ${caller.name} (${JSON.stringify(args)})`;
        if (!roleAllowed || (namesOwned && !caller.ownsScene)) {
          const expected = roleAllowed ? 431 : 401;
          await world.settle();
          const before = await world.checksums();
          const reply = await client.call(definition.name, args);
          await world.settle();
          const after = await world.checksums();
          if (reply.status !== expected) {
            const job = typeof reply.body.jobid === 'string' ? await client.waitForJob(reply.body.jobid) : undefined;
            const outcome = job === undefined ? '' : `, and its job ended ${job.jobstatus}/${job.jobresultcode} ${JSON.stringify(job.jobresult)}`;
            failures.push(`${label}: expected ${expected}, got ${summary(reply)}${outcome}`);
          }
          const changed = Object.keys(before).filter((table) => before[table] !== after[table]);
          if (changed.length > 0) failures.push(`${label}: refused, yet changed ${changed.join(', ')}`);
          continue;
        }
        const reply = await client.call(definition.name, args);
        if (isRefusal(reply.status, JSON.stringify(reply.body)) || (reply.status >= 500 && reply.status !== 530)) {
          failures.push(`${label}: expected to be allowed, got ${summary(reply)}`);
          continue;
        }
        if (definition.isAsync && typeof reply.body.jobid === 'string') {
          const job = await client.waitForJob(reply.body.jobid);
          if (job.jobstatus === 2 && isRefusal(job.jobresultcode, JSON.stringify(job.jobresult))) {
            failures.push(`${label}: job refused the caller: ${JSON.stringify(job.jobresult)}`);
          }
        }
        if (!caller.ownsScene) {
          const shown = scene.privateUuids.filter((uuid) => JSON.stringify(reply.body).includes(uuid));
          if (shown.length > 0) failures.push(`${label}: shows the owner's ${shown.join(', ')}`);
        }
      }
      slowest.push([definition.name, Date.now() - startedAt]);
    }
    slowest.sort((left, right) => right[1] - left[1]);
    process.stdout.write(
      `authorization matrix: ${commands.length} commands × ${CALLERS.length} callers, ${checked} calls checked; ` +
        `slowest ${slowest.slice(0, 3).map(([name, ms]) => `${name} ${ms} ms`).join(', ')}\n`,
    );
    expect(failures).toEqual([]);
    expect(checked).toBe(commands.length * CALLERS.length);
  }, 300_000);

  function clientOf(caller: CallerName, scene: Scene): SignedClient {
    const accounts: Record<Exclude<CallerName, 'root admin'>, SeededAccount> = {
      'other user': world.otherUser,
      'other domain admin': world.otherDomainAdmin,
      'owning user': scene.owner,
    };
    return caller === 'root admin' ? world.admin : world.client(accounts[caller]);
  }
});

function summary(reply: ApiReply): string {
  return `${reply.status} ${JSON.stringify(reply.body).slice(0, 300)}`;
}

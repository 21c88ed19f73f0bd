import fc from 'fast-check';

import { type AnyCommandDefinition } from '../../src/api/command-definition';
import { type ApiKeyPair } from '../support/api-keys';
import { type RawParam, rawApiRequest, type RawReply, signRaw } from '../support/raw-api';
import { toQueryString } from '../api/support/test-signer';
import { validValueFor } from './support/command-arguments';
import { FUZZ_RUNS, FUZZ_SEED, LONG_TESTS } from './support/fuzz-settings';
import { type FuzzRequest, requestArbitrary, VALID } from './support/request-arbitraries';
import { ReliabilityWorld, type Scene } from './support/reliability-world';

/** The codes CloudStack answers with (protocol doc §5.1); anything else is not CloudStack's. */
const CLOUDSTACK_STATUSES = new Set([200, 401, 405, 429, 430, 431, 432, 530, 531, 532, 533, 534, 535, 536, 537]);
/** Signs of a stack trace, a driver error or a source path leaking into an answer. */
const LEAK = /\n\s+at |\bat [\w$.<>]+ \(|\.[jt]s:\d+|node_modules|QueryFailedError|\bER_[A-Z_]{3,}|TypeError|ReferenceError/;
/** README "Request limits": an error repeats at most 1,024 characters of the client's input. */
const MAX_ERROR_TEXT = 4096;
/** A fresh scene (owner, VM, backup…) every this many requests, as generated requests delete things. */
const REQUESTS_PER_SCENE = 100;

/**
 * Issue 12, property-based fuzzing: generated requests to every command `listApis` shows (wrong
 * types, huge and empty values, unicode and control characters, repeated, missing and unknown
 * parameters, invalid uuids, bad page sizes, forged signatures), by the root admin, the owner of
 * the resources, another tenant. Every answer is a CloudStack success or error envelope, never a
 * stack or a driver error, and every refused request leaves the guarded tables' checksums as they
 * were (the `event` table may only gain the ERROR event CloudStack records for a failed action). The seed is printed; `CSBR_FUZZ_SEED=<seed> CSBR_FUZZ_RUNS=<n>` replays a run.
 */
describe('fuzzing every command with generated requests (MariaDB, fast-check)', () => {
  let world: ReliabilityWorld;
  let definitions: readonly AnyCommandDefinition[];

  beforeAll(async () => {
    world = await ReliabilityWorld.start();
    const listed = await world.admin.ok('listApis');
    definitions = (listed.api as { name: string }[]).map((api) => {
      const definition = world.definition(api.name);
      if (definition === undefined) throw new Error(`listApis shows "${api.name}" but the registry does not hold it`);
      return definition;
    });
  });

  afterAll(async () => {
    await world?.close();
  });

  it(
    `answers ${FUZZ_RUNS} generated requests in CloudStack's shapes and changes nothing when it refuses`,
    async () => {
      process.stdout.write(`request fuzzing: seed=${FUZZ_SEED} runs=${FUZZ_RUNS} (replay: CSBR_FUZZ_SEED=${FUZZ_SEED} CSBR_FUZZ_RUNS=${FUZZ_RUNS})\n`);
      let scene = await world.scene();
      let sent = 0;
      let checksums = await world.checksums();
      const maxEventId = async (): Promise<number> =>
        Number((await world.env.query<{ id: string | null }>('SELECT MAX(id) AS id FROM event'))[0]?.id ?? 0);
      let lastEventId = await maxEventId();
      const statuses = new Map<number, number>();

      await fc.assert(
        fc.asyncProperty(requestArbitrary(definitions), async (request) => {
          if (sent > 0 && sent % REQUESTS_PER_SCENE === 0) {
            scene = await world.scene();
            checksums = await world.checksums();
            lastEventId = await maxEventId();
          }
          sent += 1;
          const params = resolve(request, scene, sent);
          const reply = await send(request, params, scene);
          statuses.set(reply.status, (statuses.get(reply.status) ?? 0) + 1);
          const problems = problemsOf(reply);
          if (reply.status === 200 && typeof reply.json?.[Object.keys(reply.json)[0] ?? '']?.jobid === 'string') await world.settle();
          const after = await world.checksums();
          if (reply.status !== 200) {
            const changed = Object.keys(after).filter((table) => table !== 'event' && after[table] !== checksums[table]);
            if (changed.length > 0) problems.push(`refused with ${reply.status}, yet changed ${changed.join(', ')}`);
            // CloudStack's ActionEvent interceptor records a failed action as an ERROR event; nothing else may appear.
            const added = await world.env.query<{ level: string; description: string }>('SELECT level, description FROM event WHERE id > ?', [lastEventId]);
            const notErrors = added.filter((event) => event.level !== 'ERROR');
            if (notErrors.length > 0) problems.push(`refused, yet recorded ${JSON.stringify(notErrors)}`);
          }
          lastEventId = await maxEventId();
          checksums = after;
          if (problems.length > 0) {
            throw new Error(
              `${problems.join('; ')}\nrequest: ${request.caller} ${JSON.stringify(request.command)} ` +
                `${JSON.stringify(params.map(([name, value]) => [name, value.length > 200 ? `${value.slice(0, 200)}…(${value.length})` : value]))}\n` +
                `reply: ${reply.status} ${reply.text.slice(0, 500)}`,
            );
          }
        }),
        { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true },
      );

      process.stdout.write(`request fuzzing: ${sent} requests, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}\n`);
      expect(sent).toBe(FUZZ_RUNS);
      // The generator reaches both sides: accepted requests and refusals.
      expect(statuses.get(200) ?? 0).toBeGreaterThan(0);
      expect(statuses.get(431) ?? 0).toBeGreaterThan(0);
    },
    // Checksums cover growing tables, so later requests cost more: allow 100 ms each, at least 4 minutes.
    LONG_TESTS ? 3_600_000 : Math.max(240_000, FUZZ_RUNS * 100),
  );

  /** The request's parameters with every {@link VALID} replaced by a value naming the scene's resources. */
  function resolve(request: FuzzRequest, scene: Scene, sent: number): RawParam[] {
    const definition = world.definition(request.command);
    return request.params.map(([name, value]) => {
      if (value !== VALID) return [name, value];
      const param = definition?.params.find((candidate) => candidate.name === name);
      const listValues: Record<string, string> = {
        page: '1',
        pagesize: '10',
        keyword: 'owned',
        listall: 'true',
        isrecursive: 'true',
        domainid: scene.owner.domainUuid,
        account: scene.owner.name,
      };
      // Own properties only: a generated name such as `constructor` must not find Object's.
      const listValue = Object.hasOwn(listValues, name) ? listValues[name] : undefined;
      const valid = param === undefined ? listValue : validValueFor(request.command, param, scene, `fuzz-${sent}`);
      return [name, valid ?? 'fuzz-value'];
    });
  }

  function send(request: FuzzRequest, params: readonly RawParam[], scene: Scene): Promise<RawReply> {
    const keys: ApiKeyPair =
      request.caller === 'root admin' ? world.rootAdmin : request.caller === 'other user' ? world.otherUser : scene.owner;
    const signed = signRaw(keys, [['command', request.command], ...params]);
    if (request.caller === 'forged') {
      const forged = signRaw({ apiKey: keys.apiKey, secretKey: `${keys.secretKey}-forged` }, [['command', request.command], ...params]);
      signed[signed.length - 1] = forged[forged.length - 1] ?? ['signature', ''];
    }
    return rawApiRequest(world.env.server.url, { method: 'POST', body: toQueryString(signed) });
  }
});

/** What is wrong with an answer, judged by CloudStack's envelope and the README's bounds. */
function problemsOf(reply: RawReply): string[] {
  const problems: string[] = [];
  if (!CLOUDSTACK_STATUSES.has(reply.status)) problems.push(`status ${reply.status} is not one CloudStack answers`);
  // 530 is also a deliberate CloudStack answer (listApis name=<unknown>); the generic text is an unhandled error.
  if (reply.status === 530 && reply.text.includes('Internal error executing command')) problems.push('a generated request hit an unhandled error (530)');
  // Success bodies carry API descriptions; an error body is where a leak would show.
  if (reply.status !== 200 && LEAK.test(reply.text)) problems.push('the error shows a stack, a source path or a driver error');
  const description = reply.headers['x-description'];
  if (typeof description === 'string' && description.length > MAX_ERROR_TEXT) problems.push(`X-Description of ${description.length} characters`);
  const json: unknown = reply.json;
  if (typeof json !== 'object' || json === null) return [...problems, 'the answer is not JSON'];
  const keys = Object.keys(json);
  if (keys.length !== 1 || !keys[0]?.endsWith('response')) return [...problems, `the answer's top level is ${JSON.stringify(keys)}`];
  if (reply.status === 200) return problems;
  const body = (json as Record<string, { errorcode?: unknown; errortext?: unknown; cserrorcode?: unknown }>)[keys[0]];
  if (body?.errorcode !== reply.status) problems.push(`errorcode ${String(body?.errorcode)} differs from the status`);
  if (typeof body?.errortext !== 'string') problems.push('no errortext');
  else if (body.errortext.length > MAX_ERROR_TEXT) problems.push(`errortext of ${body.errortext.length} characters`);
  // CloudStack's servlet answers (401, a failed login) carry no cserrorcode; command errors do.
  if (reply.status !== 401 && keys[0] !== 'loginresponse' && typeof body?.cserrorcode !== 'number') problems.push('no cserrorcode');
  return problems;
}

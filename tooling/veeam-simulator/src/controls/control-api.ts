import { type IncomingMessage, type ServerResponse } from 'node:http';

import { type SeedPreset, type SeedSpec } from '../model/seed';
import { type SessionState, type SessionTiming, type SessionType } from '../model/sessions';
import { readBody, sendJson } from '../http/wire';
import { type SimulatorControls } from './simulator-controls';

export const CONTROL_PREFIX = '/_simulator';

interface ControlRequest {
  readonly params: string[];
  readonly query: URLSearchParams;
  readonly body: unknown;
}

/** An answer other than 200 with the handler's result as JSON. */
class ControlReply {
  constructor(
    readonly status: number,
    readonly body?: unknown,
  ) {}
}

/** Returns the JSON to send with 200, or a ControlReply. */
type ControlHandler = (request: ControlRequest) => unknown;

class ControlError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function bodyObject(request: ControlRequest): Record<string, unknown> {
  const { body } = request;
  if (body === undefined) return {};
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new ControlError(400, 'The body must be a JSON object');
  }
  return body as Record<string, unknown>;
}

/** The body handed to a control method, which checks it (its callers include plain JS). */
function bodyAs<T>(request: ControlRequest): T {
  return bodyObject(request) as T;
}

function optionalInt(query: URLSearchParams, name: string): number | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 0)
    throw new ControlError(400, `${name} must be a non-negative integer`);
  return parsed;
}

function found<T>(value: T | undefined, what: string): T {
  if (value === undefined) throw new ControlError(404, `${what} not found`);
  return value;
}

/**
 * The HTTP face of SimulatorControls for tests in another process (the server's e2e tests).
 * No token and no `x-api-version`; JSON in and out; errors are `{ "error": message }`.
 */
export class ControlApi {
  private readonly routes: [string, RegExp, ControlHandler][];

  constructor(controls: SimulatorControls) {
    const c = controls;
    this.routes = [
      ['GET', /^\/state$/, () => c.summary()],
      [
        'POST',
        /^\/reset$/,
        (r) => c.reset(bodyAs<{ seed?: SeedPreset | SeedSpec }>(r).seed ?? 'empty'),
      ],
      ['POST', /^\/seed$/, (r) => c.seed(bodyObject(r))],
      ['GET', /^\/vms$/, (r) => c.listVms({ name: r.query.get('name') ?? undefined })],
      ['POST', /^\/vms$/, (r) => new ControlReply(201, c.addVm(bodyAs(r)))],
      ['GET', /^\/vms\/([^/]+)$/, (r) => found(c.getVm(r.params[0]!), 'VM')],
      [
        'DELETE',
        /^\/vms\/([^/]+)$/,
        (r) => ({ removed: found(c.removeVm(r.params[0]!) || undefined, 'VM') }),
      ],
      ['GET', /^\/jobs$/, () => c.listJobs()],
      ['GET', /^\/jobs\/([^/]+)$/, (r) => found(c.getJob(r.params[0]!), 'Job')],
      [
        'GET',
        /^\/sessions$/,
        (r) =>
          c.listSessions({
            type: (r.query.get('type') ?? undefined) as SessionType | undefined,
            state: (r.query.get('state') ?? undefined) as SessionState | undefined,
            jobId: r.query.get('jobId') ?? undefined,
          }),
      ],
      ['POST', /^\/sessions\/finish$/, () => ({ advancedMs: c.finishSessions() })],
      ['GET', /^\/sessions\/([^/]+)$/, (r) => found(c.getSession(r.params[0]!), 'Session')],
      ['GET', /^\/backups$/, () => c.listBackups()],
      [
        'GET',
        /^\/restore-points$/,
        (r) =>
          c.listRestorePoints({
            backupId: r.query.get('backupId') ?? undefined,
            vmObjectId: r.query.get('vmObjectId') ?? undefined,
            skip: optionalInt(r.query, 'skip'),
            limit: optionalInt(r.query, 'limit'),
          }),
      ],
      [
        'GET',
        /^\/requests$/,
        (r) => ({ counts: c.requestCounts(), log: c.requestLog(optionalInt(r.query, 'limit')) }),
      ],
      [
        'DELETE',
        /^\/requests$/,
        () => {
          c.clearRequestLog();
          return new ControlReply(204);
        },
      ],
      [
        'GET',
        /^\/faults$/,
        () => ({ faults: c.listFaults(), sessionFaults: c.listSessionFaults() }),
      ],
      ['POST', /^\/faults$/, (r) => new ControlReply(201, c.injectFault(bodyAs(r)))],
      [
        'DELETE',
        /^\/faults$/,
        () => {
          c.clearFaults();
          return new ControlReply(204);
        },
      ],
      [
        'DELETE',
        /^\/faults\/(\d+)$/,
        (r) => ({ removed: found(c.removeFault(Number(r.params[0])) || undefined, 'Fault') }),
      ],
      ['POST', /^\/session-faults$/, (r) => new ControlReply(201, c.injectSessionFault(bodyAs(r)))],
      ['POST', /^\/tokens\/expire$/, () => ({ expired: c.expireAccessTokens() })],
      ['POST', /^\/tokens\/revoke-refresh$/, () => ({ revoked: c.revokeRefreshTokens() })],
      ['PUT', /^\/settings$/, (r) => this.updateSettings(c, bodyObject(r))],
      ['POST', /^\/clock\/advance$/, (r) => this.advance(c, bodyObject(r))],
    ];
  }

  private updateSettings(c: SimulatorControls, body: Record<string, unknown>) {
    const { accessTokenLifetimeSeconds, refreshTokenLifetimeSeconds, sessionTiming } = body;
    if (accessTokenLifetimeSeconds !== undefined || refreshTokenLifetimeSeconds !== undefined) {
      c.setTokenLifetimes({
        accessSeconds: accessTokenLifetimeSeconds as number | undefined,
        refreshSeconds: refreshTokenLifetimeSeconds as number | undefined,
      });
    }
    if (sessionTiming !== undefined) c.setSessionTiming(sessionTiming as Partial<SessionTiming>);
    return new ControlReply(204);
  }

  private advance(c: SimulatorControls, body: Record<string, unknown>) {
    const ms = body['ms'];
    if (typeof ms !== 'number') throw new ControlError(400, 'ms must be a number');
    c.advanceClock(ms);
    return { now: c.now().toISOString() };
  }

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const method = request.method ?? 'GET';
    const path = url.pathname.slice(CONTROL_PREFIX.length) || '/';
    try {
      const raw = await readBody(request);
      let body: unknown;
      if (raw.trim() !== '') {
        try {
          body = JSON.parse(raw);
        } catch {
          throw new ControlError(400, 'The body is not valid JSON');
        }
      }
      for (const [routeMethod, pattern, handler] of this.routes) {
        const match = pattern.exec(path);
        if (!match || routeMethod !== method) continue;
        const params = match.slice(1).map((param) => decodeURIComponent(param));
        const result = handler({ params, query: url.searchParams, body });
        if (result instanceof ControlReply) sendJson(response, result.status, result.body);
        else sendJson(response, 200, result);
        return;
      }
      throw new ControlError(404, `No control route ${method} ${url.pathname}`);
    } catch (error) {
      const status =
        error instanceof ControlError
          ? error.status
          : error instanceof RangeError || error instanceof TypeError
            ? 400
            : 500;
      sendJson(response, status, { error: error instanceof Error ? error.message : String(error) });
    }
  }
}

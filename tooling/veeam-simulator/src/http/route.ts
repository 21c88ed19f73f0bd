import { type IncomingHttpHeaders } from 'node:http';

import { type SimulatorContext } from '../simulator-context';
import { type Revision } from '../personality';
import { type Role, type TokenGrant } from '../model/tokens';
import { type SimulatorState } from '../model/simulator-state';
import { type Codec } from './codec';
import { badRequest } from './vbr-error';

/** Who may call a route: nobody needs a token, any signed-in user, or one of these roles. */
export type AuthRequirement = 'none' | 'any' | readonly Role[];

export interface ApiRequest {
  readonly method: string;
  readonly path: string;
  readonly params: Readonly<Record<string, string>>;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: string;
  readonly revision: Revision;
  readonly codec: Codec;
  /** Undefined on routes that need no token. */
  readonly grant: TokenGrant | undefined;
  readonly state: SimulatorState;
  readonly context: SimulatorContext;
  /** An injected "job already running" fault applies to this request. */
  readonly forceJobAlreadyRunning: boolean;
}

export interface ApiResponse {
  readonly status: number;
  /** Serialised as JSON; undefined sends no body. */
  readonly body?: unknown;
}

/** A 200 with a JSON body: most handlers' answer. */
export function ok(body: unknown): ApiResponse {
  return { status: 200, body };
}

export interface RouteDef {
  readonly method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** `/api/v1/jobs/{id}` style; literal segments win over parameters. */
  readonly path: string;
  /** Veeam's operationId: the name faults, counters and logs use. */
  readonly operation: string;
  readonly auth: AuthRequirement;
  /** The route does not exist before this revision (clone, object delete, details). */
  readonly minRevision?: Revision;
  readonly handler: (request: ApiRequest) => ApiResponse | Promise<ApiResponse>;
}

/** Parses the JSON body of a request, as Veeam rejects bad JSON: 400 UnexpectedContent. */
export function jsonBody(request: ApiRequest): Record<string, unknown> {
  if (request.rawBody.trim() === '') throw badRequest('The request body is empty.');
  const type = String(request.headers['content-type'] ?? '');
  if (!type.toLowerCase().includes('application/json')) {
    throw badRequest(`The request content type '${type}' is not supported; use application/json.`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(request.rawBody);
  } catch {
    throw badRequest('The request body is not valid JSON.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw badRequest('The request body must be a JSON object.');
  }
  return parsed as Record<string, unknown>;
}

/** Like jsonBody, but an absent body is an empty object (start, clone, details). */
export function optionalJsonBody(request: ApiRequest): Record<string, unknown> {
  return request.rawBody.trim() === '' ? {} : jsonBody(request);
}

interface CompiledRoute {
  readonly route: RouteDef;
  readonly segments: readonly string[];
  readonly literalCount: number;
}

export type RouteMatch =
  | { readonly kind: 'found'; readonly route: RouteDef; readonly params: Record<string, string> }
  | { readonly kind: 'wrongMethod' }
  | { readonly kind: 'none' };

function splitPath(path: string): string[] {
  return path.split('/').filter((segment) => segment !== '');
}

/** Method + path matching for a fixed route table. */
export class Router {
  private readonly routes: CompiledRoute[];

  constructor(routes: readonly RouteDef[]) {
    this.routes = routes.map((route) => {
      const segments = splitPath(route.path);
      return { route, segments, literalCount: segments.filter((s) => !s.startsWith('{')).length };
    });
  }

  match(method: string, path: string): RouteMatch {
    const segments = splitPath(path);
    let best: { compiled: CompiledRoute; params: Record<string, string> } | undefined;
    let pathMatched = false;
    for (const compiled of this.routes) {
      const params = matchSegments(compiled.segments, segments);
      if (params === undefined) continue;
      pathMatched = true;
      if (compiled.route.method !== method) continue;
      if (best === undefined || compiled.literalCount > best.compiled.literalCount)
        best = { compiled, params };
    }
    if (best) return { kind: 'found', route: best.compiled.route, params: best.params };
    return pathMatched ? { kind: 'wrongMethod' } : { kind: 'none' };
  }

  all(): readonly RouteDef[] {
    return this.routes.map((compiled) => compiled.route);
  }
}

function matchSegments(
  pattern: readonly string[],
  actual: readonly string[],
): Record<string, string> | undefined {
  if (pattern.length !== actual.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < pattern.length; i++) {
    const expected = pattern[i]!;
    const value = actual[i]!;
    if (expected.startsWith('{')) {
      try {
        params[expected.slice(1, -1)] = decodeURIComponent(value);
      } catch {
        return undefined;
      }
    } else if (expected !== value) {
      return undefined;
    }
  }
  return params;
}

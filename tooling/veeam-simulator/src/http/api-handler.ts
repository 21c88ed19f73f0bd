import { type IncomingMessage, type ServerResponse } from 'node:http';

import { type ArmedFault } from '../controls/faults';
import { isRevision, revisionRank, type Revision } from '../personality';
import { type SimulatorContext } from '../simulator-context';
import { codecFor } from './codec';
import { type ApiRequest, type RouteDef, type Router } from './route';
import {
  errorForStatus,
  forbidden,
  UNAUTHORIZED_MESSAGE,
  UNSUPPORTED_VERSION_MESSAGE,
  VbrError,
  type VbrErrorCode,
} from './vbr-error';
import { BodyTooLarge, readBody, sendJson, sendMalformed, type Delays } from './wire';

/**
 * One VBR REST request, in the order a real server seems to apply its checks: injected faults
 * (they stand for the network or the server failing), `x-api-version`, route and revision,
 * bearer token and role, then the handler. Every request is logged and counted, without bodies.
 */
export class ApiHandler {
  constructor(
    private readonly context: SimulatorContext,
    private readonly router: Router,
    private readonly delays: Delays,
  ) {}

  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<void> {
    const startedAt = Date.now();
    const method = request.method ?? 'GET';
    const match = this.router.match(method, url.pathname);
    const operation = match.kind === 'found' ? match.route.operation : 'Unknown';
    const versionHeader = request.headers['x-api-version'];
    const apiVersion = typeof versionHeader === 'string' ? versionHeader : undefined;
    const entry = this.context.requests.start({
      time: new Date(this.context.clock.now()).toISOString(),
      method,
      path: url.pathname,
      query: url.search,
      operation,
      apiVersion,
    });
    const finish = (status: number) =>
      this.context.requests.finish(entry, status, Date.now() - startedAt);
    try {
      const fault = this.context.faults.take(operation);
      if (fault !== undefined) {
        entry.faultId = fault.id;
        if (fault.latencyMs) await this.delays.wait(fault.latencyMs);
        if (this.applyFault(fault, request, response, finish)) return;
      }
      const rawBody = await readBody(request);
      this.context.state.sessions.settle();
      const revision = this.checkVersion(apiVersion);
      if (match.kind === 'none')
        throw new VbrError(404, 'InvalidURI', 'The request URI is invalid.');
      if (match.kind === 'wrongMethod')
        throw new VbrError(405, 'MethodNotAllowed', 'HTTP Method not allowed');
      this.checkRevision(match.route, revision, method, url.pathname);
      const grant = this.authenticate(match.route, request);
      const apiRequest: ApiRequest = {
        method,
        path: url.pathname,
        params: match.params,
        query: url.searchParams,
        headers: request.headers,
        rawBody,
        revision,
        codec: codecFor(revision),
        grant,
        state: this.context.state,
        context: this.context,
        forceJobAlreadyRunning: fault?.jobAlreadyRunning === true,
      };
      const result = await match.route.handler(apiRequest);
      sendJson(response, result.status, result.body);
      finish(result.status);
    } catch (error) {
      const failure = this.toVbrError(error);
      sendJson(response, failure.status, failure.toBody());
      finish(failure.status);
    }
  }

  /** True when the fault answered (or dropped) the request itself. */
  private applyFault(
    fault: ArmedFault,
    request: IncomingMessage,
    response: ServerResponse,
    finish: (status: number) => void,
  ): boolean {
    if (fault.reset) {
      request.socket.destroy();
      finish(0);
      return true;
    }
    if (fault.malformedBody) {
      sendMalformed(response);
      finish(200);
      return true;
    }
    if (fault.status !== undefined) {
      const error = errorForStatus(fault.status, fault.message);
      const body = fault.errorCode
        ? { ...error.toBody(), errorCode: fault.errorCode as VbrErrorCode }
        : error.toBody();
      request.resume();
      sendJson(response, fault.status, body);
      finish(fault.status);
      return true;
    }
    return false;
  }

  private checkVersion(header: string | undefined): Revision {
    if (header === undefined || header.trim() === '') {
      throw new VbrError(
        400,
        'NotImplemented',
        `${UNSUPPORTED_VERSION_MESSAGE} The x-api-version header is missing.`,
      );
    }
    const value = header.trim();
    if (!isRevision(value) || !this.context.profile.revisions.includes(value)) {
      throw new VbrError(400, 'NotImplemented', UNSUPPORTED_VERSION_MESSAGE);
    }
    return value;
  }

  /** A route newer than the server does not exist; one newer than the request's revision is refused. */
  private checkRevision(route: RouteDef, revision: Revision, method: string, path: string): void {
    if (route.minRevision === undefined) return;
    if (revisionRank(this.context.profile.newestRevision) < revisionRank(route.minRevision)) {
      throw new VbrError(404, 'InvalidURI', 'The request URI is invalid.');
    }
    if (revisionRank(revision) < revisionRank(route.minRevision)) {
      throw new VbrError(
        400,
        'NotImplemented',
        `${UNSUPPORTED_VERSION_MESSAGE} ${method} ${path} needs x-api-version ${route.minRevision} or later.`,
      );
    }
  }

  private authenticate(route: RouteDef, request: IncomingMessage) {
    if (route.auth === 'none') return undefined;
    const header = request.headers.authorization ?? '';
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    if (token === undefined) throw new VbrError(401, 'AccessDenied', UNAUTHORIZED_MESSAGE);
    const check = this.context.tokens.checkAccess(token, this.context.clock.now());
    if (!check.ok) {
      if (check.reason === 'expired') {
        throw new VbrError(
          401,
          this.context.options.expiredTokenErrorCode,
          'The access token has expired. Refresh it or get a new one at /api/oauth2/token.',
        );
      }
      throw new VbrError(401, 'AccessDenied', UNAUTHORIZED_MESSAGE);
    }
    if (route.auth !== 'any' && !route.auth.includes(check.grant.role)) throw forbidden();
    return check.grant;
  }

  private toVbrError(error: unknown): VbrError {
    if (error instanceof VbrError) return error;
    if (error instanceof BodyTooLarge) return new VbrError(400, 'UnexpectedContent', error.message);
    this.context.options.onError(error);
    return new VbrError(500, 'UnknownError', 'The request could not be processed.');
  }
}

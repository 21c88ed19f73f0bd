import { createHash } from 'node:crypto';

import { BackupError, type ProviderLogger, type ProviderStateStore, type Zone } from '@csbr/framework';

import { type ZoneSettings } from '../config/zone-settings';
import { httpError, readVeeamErrorBody, veeamText } from '../http/veeam-errors';
import { type HttpReply, type HttpRequest, MALFORMED, VeeamTransport, originOf } from '../http/veeam-transport';
import { malformedAnswer } from '../http/veeam-errors';
import {
  credentialsRefused,
  deserializeTokens,
  readTokenAnswer,
  serializeTokens,
  type VeeamTokens,
} from './veeam-tokens';
import {
  profileOf,
  SUPPORTED_REVISIONS,
  type SupportedRevision,
  type VeeamProfile,
} from './veeam-profile';

/** Refresh this long before the token expires (the doc's §2: about a minute). */
export const REFRESH_MARGIN_MS = 60_000;
const TOKEN_STATE_KEY = 'session';

/** An authenticated request: the transport's, without the headers the connection adds. */
export type ApiRequest = Omit<HttpRequest, 'headers'>;

export interface ConnectionDeps {
  readonly zone: Zone;
  readonly settings: ZoneSettings;
  readonly state: ProviderStateStore;
  readonly logger: ProviderLogger;
  readonly now: () => Date;
}

/**
 * One logged-in connection to a zone's VBR server. At the first call it finds the newest REST
 * revision the server accepts (token call, newest first, stepping down on `NotImplemented`) and
 * pins that codec profile. It refreshes the token a minute before it expires, and on a 401 (a
 * token Veeam expired early, mid-poll), logs in again when the refresh fails, and shares its
 * tokens with other server instances through the provider's state store.
 */
export class VeeamConnection {
  readonly fingerprint: string;
  private readonly transport: VeeamTransport;
  private tokens: VeeamTokens | undefined;
  private renewing: Promise<VeeamTokens> | undefined;
  private loaded = false;

  constructor(private readonly deps: ConnectionDeps) {
    const { settings } = deps;
    this.fingerprint = fingerprintOf(settings);
    checkUrl(settings.baseUrl);
    this.transport = new VeeamTransport(settings);
  }

  get settings(): ZoneSettings {
    return this.deps.settings;
  }

  /** The pinned codec profile, logging in first when needed. */
  async profile(signal?: AbortSignal): Promise<VeeamProfile> {
    return profileOf((await this.validTokens(signal)).revision);
  }

  /** Sends with a valid token; a 2xx answer with its JSON body, anything else as a `BackupError`. */
  async request(call: ApiRequest): Promise<HttpReply> {
    let tokens = await this.validTokens(call.signal);
    let reply = await this.send(call, tokens);
    if (reply.status === 401) {
      tokens = await this.renew(tokens, call.signal);
      reply = await this.send(call, tokens);
    }
    if (reply.status >= 200 && reply.status < 300) {
      if (reply.body === MALFORMED) throw malformedAnswer(call.operation);
      return reply;
    }
    throw httpError(call.operation, reply.status, reply.body === MALFORMED ? undefined : reply.body);
  }

  async close(): Promise<void> {
    await this.transport.close();
  }

  private send(call: ApiRequest, tokens: VeeamTokens): Promise<HttpReply> {
    return this.transport.send({
      ...call,
      headers: { 'x-api-version': tokens.revision, authorization: `Bearer ${tokens.accessToken}` },
    });
  }

  private async validTokens(signal: AbortSignal | undefined): Promise<VeeamTokens> {
    if (!this.loaded) {
      this.loaded = true;
      this.tokens ??= await this.loadStoredTokens();
    }
    const tokens = this.tokens;
    if (tokens === undefined) return this.renew(undefined, signal);
    if (tokens.expiresAt - REFRESH_MARGIN_MS <= this.now()) return this.renew(tokens, signal);
    return tokens;
  }

  /**
   * New tokens instead of `stale` (one renewal at a time; callers that held the same stale tokens
   * share it): another instance's fresher tokens, else a refresh, else a password login.
   */
  private renew(stale: VeeamTokens | undefined, signal: AbortSignal | undefined): Promise<VeeamTokens> {
    if (this.tokens !== stale && this.tokens !== undefined) return Promise.resolve(this.tokens);
    this.renewing ??= this.renewNow(stale, signal).finally(() => {
      this.renewing = undefined;
    });
    return this.renewing;
  }

  private async renewNow(stale: VeeamTokens | undefined, signal: AbortSignal | undefined): Promise<VeeamTokens> {
    const stored = await this.loadStoredTokens();
    let tokens: VeeamTokens | undefined;
    if (stored !== undefined && stored.accessToken !== stale?.accessToken && this.fresh(stored)) {
      tokens = stored;
    } else if (stale !== undefined) {
      tokens = await this.refresh(stale, signal);
      tokens ??= await this.login(stale.revision, signal);
    } else {
      tokens = await this.probeAndLogin(signal);
    }
    this.tokens = tokens;
    if (tokens !== stored) await this.storeTokens(tokens);
    return tokens;
  }

  /** A refreshed pair, or undefined when Veeam refused the refresh token (then we log in). */
  private async refresh(stale: VeeamTokens, signal: AbortSignal | undefined): Promise<VeeamTokens | undefined> {
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: stale.refreshToken });
    const reply = await this.tokenCall(stale.revision, form, signal);
    if (reply.status === 200) return readTokenAnswer(reply.body, stale.revision, this.now());
    if (reply.status === 400 || reply.status === 401) {
      this.deps.logger.info('Veeam refused the refresh token; logging in again', { zone: this.deps.zone.uuid });
      return undefined;
    }
    throw httpError('refresh the Veeam token', reply.status, reply.body === MALFORMED ? undefined : reply.body);
  }

  private async login(revision: SupportedRevision, signal: AbortSignal | undefined): Promise<VeeamTokens> {
    const reply = await this.passwordGrant(revision, signal);
    return this.acceptLogin(reply, revision);
  }

  /** Logs in with the newest revision the server accepts (the doc's §2, option 2). */
  private async probeAndLogin(signal: AbortSignal | undefined): Promise<VeeamTokens> {
    for (const revision of SUPPORTED_REVISIONS) {
      const reply = await this.passwordGrant(revision, signal);
      if (reply.status === 400 && readVeeamErrorBody(reply.body)?.errorCode === 'NotImplemented') continue;
      const tokens = this.acceptLogin(reply, revision);
      this.deps.logger.info('Connected to Veeam Backup & Replication', {
        zone: this.deps.zone.uuid,
        server: originOf(this.deps.settings.baseUrl),
        revision,
        profile: profileOf(revision).name,
      });
      return tokens;
    }
    throw new BackupError(
      'NOT_SUPPORTED',
      `The Veeam server at ${originOf(this.deps.settings.baseUrl)} accepts none of the REST API revisions csbr speaks ` +
        `(${SUPPORTED_REVISIONS.join(', ')}): csbr needs Veeam Backup & Replication 12.3.1 or newer`,
    );
  }

  private acceptLogin(reply: HttpReply, revision: SupportedRevision): VeeamTokens {
    if (reply.status === 200) return readTokenAnswer(reply.body, revision, this.now());
    const body = reply.body === MALFORMED ? undefined : reply.body;
    if (reply.status === 401) {
      throw credentialsRefused(this.deps.settings.username, veeamText(readVeeamErrorBody(body)?.message ?? 'HTTP 401'));
    }
    throw httpError('log in', reply.status, body);
  }

  private passwordGrant(revision: SupportedRevision, signal: AbortSignal | undefined): Promise<HttpReply> {
    const { username, password } = this.deps.settings;
    if (password === '') {
      throw new BackupError(
        'UPSTREAM_AUTH_FAILED',
        'No Veeam password is set for the zone (backup.plugin.veeam.password)',
      );
    }
    return this.tokenCall(revision, new URLSearchParams({ grant_type: 'password', username, password }), signal);
  }

  /** `POST /api/oauth2/token`; `x-api-version` is required here too (a common mistake, §2). */
  private tokenCall(revision: SupportedRevision, form: URLSearchParams, signal: AbortSignal | undefined): Promise<HttpReply> {
    return this.transport.send({
      method: 'POST',
      path: '/api/oauth2/token',
      headers: { 'x-api-version': revision },
      body: form,
      operation: 'log in',
      ...(signal === undefined ? {} : { signal }),
    });
  }

  private fresh(tokens: VeeamTokens): boolean {
    return tokens.expiresAt - REFRESH_MARGIN_MS > this.now();
  }

  private async loadStoredTokens(): Promise<VeeamTokens | undefined> {
    try {
      return deserializeTokens(await this.deps.state.get(TOKEN_STATE_KEY, this.deps.zone), this.fingerprint);
    } catch (error) {
      this.deps.logger.warn('Could not read the stored Veeam session', { zone: this.deps.zone.uuid, error: String(error) });
      return undefined;
    }
  }

  private async storeTokens(tokens: VeeamTokens): Promise<void> {
    try {
      await this.deps.state.set(TOKEN_STATE_KEY, serializeTokens(tokens, this.fingerprint), this.deps.zone);
    } catch (error) {
      // Only costs other instances a login of their own.
      this.deps.logger.warn('Could not store the Veeam session', { zone: this.deps.zone.uuid, error: String(error) });
    }
  }

  private now(): number {
    return this.deps.now().getTime();
  }
}

/** Identifies the server and account the tokens belong to, without keeping the password. */
function fingerprintOf(settings: ZoneSettings): string {
  return createHash('sha256')
    .update(`${settings.baseUrl}\u0000${settings.username}\u0000${settings.password}`)
    .digest('base64url')
    .slice(0, 22);
}

function checkUrl(baseUrl: string): void {
  let url: URL | undefined;
  try {
    url = new URL(baseUrl);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
    throw new BackupError(
      'INVALID_PARAMETER',
      'The Veeam URL (backup.plugin.veeam.url) is not a valid https:// URL',
    );
  }
}

import { Inject, Injectable } from '@nestjs/common';
import { type Caller, type Clock } from '@csbr/framework/host';
import { type AnyCommandDefinition } from '../command-definition';
import { CommandRegistry } from '../command-registry';
import { type RequestParams } from '../http/request-params';
import { API_CLOCK, API_USER_STORE, SIGNATURE_REPLAY_GUARD } from '../ports/api-tokens';
import { type ApiUserStore } from '../ports/api-user-store';
import { type SignatureReplayGuard } from '../ports/signature-replay-guard';
import { parseTzDate } from '../signing/parse-tz-date';
import { verifySignature } from '../signing/request-signature';
import { commandNotAvailable, signatureVerificationFailed } from './auth-errors';

/**
 * With replay protection on, how far ahead `expires` may be: what a request's signature is
 * remembered for. CloudStack's `enforce.post.requests.and.timestamps` allows 15 minutes (cloudstack-go
 * signs 15 minutes ahead, cs 10, csclient 5); 5 more cover clocks that disagree.
 */
export const MAX_PROTECTED_SIGNATURE_LIFETIME_MS = 20 * 60 * 1000;

/** A request that passed the API-key checks. */
export interface VerifiedApiKeyRequest {
  readonly caller: Caller;
  readonly definition: AnyCommandDefinition;
}

/**
 * CloudStack's `ApiServer.verifyRequest` for API-key requests, in its order (protocol doc §2.1.3):
 * command present; command registered (else 401, before any signature check); `apiKey` and
 * `signature` present; with `signatureVersion=3`, `expires` present, parseable and not past; the key
 * known and its user and account enabled; the role allowed to call the command; the HMAC.
 *
 * Then, only when replay protection is on (a csbr addition): `expires` present whatever the
 * signature version, not past and at most {@link MAX_PROTECTED_SIGNATURE_LIFETIME_MS} ahead, and the
 * signature never seen before. Every refusal is the same 401 as a bad signature.
 */
@Injectable()
export class ApiKeyVerifier {
  constructor(
    private readonly registry: CommandRegistry,
    @Inject(API_USER_STORE) private readonly users: ApiUserStore,
    @Inject(API_CLOCK) private readonly clock: Clock,
    @Inject(SIGNATURE_REPLAY_GUARD) private readonly replayGuard: SignatureReplayGuard,
  ) {}

  async verify(params: RequestParams): Promise<VerifiedApiKeyRequest> {
    const command = params.first('command');
    const definition = command === undefined ? undefined : this.registry.get(command);
    const apiKey = params.firstIgnoringCase('apiKey');
    const signature = params.firstIgnoringCase('signature');
    if (command === undefined || definition === undefined || apiKey === undefined || signature === undefined) {
      throw signatureVerificationFailed();
    }
    if (params.firstIgnoringCase('signatureVersion') === '3' && !this.isUnexpired(params.firstIgnoringCase('expires'))) {
      throw signatureVerificationFailed();
    }
    const owner = await this.users.findByApiKey(apiKey);
    if (owner === undefined || !owner.userEnabled || !owner.accountEnabled) {
      throw signatureVerificationFailed();
    }
    if (!definition.allowedRoles.includes(owner.caller.roleType)) {
      throw commandNotAvailable(command);
    }
    if (!verifySignature(params.all, owner.secretKey, signature)) {
      throw signatureVerificationFailed();
    }
    await this.refuseReplay(params, apiKey, signature);
    return { caller: owner.caller, definition };
  }

  /** After the HMAC, so that only genuine signatures are ever recorded. */
  private async refuseReplay(params: RequestParams, apiKey: string, signature: string): Promise<void> {
    if (!(await this.replayGuard.isEnabled())) return;
    const expiresText = params.firstIgnoringCase('expires');
    const expires = expiresText === undefined ? undefined : parseTzDate(expiresText);
    const now = this.clock.now().getTime();
    if (expires === undefined || expires.getTime() < now || expires.getTime() - now > MAX_PROTECTED_SIGNATURE_LIFETIME_MS) {
      throw signatureVerificationFailed();
    }
    if (!(await this.replayGuard.remember(apiKey, signature, expires))) {
      throw signatureVerificationFailed();
    }
  }

  private isUnexpired(expires: string | undefined): boolean {
    const expiry = expires === undefined ? undefined : parseTzDate(expires);
    // CloudStack refuses `expires` before now; an expiry equal to now is still accepted.
    return expiry !== undefined && expiry.getTime() >= this.clock.now().getTime();
  }
}

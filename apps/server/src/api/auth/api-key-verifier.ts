import { Inject, Injectable } from '@nestjs/common';
import { type Caller, type Clock } from '@csbr/framework/host';
import { type AnyCommandDefinition } from '../command-definition';
import { CommandRegistry } from '../command-registry';
import { type RequestParams } from '../http/request-params';
import { API_CLOCK, API_USER_STORE } from '../ports/api-tokens';
import { type ApiUserStore } from '../ports/api-user-store';
import { parseTzDate } from '../signing/parse-tz-date';
import { verifySignature } from '../signing/request-signature';
import { commandNotAvailable, signatureVerificationFailed } from './auth-errors';

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
 */
@Injectable()
export class ApiKeyVerifier {
  constructor(
    private readonly registry: CommandRegistry,
    @Inject(API_USER_STORE) private readonly users: ApiUserStore,
    @Inject(API_CLOCK) private readonly clock: Clock,
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
    return { caller: owner.caller, definition };
  }

  private isUnexpired(expires: string | undefined): boolean {
    const expiry = expires === undefined ? undefined : parseTzDate(expires);
    // CloudStack refuses `expires` before now; an expiry equal to now is still accepted.
    return expiry !== undefined && expiry.getTime() >= this.clock.now().getTime();
  }
}

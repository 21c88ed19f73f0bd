import { Inject, Injectable } from '@nestjs/common';
import { type AccountScope, type Caller } from '@csbr/framework/host';
import { type CommandContext } from '../command-definition';
import { ApiError } from '../errors/api-error';
import { ApiErrorCode, CsErrorCode } from '../errors/api-error-codes';
import { type AccountDirectory, type DomainRecord } from '../ports/account-directory';
import { ACCOUNT_DIRECTORY } from '../ports/api-tokens';
import { canAccessDomain, computeAccountScope } from './compute-account-scope';

/**
 * Computes a list command's `AccountScope` from the caller and the `accountScopeParams()` it was sent
 * (`account`, `domainid`, `isrecursive`, `listall`), checking that the caller may look there:
 * an unknown account is 431/4350 (InvalidParameterValueException), a domain or account outside the
 * caller's reach 531/4365 (PermissionDeniedException).
 */
@Injectable()
export class AccountScopeResolver {
  constructor(@Inject(ACCOUNT_DIRECTORY) private readonly directory: AccountDirectory) {}

  /**
   * @param context - the handler's context; reads `params.account`, `params.domainid` (internal id),
   *   `params.isrecursive`, `params.listall` and whether `params[idParam]` is set.
   * @param idParam - the command's per-resource filter, `id` by default.
   */
  async resolve(context: CommandContext, idParam = 'id'): Promise<AccountScope> {
    const params = context.params as Readonly<Record<string, unknown>>;
    const { caller } = context;
    const domain = await this.findDomain(params.domainid, context.rawParams.domainid);
    if (domain !== undefined && !canAccessDomain(caller, domain)) {
      throw permissionDenied(`Account ${caller.accountName} does not have permission to operate within domain id=${domain.uuid}`);
    }
    const accountName = typeof params.account === 'string' && params.account !== '' ? params.account : undefined;
    const accountId =
      accountName === undefined ? undefined : await this.findAccount(caller, accountName, domain);
    return computeAccountScope(caller, {
      domain,
      accountId,
      isRecursive: params.isrecursive === true,
      listAll: params.listall === true,
      hasIdFilter: params[idParam] !== undefined,
    });
  }

  private async findDomain(domainId: unknown, domainUuid: string | undefined): Promise<DomainRecord | undefined> {
    if (typeof domainId !== 'string' || domainId === '-1') {
      return undefined;
    }
    const domain = await this.directory.findDomain(domainId);
    if (domain === undefined) {
      throw new ApiError(ApiErrorCode.PARAM_ERROR, `Unable to find domain by id ${domainUuid ?? domainId}`, {
        csErrorCode: CsErrorCode.INVALID_PARAMETER_VALUE_EXCEPTION,
      });
    }
    return domain;
  }

  private async findAccount(caller: Caller, accountName: string, domain: DomainRecord | undefined): Promise<string> {
    const domainId = domain?.id ?? caller.domainId;
    const accountId = await this.directory.findAccountId(accountName, domainId);
    if (accountId === undefined) {
      throw new ApiError(
        ApiErrorCode.PARAM_ERROR,
        domain === undefined
          ? `Unable to find account by name ${accountName}`
          : `Unable to find account by name ${accountName} in domain ${domain.uuid}`,
        { csErrorCode: CsErrorCode.INVALID_PARAMETER_VALUE_EXCEPTION },
      );
    }
    if (caller.roleType === 'User' && accountId !== caller.accountId) {
      throw permissionDenied(`Account ${caller.accountName} does not have permission to operate with account ${accountName}`);
    }
    return accountId;
  }
}

function permissionDenied(message: string): ApiError {
  return new ApiError(ApiErrorCode.ACCOUNT_ERROR, message, { csErrorCode: CsErrorCode.PERMISSION_DENIED_EXCEPTION });
}

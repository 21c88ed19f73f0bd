import { roleTypeOf } from '../../accounts/caller-of';
import { type AccountEntity } from '../../database/entities';
import { domainDisplayPath } from '../domains/domain-view';
import { field } from '../support/response-field';
import { DEFAULT_ACCOUNT_IDS, toUserResponse, USER_RESPONSE_FIELDS, type UserView } from '../users/user-view';

/** An account with its domain and its users. */
export interface AccountView {
  readonly account: AccountEntity;
  readonly domainUuid: string;
  readonly domainName: string;
  readonly domainPath: string;
  readonly users: readonly UserView[];
}

/** CloudStack's `AccountResponse` (object name `account`), the fields csbr has. */
export function toAccountResponse(view: AccountView): object {
  const { account } = view;
  return {
    id: account.uuid ?? '',
    name: account.accountName ?? '',
    accounttype: account.type,
    roletype: roleTypeOf(account.type),
    domainid: view.domainUuid,
    domain: view.domainName,
    domainpath: domainDisplayPath({ path: view.domainPath }),
    state: account.state,
    created: account.created ?? undefined,
    user: view.users.map(toUserResponse),
    isdefault: DEFAULT_ACCOUNT_IDS.includes(account.id),
  };
}

export const ACCOUNT_RESPONSE = {
  objectName: 'account',
  fields: [
    field('id', 'string', 'the id of the account'),
    field('name', 'string', 'the name of the account'),
    field('accounttype', 'integer', 'account type (admin, domain-admin, user)'),
    field('roletype', 'string', 'the type of the role (Admin, ResourceAdmin, DomainAdmin, User)'),
    field('domainid', 'string', 'id of the Domain the account belongs to'),
    field('domain', 'string', 'name of the Domain the account belongs to'),
    field('domainpath', 'string', 'path of the Domain the account belongs to'),
    field('state', 'string', 'the state of the account'),
    field('created', 'date', 'the date when this account was created'),
    { name: 'user', type: 'list', description: 'the list of users associated with account', response: USER_RESPONSE_FIELDS },
    field('isdefault', 'boolean', 'true if account is default, false otherwise'),
  ],
} as const;

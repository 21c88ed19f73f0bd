import { type UserEntity } from '../../database/entities';
import { roleTypeOf } from '../../accounts/caller-of';
import { field } from '../support/response-field';

/** A user with its account and domain names, read in one statement. */
export interface UserView {
  readonly user: UserEntity;
  readonly accountUuid: string;
  readonly accountName: string;
  readonly accountType: number;
  readonly domainUuid: string;
  readonly domainName: string;
}

/** CloudStack's default accounts (`system` 1, `admin` 2) and their first users cannot be deleted. */
export const DEFAULT_ACCOUNT_IDS: readonly string[] = ['1', '2'];
export const DEFAULT_USER_IDS: readonly string[] = ['1', '2'];

/** CloudStack's `UserResponse` (object name `user`); the secret key is never listed. */
export function toUserResponse(view: UserView): object {
  const { user } = view;
  return {
    id: user.uuid ?? '',
    username: user.username,
    firstname: user.firstname ?? undefined,
    lastname: user.lastname ?? undefined,
    email: user.email ?? undefined,
    created: user.created,
    state: user.state,
    account: view.accountName,
    accounttype: view.accountType,
    roletype: roleTypeOf(view.accountType),
    domainid: view.domainUuid,
    domain: view.domainName,
    timezone: user.timezone ?? undefined,
    apikey: user.apiKey ?? undefined,
    accountid: view.accountUuid,
    isdefault: DEFAULT_USER_IDS.includes(user.id),
    usersource: 'native',
  };
}

export const USER_RESPONSE_FIELDS = [
  field('id', 'string', 'the user ID'),
  field('username', 'string', 'the user name'),
  field('firstname', 'string', 'the user firstname'),
  field('lastname', 'string', 'the user lastname'),
  field('email', 'string', 'the user email address'),
  field('created', 'date', 'the date and time the user account was created'),
  field('state', 'string', 'the user state'),
  field('account', 'string', 'the account name of the user'),
  field('accounttype', 'integer', 'the account type of the user'),
  field('roletype', 'string', 'the type of the role'),
  field('domainid', 'string', 'the domain ID of the user'),
  field('domain', 'string', 'the domain name of the user'),
  field('timezone', 'string', 'the timezone user was created in'),
  field('apikey', 'string', 'the api key of the user'),
  field('accountid', 'string', 'the account ID of the user'),
  field('isdefault', 'boolean', 'true if user is default, false otherwise'),
  field('usersource', 'string', 'the source type of the user in lowercase, such as native, ldap, saml2'),
];

export const USER_RESPONSE = { objectName: 'user', fields: USER_RESPONSE_FIELDS } as const;

import { type AccessChecker, type Caller } from '@csbr/framework/host';

import { type UserKeysService } from '../../accounts/user-keys.service';
import { type AnyCommandDefinition, defineCommand } from '../../api/command-definition';
import { listResult, objectResult } from '../../api/command-results';
import { accountScopeParams, listParams } from '../../api/common-params';
import { type AccountScopeResolver } from '../../api/scope/account-scope-resolver';
import { invalidParameter } from '../../api/errors/cloudstack-exceptions';
import { field } from '../support/response-field';
import { toUserResponse, USER_RESPONSE } from './user-view';
import { type UsersService } from './users.service';

const USER_KEYS_RESPONSE = {
  objectName: 'userkeys',
  fields: [field('apikey', 'string', 'the api key of the registered user'), field('secretkey', 'string', 'the secret key of the registered user')],
} as const;

/** What the user commands need. */
export interface UserCommandDependencies {
  readonly users: UsersService;
  readonly keys: UserKeysService;
  readonly scopes: AccountScopeResolver;
  readonly access: AccessChecker;
}

/** `listUsers`, `registerUserKeys`, `getUserKeys`. */
export function userCommands({ users, keys, scopes, access }: UserCommandDependencies): AnyCommandDefinition[] {
  /** A user manages its own account's users; admins those of accounts they may act on. */
  const checkUserAccess = async (caller: Caller, userId: string): Promise<void> => {
    const owner = await users.findOwner(userId);
    if (owner === undefined) throw invalidParameter('Unable to find user by id');
    await access.checkAccess(caller, owner);
  };

  const listUsers = defineCommand({
    name: 'listUsers',
    description: 'Lists user accounts, scoped like every account-owned resource.',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    params: [
      ...listParams(),
      ...accountScopeParams(),
      { name: 'id', type: 'uuid', entity: 'User', description: 'List user by ID.' },
      { name: 'username', type: 'string', description: 'List user by the username' },
      { name: 'accounttype', type: 'integer', description: 'List users by account type. Valid types include admin, domain-admin, read-only-admin, or user.' },
      { name: 'state', type: 'string', description: 'List users by state of the user account.' },
    ],
    response: USER_RESPONSE,
    handler: async (context) => {
      const { params, paging } = context;
      const page = await users.list(
        {
          id: params.id,
          username: params.username,
          accountType: params.accounttype,
          state: params.state,
          keyword: params.keyword,
          scope: await scopes.resolve(context),
        },
        paging,
      );
      return listResult('user', { items: page.items.map(toUserResponse), total: page.total });
    },
  });

  const registerUserKeys = defineCommand({
    name: 'registerUserKeys',
    description: "This command allows a user to register for the developer API, returning a secret key and an API key. It replaces the user's previous keys.",
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    eventType: 'REGISTER.USER.KEY',
    eventDescription: 'register for the developer API keys',
    jobInstance: { type: 'User', param: 'id' },
    params: [{ name: 'id', type: 'uuid', entity: 'User', required: true, related: ['listUsers'], description: 'User id' }],
    response: USER_KEYS_RESPONSE,
    handler: async ({ params, caller }) => {
      await checkUserAccess(caller, params.id);
      const registered = await keys.registerUserKeys(params.id);
      if (registered === undefined) throw invalidParameter('Unable to find user by id');
      return objectResult('userkeys', { apikey: registered.apiKey, secretkey: registered.secretKey });
    },
  });

  const getUserKeys = defineCommand({
    name: 'getUserKeys',
    description: 'This command allows the user to query the seceret and API keys for the account',
    since: '4.10.0',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    params: [{ name: 'id', type: 'uuid', entity: 'User', required: true, related: ['listUsers'], description: 'ID of the user whose keys are required' }],
    response: USER_KEYS_RESPONSE,
    handler: async ({ params, caller }) => {
      await checkUserAccess(caller, params.id);
      const found = await keys.getUserKeys(params.id);
      if (found === undefined) throw invalidParameter('Unable to find user by id');
      return objectResult('userkeys', { apikey: found.apiKey, secretkey: found.secretKey });
    },
  });

  return [listUsers, registerUserKeys, getUserKeys];
}

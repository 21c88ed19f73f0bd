import { type AnyCommandDefinition, defineCommand } from '../../api/command-definition';
import { listResult, objectResult, successResult } from '../../api/command-results';
import { listParams } from '../../api/common-params';
import { SUCCESS_RESPONSE } from '../support/success-response';
import { ACCOUNT_RESPONSE, toAccountResponse } from './account-view';
import { type AccountsService } from './accounts.service';

/** `createAccount`, `listAccounts`, `deleteAccount`. */
export function accountCommands(accounts: AccountsService): AnyCommandDefinition[] {
  const createAccount = defineCommand({
    name: 'createAccount',
    description:
      'Creates an account with its first user. Domain admins may create user and domain admin accounts within their domain tree. csbr has no role table: pass accounttype (0 user, 1 admin, 2 domain admin).',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin'],
    eventType: 'ACCOUNT.CREATE',
    eventResource: { type: 'Account' },
    eventDescription: 'creating Account',
    related: ['listAccounts'],
    params: [
      { name: 'accounttype', type: 'integer', description: 'Type of the account. Specify 0 for user, 1 for root admin, and 2 for domain admin' },
      { name: 'username', type: 'string', required: true, description: 'Unique username.' },
      { name: 'password', type: 'string', required: true, description: 'Clear text password (Default hashed to SHA256SALT).' },
      { name: 'email', type: 'string', required: true, description: 'email' },
      { name: 'firstname', type: 'string', required: true, description: 'firstname' },
      { name: 'lastname', type: 'string', required: true, description: 'lastname' },
      { name: 'account', type: 'string', description: 'Name of the account to be created. The user will be added to this newly created account. If no account is specified, the username will be used as the account name.' },
      { name: 'domainid', type: 'uuid', entity: 'Domain', related: ['listDomains'], description: 'Creates the user under the specified domain.' },
      { name: 'timezone', type: 'string', description: 'Specifies a timezone for this command.' },
      { name: 'networkdomain', type: 'string', description: 'accepted for compatibility and ignored: csbr manages no networks' },
    ],
    response: ACCOUNT_RESPONSE,
    handler: async ({ params, caller }) => {
      const account = await accounts.create(caller, {
        accountType: params.accounttype,
        username: params.username,
        password: params.password,
        email: params.email,
        firstName: params.firstname,
        lastName: params.lastname,
        accountName: params.account === '' ? undefined : params.account,
        domainId: params.domainid,
        timezone: params.timezone,
      });
      return objectResult('account', toAccountResponse(account));
    },
  });

  const listAccounts = defineCommand({
    name: 'listAccounts',
    description:
      "Lists accounts and provides detailed account information for listed accounts: a user's own account, an admin's domain (the whole tree with listall=true or isrecursive=true).",
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    related: ['createAccount'],
    params: [
      ...listParams(),
      { name: 'id', type: 'uuid', entity: 'Account', description: 'list account by account ID' },
      { name: 'name', type: 'string', description: 'list account by account name' },
      { name: 'accounttype', type: 'integer', description: 'list accounts by account type. Valid account types are 1 (admin), 2 (domain-admin), and 0 (user).' },
      { name: 'state', type: 'string', description: 'list accounts by state. Valid states are enabled, disabled, and locked.' },
      { name: 'domainid', type: 'uuid', entity: 'Domain', related: ['listDomains'], description: 'list only resources belonging to the domain specified' },
      { name: 'isrecursive', type: 'boolean', description: 'defaults to false, but if true, lists all resources from the parent specified by the domainId till leaves.' },
      { name: 'listall', type: 'boolean', description: "If set to false, list only resources belonging to the command's caller; if set to true - list resources that the caller is authorized to see. Default value is false" },
      { name: 'details', type: 'list', description: 'accepted for compatibility and ignored' },
    ],
    response: ACCOUNT_RESPONSE,
    handler: async ({ params, caller, paging }) => {
      const page = await accounts.list(
        caller,
        {
          id: params.id,
          name: params.name,
          accountType: params.accounttype,
          state: params.state,
          keyword: params.keyword,
          domainId: params.domainid === '-1' ? undefined : params.domainid,
          isRecursive: params.isrecursive === true,
          listAll: params.listall === true,
        },
        paging,
      );
      return listResult('account', { items: page.items.map(toAccountResponse), total: page.total });
    },
  });

  const deleteAccount = defineCommand({
    name: 'deleteAccount',
    description:
      'Deletes an account and all users in it; its virtual machines and volumes are expunged at once (csbr drives no hypervisor).',
    isAsync: true,
    allowedRoles: ['Admin', 'DomainAdmin'],
    eventType: 'ACCOUNT.DELETE',
    eventDescription: 'deleting user account',
    className: 'org.apache.cloudstack.api.command.admin.account.DeleteAccountCmd',
    jobInstance: { type: 'Account', param: 'id' },
    params: [{ name: 'id', type: 'uuid', entity: 'Account', required: true, related: ['listAccounts'], description: 'Account id' }],
    response: SUCCESS_RESPONSE,
    handler: async ({ params, caller }) => {
      await accounts.delete(caller, params.id);
      return successResult();
    },
  });

  return [createAccount, listAccounts, deleteAccount];
}

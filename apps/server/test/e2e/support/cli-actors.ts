import { type ApiKeyPair } from '../../support/api-keys';
import { type CliResult, cliOk, runCloudstack } from '../../support/cloudstack-cli';

/** Parameters of one `cloudstack` call, `name=value` on its command line. */
export type CliParams = Readonly<Record<string, string | number | boolean>>;

/** Someone running the `cloudstack` CLI with their own keys against one server. */
export type CliActor = (command: string, params?: CliParams) => Promise<CliResult>;

/** The `cloudstack` CLI signing with `keys` against the server at `baseUrl`. */
export function cliActor(baseUrl: string, keys: ApiKeyPair): CliActor {
  return (command, params) => runCloudstack(baseUrl, keys, command, params);
}

/**
 * The root admin creates a zone and enables backup and recovery in it with the dummy provider, as
 * the README's steps 1 and 3 do (zone-scoped `updateConfiguration`). Returns the zone's id.
 */
export async function createDummyBackupZone(admin: CliActor, name: string): Promise<string> {
  const zone = cliOk(await admin('createZone', { name, dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced' }));
  const zoneId = zone.zone.id as string;
  cliOk(await admin('updateConfiguration', { name: 'backup.framework.enabled', value: 'true', zoneid: zoneId }));
  cliOk(await admin('updateConfiguration', { name: 'backup.framework.provider.plugin', value: 'dummy', zoneid: zoneId }));
  return zoneId;
}

/** A user account of its own (`createAccount` accounttype=0) and its user's API keys (`registerUserKeys`). */
export async function createUserAccount(admin: CliActor, account: string): Promise<{ accountId: string; keys: ApiKeyPair }> {
  const created = cliOk(
    await admin('createAccount', {
      accounttype: 0,
      account,
      username: `${account}-user`,
      password: `${account}-Pass-1`,
      email: `${account}@example.com`,
      firstname: account,
      lastname: 'User',
    }),
  );
  const registered = cliOk(await admin('registerUserKeys', { id: created.account.user[0].id as string }));
  return {
    accountId: created.account.id as string,
    keys: { apiKey: registered.userkeys.apikey as string, secretKey: registered.userkeys.secretkey as string },
  };
}

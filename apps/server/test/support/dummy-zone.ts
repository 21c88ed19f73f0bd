import { type SignedClient } from './signed-client';

/**
 * Creates a zone over the API and turns the backup framework on there with the dummy provider, as
 * an operator would (`createZone`, then two `updateConfiguration … zoneid=`). Returns the zone's uuid.
 */
export async function createDummyZoneOverApi(admin: SignedClient, name = 'zone1'): Promise<string> {
  const reply = await admin.ok('createZone', { name, dns1: '8.8.8.8', internaldns1: '10.0.0.1', networktype: 'Advanced' });
  const zoneId = (reply.zone as { id: string }).id;
  await admin.ok('updateConfiguration', { name: 'backup.framework.enabled', value: 'true', zoneid: zoneId });
  await admin.ok('updateConfiguration', { name: 'backup.framework.provider.plugin', value: 'dummy', zoneid: zoneId });
  return zoneId;
}

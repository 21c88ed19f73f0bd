import { type InventoryEnv, startInventoryEnv } from '../inventory/support/inventory-env';

/** Every duration key the server declares, with its accepted range in seconds. */
const DURATION_KEYS = [
  'backup.framework.sync.interval',
  'backup.framework.timeout.policies',
  'backup.framework.timeout.backup',
  'backup.framework.timeout.restore',
];

describe('updateConfiguration refuses durations outside their range (signed HTTP, MariaDB)', () => {
  let env: InventoryEnv;
  let zone: string;

  beforeAll(async () => {
    env = await startInventoryEnv();
    zone = await env.createZone('range-zone');
  });

  afterAll(async () => {
    await env?.close();
  });

  it('answers backup.framework.sync.interval=3000000 with a 431 and keeps the value', async () => {
    const reply = await env.admin.call('updateConfiguration', { name: 'backup.framework.sync.interval', value: '3000000' });
    expect(reply.status).toBe(431);
    expect(reply.body).toEqual({
      uuidList: [],
      errorcode: 431,
      cserrorcode: 4350,
      errortext: 'Please enter a value between 1 and 604800 for the configuration parameter: backup.framework.sync.interval',
    });
    const listed = await env.admin.ok('listConfigurations', { name: 'backup.framework.sync.interval' });
    expect(listed.configuration[0].value).toBe('300');
  });

  it.each(DURATION_KEYS)('refuses 0 and one week plus a second for %s, and accepts one week', async (name) => {
    const zoneParam: Record<string, string> = name === 'backup.framework.sync.interval' ? {} : { zoneid: zone };
    for (const value of ['0', '604801']) {
      const reply = await env.admin.call('updateConfiguration', { name, value, ...zoneParam });
      expect({ status: reply.status, errortext: reply.body.errortext }).toEqual({
        status: 431,
        errortext: `Please enter a value between 1 and 604800 for the configuration parameter: ${name}`,
      });
    }
    const accepted = await env.admin.call('updateConfiguration', { name, value: '604800', ...zoneParam });
    expect(accepted.status).toBe(200);
  });

  it('refuses a dummy latency beyond one hour (a provider key declared with a range)', async () => {
    const reply = await env.admin.call('updateConfiguration', {
      name: 'backup.plugin.dummy.latency.ms',
      value: '2147483647',
      zoneid: zone,
    });
    expect(reply.status).toBe(431);
    expect(reply.body.errortext).toBe(
      'Please enter a value between 0 and 3600000 for the configuration parameter: backup.plugin.dummy.latency.ms',
    );
  });
});

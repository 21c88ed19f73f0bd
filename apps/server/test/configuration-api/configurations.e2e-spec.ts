import { type InventoryEnv, startInventoryEnv } from '../inventory/support/inventory-env';
import { TEST_SECURE_KEY, TEST_SECURE_KEY_COMPONENT } from '../inventory/support/inventory-test-module';

describe('listConfigurations and updateConfiguration over signed HTTP', () => {
  let env: InventoryEnv;
  let zone: string;
  let otherZone: string;

  beforeAll(async () => {
    env = await startInventoryEnv();
    zone = await env.createZone('config-zone');
    otherZone = await env.createZone('other-config-zone');
  });

  afterAll(async () => {
    await env?.close();
  });

  it('lists the framework keys with their global values', async () => {
    const reply = await env.admin.call('listConfigurations', { name: 'backup.framework.enabled' });

    expect(reply).toMatchObject({ status: 200, responseName: 'listconfigurationsresponse' });
    expect(reply.body).toEqual({
      count: 1,
      configuration: [
        {
          category: 'Advanced',
          name: 'backup.framework.enabled',
          value: 'false',
          description: 'Is backup and recovery framework enabled.',
          defaultvalue: 'false',
          scope: 'Zone',
          isdynamic: true,
          component: 'BackupService',
        },
      ],
    });
  });

  it('lists provider-declared keys next to the framework ones, filtered by keyword and category', async () => {
    const byKeyword = await env.admin.ok('listConfigurations', { keyword: 'backup.' });
    const secure = await env.admin.ok('listConfigurations', { category: 'Secure' });

    const listed = byKeyword.configuration.map((entry: { name: string }) => entry.name);
    expect(listed).toEqual(
      expect.arrayContaining([
        'backup.framework.enabled',
        'backup.framework.provider.plugin',
        'backup.framework.sync.interval',
        'backup.plugin.dummy.fail.operations',
        TEST_SECURE_KEY.name,
      ]),
    );
    expect(byKeyword.configuration.find((entry: { name: string }) => entry.name === 'backup.plugin.dummy.latency.ms')).toMatchObject({
      component: 'dummy',
      scope: 'Zone',
    });
    expect(secure.configuration).toEqual([
      expect.objectContaining({ name: TEST_SECURE_KEY.name, category: 'Secure', component: TEST_SECURE_KEY_COMPONENT }),
      expect.objectContaining({ name: 'backup.plugin.veeam.password', category: 'Secure', component: 'veeam' }),
      expect.objectContaining({ name: 'csbr.notification.webhook.secret', category: 'Secure', component: 'Operations' }),
    ]);
  });

  it('pages the list with count as the total', async () => {
    const all = await env.admin.ok('listConfigurations', {});
    const page = await env.admin.ok('listConfigurations', { page: 2, pagesize: 2 });

    expect(page.count).toBe(all.count);
    expect(page.configuration).toEqual(all.configuration.slice(2, 4));
  });

  it('sets a zone value in data_center_details and lists it with scope zone; other zones keep the global value', async () => {
    const updated = await env.admin.call('updateConfiguration', { name: 'backup.framework.enabled', value: 'true', zoneid: zone });

    expect(updated).toMatchObject({ status: 200, responseName: 'updateconfigurationresponse' });
    expect(updated.body).toEqual({
      configuration: expect.objectContaining({ name: 'backup.framework.enabled', value: 'true', scope: 'zone' }),
    });
    const inZone = await env.admin.ok('listConfigurations', { name: 'backup.framework.enabled', zoneid: zone });
    const inOtherZone = await env.admin.ok('listConfigurations', { name: 'backup.framework.enabled', zoneid: otherZone });
    const global = await env.admin.ok('listConfigurations', { name: 'backup.framework.enabled' });
    expect(inZone.configuration[0]).toMatchObject({ value: 'true', scope: 'zone' });
    expect(inOtherZone.configuration[0]).toMatchObject({ value: 'false', scope: 'zone' });
    expect(global.configuration[0]).toMatchObject({ value: 'false', scope: 'Zone' });
    const rows = await env.query<{ name: string; value: string }>(
      'SELECT d.name, d.value FROM data_center_details d JOIN data_center z ON z.id = d.dc_id WHERE z.uuid = ?',
      [zone],
    );
    expect(rows).toEqual([{ name: 'backup.framework.enabled', value: 'true' }]);
  });

  it('lists only zone-scoped keys for a zone', async () => {
    const inZone = await env.admin.ok('listConfigurations', { zoneid: zone });

    const names = inZone.configuration.map((entry: { name: string }) => entry.name);
    expect(names).toContain('backup.framework.provider.plugin');
    expect(names).not.toContain('backup.framework.sync.interval');
    expect(inZone.configuration.every((entry: { scope: string }) => entry.scope === 'zone')).toBe(true);
  });

  it('updates a global value', async () => {
    const updated = await env.admin.ok('updateConfiguration', { name: 'backup.framework.sync.interval', value: '120' });

    expect(updated.configuration).toMatchObject({ name: 'backup.framework.sync.interval', value: '120', scope: 'Global', defaultvalue: '300' });
    expect((await env.admin.ok('listConfigurations', { name: 'backup.framework.sync.interval' })).configuration[0].value).toBe('120');
  });

  it('masks secure values in every answer and stores them encrypted', async () => {
    const updated = await env.admin.ok('updateConfiguration', { name: TEST_SECURE_KEY.name, value: 's3cr3t-vault-password', zoneid: zone });
    const listed = await env.admin.ok('listConfigurations', { name: TEST_SECURE_KEY.name, zoneid: zone });
    const unsetElsewhere = await env.admin.ok('listConfigurations', { name: TEST_SECURE_KEY.name, zoneid: otherZone });

    expect(updated.configuration).toMatchObject({ value: '********', category: 'Secure' });
    expect(listed.configuration[0].value).toBe('********');
    expect(unsetElsewhere.configuration[0].value ?? '').toBe('');
    const [row] = await env.query<{ value: string }>('SELECT value FROM data_center_details WHERE name = ?', [TEST_SECURE_KEY.name]);
    expect(row?.value).toMatch(/^enc:v1:/);
    expect(row?.value).not.toContain('s3cr3t');
  });

  it("refuses unknown keys, values of the wrong type and zone values of global keys (431, CloudStack's texts)", async () => {
    const unknown = await env.admin.call('updateConfiguration', { name: 'no.such.key', value: 'x' });
    const wrongType = await env.admin.call('updateConfiguration', { name: 'backup.framework.enabled', value: 'maybe' });
    const notLong = await env.admin.call('updateConfiguration', { name: 'backup.framework.sync.interval', value: 'soon' });
    const globalInZone = await env.admin.call('updateConfiguration', { name: 'backup.framework.sync.interval', value: '60', zoneid: zone });

    expect(unknown.body).toMatchObject({ errorcode: 431, cserrorcode: 4350, errortext: "Config parameter with name no.such.key doesn't exist" });
    expect(wrongType.body).toMatchObject({ errorcode: 431, errortext: "Please enter either 'true' or 'false'." });
    expect(notLong.body).toMatchObject({
      errorcode: 431,
      errortext: 'There was an error trying to parse the long value for configuration parameter: backup.framework.sync.interval',
    });
    expect(globalInZone.body).toMatchObject({ errorcode: 431, errortext: 'Invalid scope id provided for the parameter backup.framework.sync.interval' });
  });

  it('answers an update without a value with the configuration as it is', async () => {
    const reply = await env.admin.ok('updateConfiguration', { name: 'backup.framework.provider.plugin' });

    expect(reply.configuration).toMatchObject({ name: 'backup.framework.provider.plugin', value: 'dummy' });
  });

  it('records CONFIGURATION.VALUE.EDIT events', async () => {
    const events = await env.admin.ok('listEvents', { type: 'CONFIGURATION.VALUE.EDIT' });

    expect(events.count).toBeGreaterThanOrEqual(3);
    expect(events.event[0]).toMatchObject({ state: 'Completed', level: 'INFO', description: 'Successfully completed updating configuration' });
  });

  it('is for root admins only', async () => {
    const user = await env.createUser({ name: 'config-reader' });

    expect((await user.client.call('listConfigurations', {})).status).toBe(401);
    expect((await user.client.call('updateConfiguration', { name: 'backup.framework.enabled', value: 'true' })).status).toBe(401);
  });
});

import { Logger } from '@nestjs/common';
import { type ConfigKeyDeclaration } from '@csbr/framework';
import { DataSource } from 'typeorm';

import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { buildTypeOrmOptions } from '../database/typeorm-options';
import { ConfigKeyRegistry } from './config-key-registry';
import { ConfigurationSeeder } from './configuration-seeder';
import { TypeOrmZoneRepository } from '../persistence/typeorm-zone-repository';
import { snapshotZone, withConfigurationSnapshot } from './configuration-snapshot';
import { ConfigurationService } from './configuration.service';
import { createProviderConfig } from './provider-config';
import { SecretCipher } from './secret-cipher';

const ACME_KEYS: ConfigKeyDeclaration[] = [
  { name: 'backup.plugin.acme.url', type: 'String', scope: 'Zone', default: 'https://acme/', description: 'ACME URL' },
  { name: 'backup.plugin.acme.password', type: 'String', scope: 'Zone', default: '', description: 'ACME password', secure: true },
  { name: 'backup.plugin.acme.timeout', type: 'Integer', scope: 'Global', default: '300', description: 'Timeout' },
  { name: 'backup.plugin.acme.poll.seconds', type: 'Long', scope: 'Zone', default: '30', description: 'Poll', min: 1, max: 3600 },
];

describe('ConfigurationService on MariaDB', () => {
  let database: TestDatabase;
  let dataSource: DataSource;
  let registry: ConfigKeyRegistry;
  let cipher: SecretCipher;
  let service: ConfigurationService;
  let seeder: ConfigurationSeeder;
  let zoneId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await new DataSource(buildTypeOrmOptions({ kind: 'mysql', url: database.url })).initialize();
    registry = new ConfigKeyRegistry();
    registry.register('acme', ACME_KEYS);
    cipher = new SecretCipher(Buffer.alloc(32, 9));
    service = new ConfigurationService(dataSource, registry, cipher);
    seeder = new ConfigurationSeeder(dataSource, registry, cipher);
    await seeder.seed();
    await dataSource.query(
      "INSERT INTO data_center (id, name, uuid, dns1, internal_dns1) VALUES (7, 'zone-7', 'z-7', '8.8.8.8', '10.0.0.1')",
    );
    zoneId = '7';
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await database.drop();
  });

  describe('seeding', () => {
    it('adds one row per declared key with CloudStack categories, components and scope bitmasks (Global 1, Zone 2)', async () => {
      const rows = await dataSource.query(
        "SELECT name, category, component, CAST(scope AS CHAR) AS scope, value, default_value, is_dynamic, instance FROM configuration WHERE name NOT LIKE 'backup.framework.timeout.%' ORDER BY name",
      );
      const timeouts = await dataSource.query(
        "SELECT name, CAST(scope AS CHAR) AS scope, value FROM configuration WHERE name LIKE 'backup.framework.timeout.%' ORDER BY name",
      );

      expect(timeouts).toHaveLength(10);
      expect(timeouts).toContainEqual({ name: 'backup.framework.timeout.backup', scope: '2', value: '21600' });
      expect(rows).toEqual([
        { name: 'api.signature.replay.protection', category: 'Advanced', component: 'ApiServer', scope: '1', value: 'false', default_value: 'false', is_dynamic: 1, instance: 'DEFAULT' },
        { name: 'backup.framework.enabled', category: 'Advanced', component: 'BackupService', scope: '2', value: 'false', default_value: 'false', is_dynamic: 1, instance: 'DEFAULT' },
        { name: 'backup.framework.provider.plugin', category: 'Advanced', component: 'BackupService', scope: '2', value: 'dummy', default_value: 'dummy', is_dynamic: 1, instance: 'DEFAULT' },
        { name: 'backup.framework.sync.interval', category: 'Advanced', component: 'BackupService', scope: '1', value: '300', default_value: '300', is_dynamic: 1, instance: 'DEFAULT' },
        { name: 'backup.plugin.acme.password', category: 'Secure', component: 'acme', scope: '2', value: '', default_value: '', is_dynamic: 1, instance: 'DEFAULT' },
        { name: 'backup.plugin.acme.poll.seconds', category: 'Advanced', component: 'acme', scope: '2', value: '30', default_value: '30', is_dynamic: 1, instance: 'DEFAULT' },
        { name: 'backup.plugin.acme.timeout', category: 'Advanced', component: 'acme', scope: '1', value: '300', default_value: '300', is_dynamic: 1, instance: 'DEFAULT' },
        { name: 'backup.plugin.acme.url', category: 'Advanced', component: 'acme', scope: '2', value: 'https://acme/', default_value: 'https://acme/', is_dynamic: 1, instance: 'DEFAULT' },
        { name: 'csbr.metrics.backup.stale.hours', category: 'Advanced', component: 'Operations', scope: '1', value: '48', default_value: '48', is_dynamic: 1, instance: 'DEFAULT' },
        { name: 'csbr.notification.webhook.secret', category: 'Secure', component: 'Operations', scope: '2', value: '', default_value: '', is_dynamic: 1, instance: 'DEFAULT' },
        { name: 'csbr.notification.webhook.url', category: 'Advanced', component: 'Operations', scope: '2', value: '', default_value: '', is_dynamic: 1, instance: 'DEFAULT' },
      ]);
    });

    it("never overwrites an operator's value, but refreshes the declaration's description", async () => {
      await service.setValue('backup.plugin.acme.timeout', '42');
      await dataSource.query("UPDATE configuration SET description = 'stale' WHERE name = 'backup.plugin.acme.timeout'");

      await seeder.seed();

      expect(
        await dataSource.query("SELECT value, description FROM configuration WHERE name = 'backup.plugin.acme.timeout'"),
      ).toEqual([{ value: '42', description: 'Timeout' }]);
    });
  });

  describe('getValue', () => {
    it('falls back from the zone to the global value to the declared default', async () => {
      expect(await service.getValue('backup.plugin.acme.url', zoneId)).toBe('https://acme/');

      await service.setValue('backup.plugin.acme.url', 'https://global/');
      expect(await service.getValue('backup.plugin.acme.url', zoneId)).toBe('https://global/');

      await service.setValue('backup.plugin.acme.url', 'https://zone-7/', zoneId);
      expect(await service.getValue('backup.plugin.acme.url', zoneId)).toBe('https://zone-7/');
      expect(await service.getValue('backup.plugin.acme.url')).toBe('https://global/');
    });

    it('uses the declared default when the global value is NULL', async () => {
      await dataSource.query("UPDATE configuration SET value = NULL WHERE name = 'backup.framework.sync.interval'");

      expect(await service.getValue('backup.framework.sync.interval')).toBe('300');
    });

    it('is undefined for a key nobody declared', async () => {
      expect(await service.getValue('no.such.key')).toBeUndefined();
    });

    it("reads an undeclared key's zone value when its stored scope bitmask says Zone", async () => {
      // A key of a provider that is not loaded: only its rows say what it is.
      await dataSource.query(
        "INSERT INTO configuration (category, instance, component, name, value, default_value, scope) VALUES ('Advanced', 'DEFAULT', 'gone', 'backup.plugin.gone.url', 'global', 'global', 2)",
      );
      await dataSource.query("INSERT INTO data_center_details (dc_id, name, value) VALUES (7, 'backup.plugin.gone.url', 'zone')");

      expect(await service.getValue('backup.plugin.gone.url', zoneId)).toBe('zone');
      expect(await service.getValue('backup.plugin.gone.url')).toBe('global');
    });

    it('reads a zone once per job: a job sees the configuration of its first read to its end', async () => {
      await service.setValue('backup.plugin.acme.poll.seconds', '40', zoneId);
      await withConfigurationSnapshot(async () => {
        expect(await service.getValue('backup.plugin.acme.poll.seconds', zoneId)).toBe('40');
        // Another instance changes the value meanwhile: this job keeps what it read.
        await dataSource.query(
          "UPDATE data_center_details SET value = '50' WHERE dc_id = 7 AND name = 'backup.plugin.acme.poll.seconds'",
        );
        expect(await service.getValue('backup.plugin.acme.poll.seconds', zoneId)).toBe('40');
        expect(await service.getValue('backup.plugin.acme.url', zoneId)).toBe('https://zone-7/');
      });
      // The next job, and anything outside a job, reads the change.
      expect(await service.getValue('backup.plugin.acme.poll.seconds', zoneId)).toBe('50');
      await withConfigurationSnapshot(async () => {
        expect(await service.getValue('backup.plugin.acme.poll.seconds', zoneId)).toBe('50');
      });
      await dataSource.query("DELETE FROM data_center_details WHERE name = 'backup.plugin.acme.poll.seconds'");
    });

    it("reads a zone's own row with its configuration in a job: the zone repository reads no statement of its own", async () => {
      const zones = new TypeOrmZoneRepository(dataSource.manager);
      await withConfigurationSnapshot(async () => {
        // Before the job read the zone's configuration, the zone is read on its own.
        expect(snapshotZone(zoneId)).toBeUndefined();
        await service.getValue('backup.plugin.acme.url', zoneId);
        expect(await snapshotZone(zoneId)).toEqual({ id: '7', uuid: 'z-7', name: 'zone-7' });
        const query = jest.spyOn(dataSource.manager, 'findOneBy');
        try {
          expect(await zones.findById(zoneId)).toEqual({ id: '7', uuid: 'z-7', name: 'zone-7' });
          expect(query).not.toHaveBeenCalled();
        } finally {
          query.mockRestore();
        }
        // A zone that does not exist is known not to, from the same statement.
        await service.getValue('backup.plugin.acme.url', '999');
        expect(await zones.findById('999')).toBeUndefined();
      });
      // Outside a job, the repository reads the zone.
      expect(snapshotZone(zoneId)).toBeUndefined();
      expect(await zones.findById(zoneId)).toEqual({ id: '7', uuid: 'z-7', name: 'zone-7' });
    });

    it('ignores a stored value outside the declared range (a row edited by hand), once warned', async () => {
      const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
      try {
        await dataSource.query("UPDATE configuration SET value = '3000000' WHERE name = 'backup.framework.sync.interval'");
        expect(await service.getValue('backup.framework.sync.interval')).toBe('300');
        expect(await service.getValue('backup.framework.sync.interval')).toBe('300');
        expect(warn).toHaveBeenCalledTimes(1);
        expect(warn.mock.calls[0]?.[0]).toBe(
          'Ignoring the stored value 3000000 of backup.framework.sync.interval: it is outside 1..604800; using 300',
        );

        // A zone value out of range falls back to the global value, which is valid.
        await service.setValue('backup.plugin.acme.poll.seconds', '60');
        await dataSource.query(
          "INSERT INTO data_center_details (dc_id, name, value, display) VALUES (7, 'backup.plugin.acme.poll.seconds', '0', 1)",
        );
        expect(await service.getValue('backup.plugin.acme.poll.seconds', zoneId)).toBe('60');
        expect(warn.mock.calls[1]?.[0]).toBe(
          'Ignoring the stored value 0 of backup.plugin.acme.poll.seconds in zone 7: it is outside 1..3600; using 60',
        );
      } finally {
        warn.mockRestore();
        await dataSource.query("UPDATE configuration SET value = '300' WHERE name = 'backup.framework.sync.interval'");
        await dataSource.query("DELETE FROM data_center_details WHERE name = 'backup.plugin.acme.poll.seconds'");
      }
    });
  });

  describe('withConfigurationSnapshot (one sync pass)', () => {
    const key = 'backup.plugin.acme.poll.seconds';
    const storeDirectly = (value: string) =>
      dataSource.query('REPLACE INTO data_center_details (dc_id, name, value, display) VALUES (7, ?, ?, 1)', [key, value]);

    afterEach(async () => {
      await dataSource.query('DELETE FROM data_center_details WHERE name = ?', [key]);
    });

    it('reads each value once within the work, for every reader in it, and live again after it', async () => {
      const globalValue = await service.getValue(key);
      await storeDirectly('40');
      const seen = await withConfigurationSnapshot(async () => {
        const first = await service.getValue(key, zoneId);
        // Another instance changes the value meanwhile: this pass keeps what it read.
        await storeDirectly('50');
        const [second, fromProvider] = await Promise.all([
          service.getValue(key, zoneId),
          createProviderConfig(service, { name: 'acme', configKeys: ACME_KEYS }).get(key, { id: zoneId, uuid: 'z-7', name: 'zone-7' }),
        ]);
        return { first, second, fromProvider, global: await service.getValue(key) };
      });

      expect(seen).toEqual({ first: '40', second: '40', fromProvider: '40', global: globalValue });
      expect(await service.getValue(key, zoneId)).toBe('50');
      expect(await withConfigurationSnapshot(() => service.getValue(key, zoneId))).toBe('50');
    });

    it('reads the global configuration and each zone in one statement each, and a key without a row once', async () => {
      await storeDirectly('40');
      await dataSource.query("INSERT INTO data_center_details (dc_id, name, value) VALUES (7, 'backup.plugin.unseeded', 'z')");
      const query = jest.spyOn(dataSource, 'query');
      try {
        const seen = await withConfigurationSnapshot(async () => {
          const values = [];
          for (let round = 0; round < 3; round += 1) {
            values.push(
              await service.getValue('backup.framework.sync.interval'),
              await service.getValue('backup.plugin.acme.timeout'),
              await service.getValue(key, zoneId),
              await service.getValue('backup.framework.enabled', zoneId),
              await service.getValue('backup.plugin.unseeded', zoneId),
            );
          }
          return values;
        });
        expect(seen.slice(0, 5)).toEqual(['300', expect.any(String), '40', expect.any(String), undefined]);
        expect(seen.slice(5, 10)).toEqual(seen.slice(0, 5));
        // One statement for the global configuration, one for zone 7, one for the key without a row.
        expect(query).toHaveBeenCalledTimes(3);
      } finally {
        query.mockRestore();
        await dataSource.query("DELETE FROM data_center_details WHERE name = 'backup.plugin.unseeded'");
      }
    });

    it('sees its own writes, and closes when the work ends even for work it started that lives on', async () => {
      let later: () => Promise<string | undefined> = () => Promise.resolve(undefined);
      await storeDirectly('35');
      const written = await withConfigurationSnapshot(async () => {
        expect(await service.getValue(key, zoneId)).toBe('35');
        await service.setValue(key, '45', zoneId);
        // A callback created within the pass (a provider's timer) keeps the pass's async context.
        later = () => service.getValue(key, zoneId);
        return service.getValue(key, zoneId);
      });
      await storeDirectly('55');

      expect(written).toBe('45');
      expect(await new Promise((resolve) => setImmediate(() => resolve(later())))).toBe('55');
    });
  });

  describe('setValue', () => {
    it('changes a zone value in place when set twice', async () => {
      await service.setValue('backup.framework.enabled', 'true', zoneId);
      await service.setValue('backup.framework.enabled', 'false', zoneId);

      expect(
        await dataSource.query("SELECT value FROM data_center_details WHERE dc_id = 7 AND name = 'backup.framework.enabled'"),
      ).toEqual([{ value: 'false' }]);
    });

    it('refuses a value that does not parse as the declared type', async () => {
      await expect(service.setValue('backup.framework.enabled', 'yes')).rejects.toMatchObject({
        code: 'INVALID_PARAMETER',
        message: "Please enter either 'true' or 'false'.",
      });
      await expect(service.setValue('backup.plugin.acme.timeout', '1.5')).rejects.toMatchObject({
        code: 'INVALID_PARAMETER',
        message: 'There was an error trying to parse the integer value for configuration parameter: backup.plugin.acme.timeout',
      });
    });

    it("refuses a value outside the key's range with CloudStack's wording, and keeps the old one", async () => {
      for (const value of ['3000000', '0', '-5']) {
        await expect(service.setValue('backup.framework.sync.interval', value)).rejects.toMatchObject({
          code: 'INVALID_PARAMETER',
          message: 'Please enter a value between 1 and 604800 for the configuration parameter: backup.framework.sync.interval',
        });
      }
      await expect(service.setValue('backup.framework.timeout.backup', '604801', zoneId)).rejects.toMatchObject({
        code: 'INVALID_PARAMETER',
        message: 'Please enter a value between 1 and 604800 for the configuration parameter: backup.framework.timeout.backup',
      });
      expect(await service.getValue('backup.framework.sync.interval')).toBe('300');
      expect((await service.setValue('backup.framework.sync.interval', '604800')).value).toBe('604800');
      await service.setValue('backup.framework.sync.interval', '300');
    });

    it('refuses a zone value for a Global key', async () => {
      await expect(service.setValue('backup.framework.sync.interval', '60', zoneId)).rejects.toMatchObject({
        code: 'INVALID_PARAMETER',
        message: 'Invalid scope id provided for the parameter backup.framework.sync.interval',
      });
    });

    it('refuses an unknown key and an unknown zone', async () => {
      await expect(service.setValue('no.such.key', 'x')).rejects.toMatchObject({
        message: "Config parameter with name no.such.key doesn't exist",
      });
      await expect(service.setValue('backup.framework.enabled', 'true', '999')).rejects.toMatchObject({
        code: 'INVALID_PARAMETER',
      });
    });

    it('stores secure values encrypted, lists them masked, and reads them in clear', async () => {
      const entry = await service.setValue('backup.plugin.acme.password', 'hunter2', zoneId);

      const [detail] = await dataSource.query(
        "SELECT value FROM data_center_details WHERE dc_id = 7 AND name = 'backup.plugin.acme.password'",
      );
      expect(detail.value).not.toContain('hunter2');
      expect(entry).toMatchObject({ name: 'backup.plugin.acme.password', value: '********', secure: true, category: 'Secure' });
      expect(await service.getValue('backup.plugin.acme.password', zoneId)).toBe('hunter2');
    });

    it('stores a secure global value encrypted and lists an unset one as empty', async () => {
      expect((await service.list({ name: 'backup.plugin.acme.password' }))[0]?.value).toBe('');

      await service.setValue('backup.plugin.acme.password', 'global-secret');

      const [row] = await dataSource.query("SELECT value FROM configuration WHERE name = 'backup.plugin.acme.password'");
      expect(row.value).toMatch(/^enc:v1:/);
      expect((await service.list({ name: 'backup.plugin.acme.password' }))[0]?.value).toBe('********');
      expect(await service.getValue('backup.plugin.acme.password')).toBe('global-secret');
    });
  });

  describe('list', () => {
    it('lists zone-scoped keys with the values that apply in the zone', async () => {
      await service.setValue('backup.framework.provider.plugin', 'acme', zoneId);

      const entries = await service.list({ zoneId, keyword: 'FRAMEWORK.PROVIDER' });
      const enabled = await service.list({ zoneId, name: 'backup.framework.enabled' });

      expect(entries.map((entry) => [entry.name, entry.value, entry.scope])).toEqual([
        ['backup.framework.provider.plugin', 'acme', 'Zone'],
      ]);
      expect(enabled.map((entry) => [entry.name, entry.value, entry.scope])).toEqual([
        ['backup.framework.enabled', 'false', 'Zone'],
      ]);
    });

    it('lists one key globally by name', async () => {
      expect(await service.list({ name: 'backup.framework.provider.plugin' })).toEqual([
        {
          name: 'backup.framework.provider.plugin',
          category: 'Advanced',
          component: 'BackupService',
          value: 'dummy',
          defaultValue: 'dummy',
          description: 'The backup and recovery provider plugin.',
          scope: 'Zone',
          isDynamic: true,
          secure: false,
        },
      ]);
    });
  });

  describe('provider context config', () => {
    it("reads the provider's keys with zone fallback and typed accessors", async () => {
      const config = createProviderConfig(service, { name: 'acme', configKeys: ACME_KEYS });
      const zone = { id: zoneId, uuid: 'z-7', name: 'zone-7' };

      expect(await config.get('backup.plugin.acme.url', zone)).toBe('https://zone-7/');
      expect(await config.get('backup.plugin.acme.url')).toBe('https://global/');
      expect(await config.get('backup.plugin.acme.password', zone)).toBe('hunter2');
      expect(await config.getNumber('backup.plugin.acme.timeout', zone)).toBe(42);
      expect(await config.getBoolean('backup.framework.enabled', zone)).toBe(false);
    });

    it('refuses keys the provider did not declare', async () => {
      const config = createProviderConfig(service, { name: 'acme', configKeys: ACME_KEYS });

      await expect(config.get('backup.plugin.other.password')).rejects.toThrow(
        'Provider "acme" did not declare configuration key "backup.plugin.other.password"',
      );
    });
  });
});

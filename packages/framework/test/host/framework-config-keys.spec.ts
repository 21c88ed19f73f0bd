import { isAcceptedConfigValue, isValidConfigValue } from '../../src/contract/config-key';
import {
  BACKUP_FRAMEWORK_ENABLED,
  BACKUP_FRAMEWORK_PROVIDER_PLUGIN,
  BACKUP_FRAMEWORK_SYNC_INTERVAL,
  FRAMEWORK_CONFIG_KEYS,
  providerTimeoutKey,
  type ProviderOperation,
} from '../../src/host/framework-config-keys';

describe('FRAMEWORK_CONFIG_KEYS', () => {
  it("declares CloudStack's framework keys with their type, scope, default and description", () => {
    expect(FRAMEWORK_CONFIG_KEYS.slice(0, 3)).toEqual([
      { name: BACKUP_FRAMEWORK_ENABLED, type: 'Boolean', scope: 'Zone', default: 'false', description: 'Is backup and recovery framework enabled.' },
      { name: BACKUP_FRAMEWORK_PROVIDER_PLUGIN, type: 'String', scope: 'Zone', default: 'dummy', description: 'The backup and recovery provider plugin.' },
      {
        name: BACKUP_FRAMEWORK_SYNC_INTERVAL,
        type: 'Long',
        scope: 'Global',
        default: '300',
        description: 'The backup and recovery background sync task polling interval in seconds.',
        min: 1,
        max: 604800,
      },
    ]);
    expect([BACKUP_FRAMEWORK_ENABLED, BACKUP_FRAMEWORK_PROVIDER_PLUGIN, BACKUP_FRAMEWORK_SYNC_INTERVAL]).toEqual([
      'backup.framework.enabled',
      'backup.framework.provider.plugin',
      'backup.framework.sync.interval',
    ]);
  });

  it('declares a zone-scoped timeout of one second to a week for every provider operation', () => {
    const timeouts = FRAMEWORK_CONFIG_KEYS.slice(3);
    expect(timeouts.map((key) => key.name)).toEqual([
      'backup.framework.timeout.policies',
      'backup.framework.timeout.assign',
      'backup.framework.timeout.remove',
      'backup.framework.timeout.backup',
      'backup.framework.timeout.delete',
      'backup.framework.timeout.restore',
      'backup.framework.timeout.restorevolume',
      'backup.framework.timeout.createvm',
      'backup.framework.timeout.metrics',
      'backup.framework.timeout.restorepoints',
    ]);
    for (const key of timeouts) {
      expect(key).toMatchObject({ type: 'Long', scope: 'Zone', min: 1, max: 604800 });
      expect(key.name).toBe(providerTimeoutKey(key.name.slice('backup.framework.timeout.'.length) as ProviderOperation));
    }
    expect(timeouts.find((key) => key.name.endsWith('.backup'))?.default).toBe('21600');
  });

  it('has defaults that parse as their declared types and lie in their ranges', () => {
    for (const key of FRAMEWORK_CONFIG_KEYS) {
      expect(isValidConfigValue(key.type, key.default)).toBe(true);
      expect(isAcceptedConfigValue(key, key.default)).toBe(true);
    }
  });

  it('refuses values outside a key range, whatever their type says', () => {
    const interval = FRAMEWORK_CONFIG_KEYS[2]!;
    expect(isAcceptedConfigValue(interval, '3000000')).toBe(false);
    expect(isAcceptedConfigValue(interval, '0')).toBe(false);
    expect(isAcceptedConfigValue(interval, '604800')).toBe(true);
    expect(isAcceptedConfigValue(interval, '1')).toBe(true);
  });

  it('cannot be changed at runtime', () => {
    expect(Object.isFrozen(FRAMEWORK_CONFIG_KEYS)).toBe(true);
    expect(FRAMEWORK_CONFIG_KEYS.every((key) => Object.isFrozen(key))).toBe(true);
  });
});

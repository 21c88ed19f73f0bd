import { isValidConfigValue } from '../../src/contract/config-key';
import {
  BACKUP_FRAMEWORK_ENABLED,
  BACKUP_FRAMEWORK_PROVIDER_PLUGIN,
  BACKUP_FRAMEWORK_SYNC_INTERVAL,
  FRAMEWORK_CONFIG_KEYS,
} from '../../src/host/framework-config-keys';

describe('FRAMEWORK_CONFIG_KEYS', () => {
  it("declares CloudStack's framework keys with their type, scope, default and description", () => {
    expect(FRAMEWORK_CONFIG_KEYS).toEqual([
      { name: BACKUP_FRAMEWORK_ENABLED, type: 'Boolean', scope: 'Zone', default: 'false', description: 'Is backup and recovery framework enabled.' },
      { name: BACKUP_FRAMEWORK_PROVIDER_PLUGIN, type: 'String', scope: 'Zone', default: 'dummy', description: 'The backup and recovery provider plugin.' },
      {
        name: BACKUP_FRAMEWORK_SYNC_INTERVAL,
        type: 'Long',
        scope: 'Global',
        default: '300',
        description: 'The backup and recovery background sync task polling interval in seconds.',
      },
    ]);
    expect([BACKUP_FRAMEWORK_ENABLED, BACKUP_FRAMEWORK_PROVIDER_PLUGIN, BACKUP_FRAMEWORK_SYNC_INTERVAL]).toEqual([
      'backup.framework.enabled',
      'backup.framework.provider.plugin',
      'backup.framework.sync.interval',
    ]);
  });

  it('has defaults that parse as their declared types', () => {
    for (const key of FRAMEWORK_CONFIG_KEYS) expect(isValidConfigValue(key.type, key.default)).toBe(true);
  });

  it('cannot be changed at runtime', () => {
    expect(Object.isFrozen(FRAMEWORK_CONFIG_KEYS)).toBe(true);
    expect(FRAMEWORK_CONFIG_KEYS.every((key) => Object.isFrozen(key))).toBe(true);
  });
});

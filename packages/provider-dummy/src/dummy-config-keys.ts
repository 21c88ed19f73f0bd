import { type ConfigKeyDeclaration } from '@csbr/framework';

/** Key naming the operations that fail in a zone, comma-separated. @public */
export const DUMMY_FAIL_OPERATIONS_KEY = 'backup.plugin.dummy.fail.operations';

/** Key giving the milliseconds every operation waits in a zone. @public */
export const DUMMY_LATENCY_MS_KEY = 'backup.plugin.dummy.latency.ms';

/**
 * Key choosing which CloudStack dummy the provider imitates in a zone: `current` (the default) or
 * `4.14`, the first release's, which deletes backups on removal and refuses volume restores and VMs
 * from backups. @public
 */
export const DUMMY_BEHAVIOR_KEY = 'backup.plugin.dummy.behavior';

/** The values of {@link DUMMY_BEHAVIOR_KEY}. @public */
export type DummyBehavior = 'current' | '4.14';

/**
 * The dummy provider's configuration keys. The test keys default to "off" and the behaviour to
 * CloudStack's current dummy, so a server that never sets them sees that; the test keys let e2e tests
 * and operators exercise error handling and slow providers without code.
 * @public
 */
export const dummyConfigKeys: readonly ConfigKeyDeclaration[] = [
  {
    name: DUMMY_BEHAVIOR_KEY,
    type: 'String',
    scope: 'Zone',
    default: 'current',
    description:
      "Which CloudStack dummy plugin to imitate: 'current' (backups stay when a VM leaves its offering, volume " +
      "restores and VMs from backups work) or '4.14' (removal needs forced=true and deletes the backups; " +
      'volume restores and VMs from backups are refused)',
  },
  {
    name: DUMMY_FAIL_OPERATIONS_KEY,
    type: 'String',
    scope: 'Zone',
    default: '',
    description: 'Comma-separated dummy provider operations that fail, for testing error handling',
  },
  {
    name: DUMMY_LATENCY_MS_KEY,
    type: 'Integer',
    scope: 'Zone',
    default: '0',
    description: 'Milliseconds the dummy provider waits in each call, for testing (at most one hour)',
    // A duration: bounded so that no accepted value can overflow a timer (contract 1.1 ranges).
    min: 0,
    max: 3_600_000,
  },
];

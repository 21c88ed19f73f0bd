import { type ConfigKeyDeclaration } from '@csbr/framework';

/** Key naming the operations that fail in a zone, comma-separated. @public */
export const DUMMY_FAIL_OPERATIONS_KEY = 'backup.plugin.dummy.fail.operations';

/** Key giving the milliseconds every operation waits in a zone. @public */
export const DUMMY_LATENCY_MS_KEY = 'backup.plugin.dummy.latency.ms';

/**
 * The dummy provider's configuration keys. Both default to "off", so a server that never sets them
 * sees CloudStack's dummy behaviour; they let e2e tests and operators exercise error handling and
 * slow providers without code.
 * @public
 */
export const dummyConfigKeys: readonly ConfigKeyDeclaration[] = [
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

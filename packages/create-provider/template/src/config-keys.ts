import { type ConfigKeyDeclaration } from '@csbr/framework';

/**
 * The provider's settings, zone-scoped so each zone can point at its own backup system. Operators
 * set them with `updateConfiguration`; secure values are stored encrypted and never logged.
 */
export const configKeys: readonly ConfigKeyDeclaration[] = [
  {
    name: 'backup.plugin.__NAME__.url',
    type: 'String',
    scope: 'Zone',
    default: 'https://backup.example.com/',
    description: 'Base URL of the __NAME__ backup system',
  },
  {
    name: 'backup.plugin.__NAME__.password',
    type: 'String',
    scope: 'Zone',
    default: '',
    secure: true,
    description: 'Password of the __NAME__ API user',
  },
  {
    name: 'backup.plugin.__NAME__.request.timeout',
    type: 'Integer',
    scope: 'Zone',
    default: '60',
    min: 1,
    max: 3600,
    description: 'Seconds one call to the __NAME__ API may take',
  },
];

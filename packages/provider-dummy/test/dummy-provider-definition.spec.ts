import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { isBackupProviderDefinition, validateProviderDefinition } from '@csbr/framework';

import defaultExport, { dummyProvider, FaultInjectingDummyProvider } from '../src';
import { createTestProviderContext, zoneOne } from './support/test-provider-context';

describe('the package default export', () => {
  it('is a branded, valid definition named as the package marker says', () => {
    const packageJson = JSON.parse(readFileSync(join(__dirname, '..', 'package.json'), 'utf8'));

    expect(isBackupProviderDefinition(defaultExport)).toBe(true);
    expect(validateProviderDefinition(defaultExport)).toEqual([]);
    expect(defaultExport.name).toBe(packageJson.csbr.provider);
    expect(defaultExport.description).toBe('Dummy Backup Plugin');
    expect(defaultExport).toBe(dummyProvider);
  });

  it('declares the zone-scoped behaviour (current by default), failure and latency keys, the latency at most an hour', () => {
    expect(defaultExport.configKeys).toEqual([
      {
        name: 'backup.plugin.dummy.behavior',
        type: 'String',
        scope: 'Zone',
        default: 'current',
        description:
          "Which CloudStack dummy plugin to imitate: 'current' (backups stay when a VM leaves its offering, volume " +
          "restores and VMs from backups work) or '4.14' (removal needs forced=true and deletes the backups; " +
          'volume restores and VMs from backups are refused)',
      },
      {
        name: 'backup.plugin.dummy.fail.operations',
        type: 'String',
        scope: 'Zone',
        default: '',
        description:
          'Comma-separated dummy provider operations that fail, for testing error handling',
      },
      {
        name: 'backup.plugin.dummy.latency.ms',
        type: 'Integer',
        scope: 'Zone',
        default: '0',
        description: 'Milliseconds the dummy provider waits in each call, for testing (at most one hour)',
        min: 0,
        max: 3_600_000,
      },
    ]);
  });

  it('creates a working dummy that e2e tests can make fail', async () => {
    const provider = await defaultExport.create(createTestProviderContext());

    expect(provider).toBeInstanceOf(FaultInjectingDummyProvider);
    await expect(provider.listPolicies(zoneOne)).resolves.toHaveLength(2);

    (provider as FaultInjectingDummyProvider).injectFailure('listPolicies', { times: 1 });
    await expect(provider.listPolicies(zoneOne)).rejects.toMatchObject({
      code: 'UPSTREAM_REJECTED',
    });
  });
});

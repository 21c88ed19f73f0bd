import { BACKUP_PROVIDER_DEFINITION_TYPE } from './brand';
import { type BackupProvider } from './backup-provider';
import { type ConfigKeyDeclaration } from './config-key';
import {
  defineBackupProvider,
  isBackupProviderDefinition,
  validateProviderDefinition,
  type BackupProviderDefinitionOptions,
} from './define-backup-provider';
import { type ProviderContext } from './provider-context';

const urlKey: ConfigKeyDeclaration = {
  name: 'backup.plugin.acme.url',
  type: 'String',
  scope: 'Zone',
  default: 'https://localhost/',
  description: 'ACME API URL',
};

function options(overrides: Partial<BackupProviderDefinitionOptions> = {}): BackupProviderDefinitionOptions {
  return {
    name: 'acme',
    description: 'ACME Backup Plugin',
    configKeys: [urlKey],
    create: () => ({}) as BackupProvider,
    ...overrides,
  };
}

describe('defineBackupProvider', () => {
  it('returns a branded, frozen definition whose create() is the author’s', async () => {
    const instance = {} as BackupProvider;
    const create = jest.fn(() => instance);
    const definition = defineBackupProvider(options({ create }));
    const context = { providerName: 'acme' } as ProviderContext;

    expect(definition.$$type).toBe(BACKUP_PROVIDER_DEFINITION_TYPE);
    expect(definition).toMatchObject({ name: 'acme', description: 'ACME Backup Plugin', configKeys: [urlKey] });
    expect(Object.isFrozen(definition)).toBe(true);
    expect(Object.isFrozen(definition.configKeys)).toBe(true);
    expect(Object.isFrozen(definition.configKeys[0])).toBe(true);
    expect(await definition.create(context)).toBe(instance);
    expect(create).toHaveBeenCalledWith(context);
  });

  it('defaults to no config keys', () => {
    expect(defineBackupProvider(options({ configKeys: undefined })).configKeys).toEqual([]);
  });

  it('throws listing every problem of an invalid definition', () => {
    expect(() => defineBackupProvider(options({ name: 'ACME', description: ' ' }))).toThrow(
      'Invalid backup provider definition: provider name "ACME" must be lower-case kebab (e.g. "veeam"); ' +
        'description must be a non-empty string; config key "backup.plugin.acme.url" must be named "backup.plugin.ACME.<key>"',
    );
  });
});

describe('validateProviderDefinition', () => {
  it('accepts a valid definition', () => {
    expect(validateProviderDefinition(options())).toEqual([]);
  });

  it.each<[string, Partial<ConfigKeyDeclaration>, string]>([
    ['a name outside the provider prefix', { name: 'backup.plugin.other.url' }, 'must be named "backup.plugin.acme.<key>"'],
    ['the bare prefix as name', { name: 'backup.plugin.acme.' }, 'must be named "backup.plugin.acme.<key>"'],
    ['an unknown type', { type: 'Date' as ConfigKeyDeclaration['type'] }, 'has unknown type "Date"'],
    ['a default that does not parse', { type: 'Integer', default: 'ten' }, 'default "ten" is not a Integer'],
    ['an unknown scope', { scope: 'Account' as ConfigKeyDeclaration['scope'] }, 'scope must be "Global" or "Zone"'],
    ['no description', { description: '' }, 'needs a description'],
  ])('refuses a key with %s', (_case, override, problem) => {
    const problems = validateProviderDefinition(options({ configKeys: [{ ...urlKey, ...override }] }));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(problem);
  });

  it('refuses a key declared twice', () => {
    expect(validateProviderDefinition(options({ configKeys: [urlKey, urlKey] }))).toEqual([
      'config key "backup.plugin.acme.url" is declared twice',
    ]);
  });

  it('refuses what a hand-made object may carry instead of a function or an array', () => {
    const handMade = { ...options(), create: 'nope', configKeys: [null] } as unknown as BackupProviderDefinitionOptions;
    expect(validateProviderDefinition(handMade)).toEqual(['create must be a function', 'each config key must be an object']);
    const notAnArray = { ...options(), configKeys: 'keys' } as unknown as BackupProviderDefinitionOptions;
    expect(validateProviderDefinition(notAnArray)).toEqual(['configKeys must be an array']);
  });
});

describe('isBackupProviderDefinition', () => {
  it('recognises the brand from any copy of the framework, not the class or prototype', () => {
    expect(isBackupProviderDefinition(defineBackupProvider(options()))).toBe(true);
    expect(isBackupProviderDefinition({ $$type: '@csbr/BackupProviderDefinition' })).toBe(true);
  });

  it.each([undefined, null, 'acme', {}, { $$type: '@other/Definition' }, options()])('rejects %p', (value) => {
    expect(isBackupProviderDefinition(value)).toBe(false);
  });
});

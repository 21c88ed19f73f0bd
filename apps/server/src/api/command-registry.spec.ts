import { defineCommand } from './command-definition';
import { CommandRegistry } from './command-registry';

function command(name: string, overrides: Record<string, unknown> = {}) {
  return defineCommand({
    name,
    description: 'test',
    isAsync: false,
    allowedRoles: ['Admin'],
    params: [],
    response: { fields: [] },
    handler: () => Promise.resolve({ kind: 'success' }),
    ...overrides,
  });
}

describe('CommandRegistry', () => {
  it('finds commands by exact name and lists them in registration order', () => {
    const registry = new CommandRegistry();
    registry.register(command('listZones'), command('createZone'));
    expect(registry.get('listZones')?.name).toBe('listZones');
    expect(registry.get('listzones')).toBeUndefined();
    expect(registry.list().map((definition) => definition.name)).toEqual(['listZones', 'createZone']);
  });

  it('refuses a duplicate name', () => {
    const registry = new CommandRegistry();
    registry.register(command('listZones'));
    expect(() => registry.register(command('listZones'))).toThrow('API command "listZones" is registered twice.');
  });

  it('refuses inconsistent definitions', () => {
    const registry = new CommandRegistry();
    expect(() => registry.register(command('login'))).toThrow(/login/);
    expect(() => registry.register(command('noRoles', { allowedRoles: [] }))).toThrow(/allowedRoles/);
    expect(() => registry.register(command('createSync', { isCreate: true }))).toThrow(/must be async/);
    expect(() =>
      registry.register(
        command('twice', {
          params: [
            { name: 'id', type: 'uuid', description: 'x' },
            { name: 'id', type: 'uuid', description: 'y' },
          ],
        }),
      ),
    ).toThrow(/declared twice/);
  });
});

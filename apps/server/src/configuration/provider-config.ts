import { type BackupProviderDefinition, type ConfigKeyDeclaration, type ProviderConfig } from '@csbr/framework';
import { FRAMEWORK_CONFIG_KEYS } from '@csbr/framework/host';

import { type ConfigurationService } from './configuration.service';

/**
 * `ProviderContext.config` for one provider: its own keys and the framework's, resolved zone →
 * global → declared default on every call. Secure values arrive in clear here and only here.
 */
export function createProviderConfig(
  configuration: Pick<ConfigurationService, 'getValue'>,
  definition: Pick<BackupProviderDefinition, 'name' | 'configKeys'>,
): ProviderConfig {
  const readable = new Map<string, ConfigKeyDeclaration>(
    [...FRAMEWORK_CONFIG_KEYS, ...definition.configKeys].map((key) => [key.name, key]),
  );

  const get = async (key: string, zone?: { id: string }): Promise<string> => {
    const declaration = readable.get(key);
    if (declaration === undefined) {
      throw new Error(`Provider "${definition.name}" did not declare configuration key "${key}"`);
    }
    const value = await configuration.getValue(key, zone?.id);
    return value ?? declaration.default;
  };

  return {
    get,
    async getBoolean(key, zone) {
      return (await get(key, zone)).trim().toLowerCase() === 'true';
    },
    async getNumber(key, zone) {
      const value = await get(key, zone);
      const number = Number(value);
      if (value.trim() === '' || !Number.isFinite(number)) {
        throw new Error(`Configuration key "${key}" is not a number`);
      }
      return number;
    },
  };
}

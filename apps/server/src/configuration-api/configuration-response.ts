import { type ConfigurationEntry } from '../configuration/configuration-entry';
import { field } from '../inventory/support/response-field';

/**
 * CloudStack's `ConfigurationResponse` (object name `configuration`). Listed for a zone, the
 * scope reads `zone` (CloudStack's ListCfgsByCmd sets it so); otherwise the key's declared scope.
 * Secure values arrive masked from the configuration service.
 */
export function toConfigurationResponse(entry: ConfigurationEntry): object {
  return {
    category: entry.category,
    name: entry.name,
    value: entry.value,
    description: entry.description,
    defaultvalue: entry.defaultValue,
    scope: entry.zoneId !== undefined ? 'zone' : entry.scope,
    isdynamic: entry.isDynamic,
    component: entry.component,
  };
}

export const CONFIGURATION_RESPONSE = {
  objectName: 'configuration',
  fields: [
    field('category', 'string', 'the category of the configuration'),
    field('name', 'string', 'the name of the configuration'),
    field('value', 'string', 'the value of the configuration; secure values are masked'),
    field('description', 'string', 'the description of the configuration'),
    field('defaultvalue', 'string', 'the default value of the configuration'),
    field('scope', 'string', 'scope(zone/cluster/pool/account) of the parameter that needs to be updated'),
    field('isdynamic', 'boolean', 'true if the configuration is dynamic'),
    field('component', 'string', 'the component of the configuration'),
  ],
} as const;

import { type AnyCommandDefinition, defineCommand } from '../api/command-definition';
import { listResult, objectResult } from '../api/command-results';
import { listParams } from '../api/common-params';
import { type ConfigurationService } from '../configuration/configuration.service';
import { invalidParameter } from '../api/errors/cloudstack-exceptions';
import { CONFIGURATION_RESPONSE, toConfigurationResponse } from './configuration-response';
import { pageInMemory } from '../api/binding/page-in-memory';

/** `listConfigurations`, `updateConfiguration`: the framework's keys and every provider-declared key. */
export function configurationCommands(configuration: ConfigurationService): AnyCommandDefinition[] {
  const listConfigurations = defineCommand({
    name: 'listConfigurations',
    description:
      'Lists all configurations. With zoneid, only zone-scoped keys, each with the value that applies in the zone. Secure values are masked.',
    isAsync: false,
    allowedRoles: ['Admin'],
    related: ['updateConfiguration'],
    params: [
      ...listParams(),
      { name: 'name', type: 'string', description: 'lists configuration by name' },
      { name: 'category', type: 'string', description: 'lists configurations by category' },
      {
        name: 'zoneid',
        type: 'uuid',
        entity: 'Zone',
        related: ['listZones'],
        description: 'the ID of the Zone to update the parameter value for corresponding zone',
      },
    ],
    response: CONFIGURATION_RESPONSE,
    handler: async ({ params, paging }) => {
      const category = params.category?.toLowerCase();
      const entries = (
        await configuration.list({ name: params.name, keyword: params.keyword, zoneId: params.zoneid })
      ).filter((entry) => category === undefined || entry.category.toLowerCase() === category);
      return listResult('configuration', {
        items: pageInMemory(entries, paging).map(toConfigurationResponse),
        total: entries.length,
      });
    },
  });

  const updateConfiguration = defineCommand({
    name: 'updateConfiguration',
    description:
      'Updates a configuration: its global value, or with zoneid its value for one zone (zone-scoped keys only). The value is checked against the key\'s type; secure values are stored encrypted.',
    isAsync: false,
    allowedRoles: ['Admin'],
    eventType: 'CONFIGURATION.VALUE.EDIT',
    eventDescription: 'updating configuration',
    related: ['listConfigurations'],
    params: [
      { name: 'name', type: 'string', required: true, description: 'the name of the configuration' },
      { name: 'value', type: 'string', length: 4095, description: 'the value of the configuration' },
      {
        name: 'zoneid',
        type: 'uuid',
        entity: 'Zone',
        related: ['listZones'],
        description: 'the ID of the Zone to update the parameter value for corresponding zone',
      },
    ],
    response: CONFIGURATION_RESPONSE,
    handler: async ({ params }) => {
      const entry =
        params.value === undefined
          ? // CloudStack answers an update without a value with the configuration as it is.
            (await configuration.list({ name: params.name, zoneId: params.zoneid }))[0]
          : await configuration.setValue(params.name, params.value, params.zoneid);
      if (entry === undefined) throw invalidParameter(`Config parameter with name ${params.name} doesn't exist`);
      return objectResult('configuration', toConfigurationResponse(entry));
    },
  });

  return [listConfigurations, updateConfiguration];
}

import { type RoleType } from '@csbr/framework/host';
import {
  defineCommand,
  type AnyCommandDefinition,
  type ParamDefinition,
  type ResponseFieldDefinition,
} from '../command-definition';
import { type CommandRegistry } from '../command-registry';
import { ApiError } from '../errors/api-error';
import { ApiErrorCode, CsErrorCode } from '../errors/api-error-codes';

const DEFAULT_LENGTH = 255;

/**
 * `listApis` (CloudStack's API discovery plugin, protocol doc §9): every command the caller's role
 * may call, with its parameters (those the role may use) and response fields. Every item carries
 * `name`, `description`, `isasync`, `params` and `response`, and every parameter `name`,
 * `description`, `type`, `length` and `required`, as cloudmonkey's `sync` and Marvin's code generator
 * require.
 */
export function listApisCommand(registry: CommandRegistry): AnyCommandDefinition {
  return defineCommand({
    name: 'listApis',
    description: 'lists all available apis on the server, provided by the Api Discovery plugin',
    since: '4.1.0',
    isAsync: false,
    allowedRoles: ['Admin', 'DomainAdmin', 'User'],
    className: 'org.apache.cloudstack.api.command.user.discovery.ListApisCmd',
    params: [{ name: 'name', type: 'string', description: 'API name' }],
    response: { objectName: 'api', fields: API_RESPONSE_FIELDS },
    handler: ({ caller, params }) => {
      const visible = registry.list().filter((definition) => definition.allowedRoles.includes(caller.roleType));
      const selected = params.name === undefined ? visible : visible.filter((definition) => definition.name === params.name);
      if (selected.length === 0) {
        // What ListApisCmd throws when discovery returns nothing (e.g. an unknown or forbidden name).
        throw new ApiError(
          ApiErrorCode.INTERNAL_ERROR,
          'Api Discovery plugin was unable to find an api by that name or process any apis',
          { csErrorCode: CsErrorCode.SERVER_API_EXCEPTION },
        );
      }
      const items = selected.map((definition) => apiDiscoveryItem(definition, caller.roleType));
      return Promise.resolve({ kind: 'list', objectName: 'api', items, total: items.length });
    },
  });
}

/** `ApiDiscoveryResponse`, fields in its order; empty `since`/`related` are left out. */
function apiDiscoveryItem(definition: AnyCommandDefinition, roleType: RoleType): Record<string, unknown> {
  return {
    name: definition.name,
    description: definition.description,
    since: nonEmpty(definition.since),
    isasync: definition.isAsync,
    related: joined(definition.related),
    params: definition.params
      .filter((param) => param.authorized === undefined || param.authorized.includes(roleType))
      .map(apiParameterItem),
    response: definition.response.fields.map(apiResponseItem),
  };
}

/** `ApiParameterResponse`: `length` and `required` are always present. */
function apiParameterItem(param: ParamDefinition): Record<string, unknown> {
  return {
    name: param.name,
    description: param.description,
    type: param.type,
    length: param.length ?? DEFAULT_LENGTH,
    required: param.required === true,
    since: nonEmpty(param.since),
    related: joined(param.related),
  };
}

/** `ApiResponseResponse`, nested objects with their own `response`. */
function apiResponseItem(field: ResponseFieldDefinition): Record<string, unknown> {
  return {
    name: field.name,
    description: field.description,
    type: field.type,
    response: field.response?.map(apiResponseItem),
  };
}

function nonEmpty(text: string | undefined): string | undefined {
  return text === undefined || text === '' ? undefined : text;
}

function joined(names: readonly string[] | undefined): string | undefined {
  return names === undefined || names.length === 0 ? undefined : names.join(',');
}

const PARAM_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'name', type: 'string', description: 'the api parameter name' },
  { name: 'description', type: 'string', description: 'description of the api parameter' },
  { name: 'type', type: 'string', description: 'parameter type' },
  { name: 'length', type: 'integer', description: 'length of the parameter' },
  { name: 'required', type: 'boolean', description: 'true if this parameter is required for the api request' },
  { name: 'since', type: 'string', description: 'version of CloudStack the api was introduced in' },
  { name: 'related', type: 'string', description: 'comma separated related apis to get the parameter' },
];

const RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'name', type: 'string', description: 'the name of the api response field' },
  { name: 'description', type: 'string', description: 'description of the api response field' },
  { name: 'type', type: 'string', description: 'response field type' },
  { name: 'response', type: 'set', description: 'api response fields' },
];

const API_RESPONSE_FIELDS: readonly ResponseFieldDefinition[] = [
  { name: 'name', type: 'string', description: 'the name of the api command' },
  { name: 'description', type: 'string', description: 'description of the api' },
  { name: 'since', type: 'string', description: 'version of CloudStack the api was introduced in' },
  { name: 'isasync', type: 'boolean', description: 'true if api is asynchronous' },
  { name: 'related', type: 'string', description: 'comma separated related apis' },
  { name: 'params', type: 'set', description: 'the list params the api accepts', response: PARAM_FIELDS },
  { name: 'response', type: 'set', description: 'api response fields', response: RESPONSE_FIELDS },
  { name: 'type', type: 'string', description: 'response field type' },
];

import { type Caller } from '@csbr/framework/host';
import { type AnyCommandDefinition, type ParamDefinition } from '../command-definition';
import {
  invalidValueError,
  missingParameterError,
  unknownEntityError,
  unparseableDateError,
  valueTooLongError,
} from '../errors/parameter-errors';
import { type UuidResolver } from '../ports/uuid-resolver';
import { parsePlainDate, parseTzDate } from '../signing/parse-tz-date';
import { parseFloatValue, parseIntegral } from './parse-number';

const DEFAULT_MAX_LENGTH = 255;
const UUID_TEXT = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/**
 * Validates and converts a command's parameters as CloudStack's `ParamProcessWorker` does, with its
 * error wording (protocol doc §5.3, §8): a missing required parameter, a value that does not parse,
 * a string over its length, an unknown uuid are all 431/9999. Unknown parameters are ignored.
 * Parameters whose `authorized` roles exclude the caller are ignored too.
 *
 * Deviations: a uuid parameter only accepts uuids (and `-1`), never internal numeric ids, and a
 * malformed uuid is always an error (CloudStack silently drops it for parameters with a `since`). A
 * uuid of another account's resource the caller may not act on is answered as a uuid that names
 * nothing (CloudStack answers 531 after resolving it, which tells that it exists).
 */
export async function bindParameters(
  definition: AnyCommandDefinition,
  caller: Caller,
  rawParams: Readonly<Record<string, string>>,
  uuidResolver: UuidResolver,
): Promise<Record<string, unknown>> {
  const bound: Record<string, unknown> = {};
  for (const param of definition.params) {
    if (param.authorized !== undefined && !param.authorized.includes(caller.roleType)) {
      continue;
    }
    const value =
      param.type === 'map'
        ? bindMap(param, rawParams)
        : Object.hasOwn(rawParams, param.name)
          ? await bindScalar(definition.name, param, rawParams[param.name] ?? '', { uuidResolver, caller })
          : undefined;
    if (value === undefined) {
      if (param.required === true) {
        throw missingParameterError(definition.name, param.name);
      }
      continue;
    }
    bound[param.name] = value;
  }
  return bound;
}

/** How uuids are resolved, and for whom. */
interface UuidLookup {
  readonly uuidResolver: UuidResolver;
  readonly caller: Caller;
}

async function bindScalar(commandName: string, param: ParamDefinition, raw: string, lookup: UuidLookup): Promise<unknown> {
  if (param.type === 'string') {
    const maxLength = param.length ?? DEFAULT_MAX_LENGTH;
    if (raw.length > maxLength) {
      throw valueTooLongError(commandName, param.name, maxLength);
    }
    return raw;
  }
  if (param.type === 'boolean') {
    // Java's Boolean.valueOf: "true" in any case is true, anything else false, never an error.
    return raw.toLowerCase() === 'true';
  }
  // Blank values of the other types count as not sent.
  if (raw.trim() === '') {
    return undefined;
  }
  switch (param.type) {
    case 'integer':
    case 'short':
    case 'long':
      return parseIntegral(raw, param.type) ?? throwError(invalidValueError(commandName, param.name, raw));
    case 'float':
      return parseFloatValue(raw) ?? throwError(invalidValueError(commandName, param.name, raw));
    case 'uuid':
      return resolveUuid(commandName, param, raw, lookup);
    case 'date':
      return parsePlainDate(raw) ?? throwError(unparseableDateError(commandName, raw));
    case 'tzdate':
      return parseTzDate(raw) ?? throwError(unparseableDateError(commandName, raw));
    case 'list':
      return bindList(commandName, param, raw, lookup);
    case 'map':
      return undefined;
  }
}

async function bindList(
  commandName: string,
  param: ParamDefinition,
  raw: string,
  lookup: UuidLookup,
): Promise<readonly unknown[]> {
  // Like Java's StringTokenizer on ",": empty elements are skipped.
  const elements = raw
    .split(',')
    .map((element) => element.trim())
    .filter((element) => element !== '');
  const values: unknown[] = [];
  for (const element of elements) {
    switch (param.collectionType ?? 'string') {
      case 'string':
        values.push(element);
        break;
      case 'integer':
      case 'long':
        values.push(
          parseIntegral(element, param.collectionType === 'integer' ? 'integer' : 'long') ??
            throwError(invalidValueError(commandName, param.name, raw)),
        );
        break;
      case 'uuid':
        values.push(await resolveUuid(commandName, param, element, lookup));
        break;
    }
  }
  return values;
}

async function resolveUuid(commandName: string, param: ParamDefinition, uuid: string, lookup: UuidLookup): Promise<string> {
  if (uuid === '-1') {
    // CloudStack passes -1 through (e.g. projectid=-1 means all projects).
    return uuid;
  }
  if (!UUID_TEXT.test(uuid)) {
    throw unknownEntityError(commandName, param.name, uuid);
  }
  if (param.entity === undefined) {
    return uuid;
  }
  const internalId = await lookup.uuidResolver.resolve(param.entity, uuid, lookup.caller);
  return internalId ?? throwError(unknownEntityError(commandName, param.name, uuid));
}

/**
 * `name[0].key=k&name[0].value=v&name[1].key=…` → `[{key:'k', value:'v'}, …]` in index order
 * (CloudStack's `ParamUnpackWorker`); undefined when no such parameter was sent.
 */
function bindMap(param: ParamDefinition, rawParams: Readonly<Record<string, string>>): unknown {
  const prefix = `${param.name}[`;
  const entries = new Map<number, Record<string, string>>();
  for (const [name, value] of Object.entries(rawParams)) {
    if (!name.startsWith(prefix)) {
      continue;
    }
    const match = /^\[(\d+)\]\.(.+)$/.exec(name.slice(param.name.length));
    if (match === null) {
      continue;
    }
    const index = Number(match[1]);
    const entry = entries.get(index) ?? {};
    entry[match[2] ?? ''] = value;
    entries.set(index, entry);
  }
  if (entries.size === 0) {
    return undefined;
  }
  return [...entries.entries()].sort(([left], [right]) => left - right).map(([, entry]) => entry);
}

function throwError(error: Error): never {
  throw error;
}

import { type ConfigKeyType } from '@csbr/framework';

/*
 * updateConfiguration's messages, as CloudStack's ConfigurationManagerImpl words them (clients and
 * scripts match on them).
 */

export function unknownKeyMessage(name: string): string {
  return `Config parameter with name ${name} doesn't exist`;
}

export function invalidScopeMessage(name: string): string {
  return `Invalid scope id provided for the parameter ${name}`;
}

export function unknownZoneMessage(zoneId: string): string {
  return `Unable to find zone by id ${zoneId}`;
}

export function invalidValueMessage(name: string, type: ConfigKeyType): string {
  switch (type) {
    case 'Boolean':
      return "Please enter either 'true' or 'false'.";
    case 'Integer':
      return `There was an error trying to parse the integer value for configuration parameter: ${name}`;
    case 'Long':
      return `There was an error trying to parse the long value for configuration parameter: ${name}`;
    case 'Float':
      return `There was an error trying to parse the float value for configuration parameter: ${name}`;
    case 'String':
      return `Invalid value for configuration parameter: ${name}`;
  }
}

/** A numeric value outside the key's declared range (CloudStack words its own range checks so). */
export function outOfRangeMessage(name: string, min: number | undefined, max: number | undefined): string {
  const range =
    min !== undefined && max !== undefined
      ? `a value between ${min} and ${max}`
      : min !== undefined
        ? `a value greater than or equal to ${min}`
        : `a value less than or equal to ${String(max)}`;
  return `Please enter ${range} for the configuration parameter: ${name}`;
}

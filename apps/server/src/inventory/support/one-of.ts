import { invalidParameter } from '../../api/errors/cloudstack-exceptions';

/** The allowed value matching `value` case-insensitively, else a 431 with `message`. */
export function oneOf<T extends string>(allowed: readonly T[], value: string, message: string): T {
  const match = allowed.find((candidate) => candidate.toLowerCase() === value.toLowerCase());
  if (match === undefined) throw invalidParameter(message);
  return match;
}

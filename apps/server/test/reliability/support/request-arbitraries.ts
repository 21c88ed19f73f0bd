import fc from 'fast-check';

import { type AnyCommandDefinition } from '../../../src/api/command-definition';

/** Stands for "a valid value naming the current scene's resource", resolved when the request is sent. */
export const VALID = '\u0000<valid>\u0000';

/** Who signs a generated request; `forged` signs with a wrong secret. */
export type FuzzCaller = 'root admin' | 'owner' | 'other user' | 'forged';

/** One generated request, before its valid values are resolved and it is signed. */
export interface FuzzRequest {
  readonly caller: FuzzCaller;
  readonly command: string;
  readonly params: readonly (readonly [string, string])[];
}

/** Any string without lone surrogates (which no client can put in UTF-8 on the wire). */
const wellFormed = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

/** Values a CloudStack client gets wrong: numbers at their limits, reserved words, injections, paths, padding. */
const NASTY_VALUES = [
  '-1',
  '0',
  '1',
  '2147483648',
  '9223372036854775808',
  '99999999999999999999',
  '1e309',
  '0x10',
  'NaN',
  'Infinity',
  'true',
  'FALSE',
  'null',
  'undefined',
  '[]',
  '{}',
  "' OR '1'='1",
  '1; DROP TABLE backups',
  '%00',
  '%',
  '\u0000',
  '\r\n',
  '\t',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '${jndi:ldap://x}',
  '00000000-0000-0000-0000-00000000000g',
  'FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF',
  ' 8f2b6f4e-52a4-4c5e-9a57-5c0d1f3b9a10',
  '1,2,,3',
  ',',
  '2024-13-45',
  '2024-01-01T00:00:00+0000',
  'a'.repeat(256),
  '\u202e\u0645\u0631\u062d\u0628\u0627',
  '\ud83d\udca5'.repeat(100),
];

/** One parameter value: mostly valid, else wrong in every way the issue lists. */
export const valueArbitrary: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(VALID) },
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }).map(wellFormed) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.uuid() },
  { weight: 3, arbitrary: fc.constantFrom(...NASTY_VALUES) },
  { weight: 1, arbitrary: fc.integer().map(String) },
  { weight: 1, arbitrary: fc.double().map(String) },
  { weight: 1, arbitrary: fc.integer({ min: 255, max: 70_000 }).map((length) => 'x'.repeat(length)) },
);

/** Parameter names nobody declared, including ones that differ only in case from real ones. */
const unknownName = fc.oneof(
  fc.constantFrom('junk', 'ID', 'VirtualMachineId', 'pageSize', 'command', 'signature', 'apikey', 'response', 'expires', ''),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 12 }),
);

/** The list parameters every list command takes (CloudStack's BaseListCmd), fuzzed for list commands. */
const LIST_PARAMS = ['page', 'pagesize', 'keyword', 'listall', 'isrecursive', 'domainid', 'account'];

/** A request to `definition`: each parameter left out, valid or wrong; some repeated; some unknown ones. */
function requestTo(definition: AnyCommandDefinition): fc.Arbitrary<FuzzRequest['params']> {
  const names = [...definition.params.map((param) => param.name)];
  if (definition.name.startsWith('list')) names.push(...LIST_PARAMS.filter((name) => !names.includes(name)));
  const declared = names.map((name) =>
    fc.option(valueArbitrary, { freq: 3, nil: undefined }).map((value) => (value === undefined ? [] : [[name, value] as const])),
  );
  return fc
    .tuple(
      fc.tuple(...declared),
      fc.array(fc.tuple(unknownName, valueArbitrary), { maxLength: 3 }),
      fc.array(fc.tuple(fc.constantFrom(...(names.length > 0 ? names : ['id'])), valueArbitrary), { maxLength: 2 }),
    )
    .map(([known, unknown, repeated]) => [...known.flat(), ...unknown, ...repeated]);
}

/** Requests to every command (and to a few that do not exist), by any caller. */
export function requestArbitrary(definitions: readonly AnyCommandDefinition[]): fc.Arbitrary<FuzzRequest> {
  const toKnown = fc.constantFrom(...definitions).chain((definition) =>
    fc.record({
      caller: fc.constantFrom<FuzzCaller>('root admin', 'root admin', 'owner', 'owner', 'other user', 'forged'),
      command: fc.constant(definition.name),
      params: requestTo(definition),
    }),
  );
  const toUnknown = fc.record({
    caller: fc.constantFrom<FuzzCaller>('root admin', 'owner'),
    command: fc.oneof(
      fc.constantFrom('listbackups', 'LISTBACKUPS', 'login', 'logout', 'deployVirtualMachine ', ''),
      fc.string({ unit: 'grapheme', maxLength: 20 }),
    ),
    params: fc.array(fc.tuple(unknownName, valueArbitrary), { maxLength: 3 }),
  });
  return fc.oneof({ weight: 19, arbitrary: toKnown }, { weight: 1, arbitrary: toUnknown });
}

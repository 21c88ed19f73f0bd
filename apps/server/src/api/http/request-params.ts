import { decodeFormComponent } from './decode-form-component';

/** One received parameter. */
export type RequestParam = readonly [name: string, value: string];

/**
 * The parameters of one request: the query string's, then the form body's, in the order received
 * (CloudStack merges both, protocol doc §1.1).
 *
 * When a name is repeated, the FIRST value is used both to check the signature and to run the
 * command. CloudStack signs the first value but binds the last query-string occurrence, which would
 * let a client (or a man in the middle appending to a signed URL) slip in an unsigned value; using
 * the first everywhere closes that gap.
 */
export class RequestParams {
  private readonly firstByName = new Map<string, string>();

  private constructor(readonly all: readonly RequestParam[]) {
    for (const [name, value] of all) {
      if (!this.firstByName.has(name)) {
        this.firstByName.set(name, value);
      }
    }
  }

  /** Parses a raw query string (without `?`) and an optional raw form body. */
  static parse(queryString: string, formBody = ''): RequestParams {
    return new RequestParams([...parseFormEncoded(queryString), ...parseFormEncoded(formBody)]);
  }

  static of(params: readonly RequestParam[]): RequestParams {
    return new RequestParams(params);
  }

  get isEmpty(): boolean {
    return this.all.length === 0;
  }

  /** The first value of the parameter with exactly this name. */
  first(name: string): string | undefined {
    return this.firstByName.get(name);
  }

  /** The first value of a parameter whose name equals `name` ignoring case (`apiKey`, `signature`, …). */
  firstIgnoringCase(name: string): string | undefined {
    const lowerName = name.toLowerCase();
    return this.all.find(([candidate]) => candidate.toLowerCase() === lowerName)?.[1];
  }

  /** Each name with its first value, as the command sees them. */
  firstValues(): Readonly<Record<string, string>> {
    return Object.fromEntries(this.firstByName);
  }
}

/**
 * Splits on `&` and on the first `=` and decodes both sides. A pair without `=` is a name with an
 * empty value (as the servlet container lists it); empty names are dropped.
 */
function parseFormEncoded(text: string): RequestParam[] {
  const params: RequestParam[] = [];
  for (const pair of text.split('&')) {
    if (pair === '') {
      continue;
    }
    const equals = pair.indexOf('=');
    const name = decodeFormComponent(equals < 0 ? pair : pair.slice(0, equals));
    const value = equals < 0 ? '' : decodeFormComponent(pair.slice(equals + 1));
    if (name !== '') {
      params.push([name, value]);
    }
  }
  return params;
}

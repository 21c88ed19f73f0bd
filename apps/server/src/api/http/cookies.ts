/** One cookie sent by the client. */
export type RequestCookie = readonly [name: string, value: string];

/** Parses `Cookie` headers into name/value pairs, in order; double quotes around a value are removed. */
export function parseCookies(header: string | readonly string[] | undefined): RequestCookie[] {
  const headers = header === undefined ? [] : typeof header === 'string' ? [header] : header;
  const cookies: RequestCookie[] = [];
  for (const line of headers) {
    for (const part of line.split(';')) {
      const equals = part.indexOf('=');
      if (equals <= 0) {
        continue;
      }
      const name = part.slice(0, equals).trim();
      const value = part.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1');
      if (name !== '') {
        cookies.push([name, value]);
      }
    }
  }
  return cookies;
}

/** The values of every cookie with this name. */
export function cookieValues(cookies: readonly RequestCookie[], name: string): string[] {
  return cookies.filter(([candidate]) => candidate === name).map(([, value]) => value);
}

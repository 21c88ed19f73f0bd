/**
 * Parses the date forms of CloudStack's `DateUtil.parseTZDateString` (protocol doc §2.1.4), used for
 * `expires` and for `tzdate` parameters:
 * - `2030-01-01T00:00:00+0000` (cs, csclient), `2030-01-01T00:00:00+00:00`, `2030-01-01T00:00:00Z`
 *   (cloudstack-go), an offset of hours only (`+00`);
 * - the same with fractional seconds (`2030-01-01T00:00:00.123456Z`, 1 to 9 digits);
 * - the legacy form with a literal `Z` followed by an offset (`2030-01-01T00:00:00Z+0000`).
 *
 * @returns the instant, or undefined when the text is not one of these forms or not a real date.
 */
export function parseTzDate(text: string): Date | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|(?:Z?([+-])(\d{2})(?::?(\d{2}))?))$/.exec(
      text,
    );
  if (!match) {
    return undefined;
  }
  const [, year, month, day, hour, minute, second, fraction, zone, sign, offsetHours, offsetMinutes] = match;
  const fields = [year, month, day, hour, minute, second].map(Number) as [number, number, number, number, number, number];
  if (!isValidDateTime(...fields)) {
    return undefined;
  }
  let offsetTotalMinutes = 0;
  if (zone !== 'Z') {
    const hours = Number(offsetHours);
    const minutes = Number(offsetMinutes ?? '0');
    if (hours > 18 || minutes > 59) {
      return undefined;
    }
    offsetTotalMinutes = (sign === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const milliseconds = fraction === undefined ? 0 : Math.floor(Number(`0.${fraction}`) * 1000);
  const [y, mo, d, h, mi, s] = fields;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s, milliseconds) - offsetTotalMinutes * 60_000;
  return new Date(utc);
}

/**
 * Parses a CloudStack `date` parameter: `yyyy-MM-dd`, or `yyyy-MM-dd HH:mm:ss` (events, usage),
 * read as UTC.
 */
export function parsePlainDate(text: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2}))?$/.exec(text);
  if (!match) {
    return undefined;
  }
  const fields = match.slice(1).map((part) => Number(part ?? '0')) as [number, number, number, number, number, number];
  if (!isValidDateTime(...fields)) {
    return undefined;
  }
  const [y, mo, d, h, mi, s] = fields;
  return new Date(Date.UTC(y, mo - 1, d, h, mi, s));
}

function isValidDateTime(year: number, month: number, day: number, hour: number, minute: number, second: number): boolean {
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) {
    return false;
  }
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

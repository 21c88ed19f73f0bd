/**
 * The login response's `timezoneoffset`: the zone's current UTC offset in hours as Java prints a
 * float (`"1.0"`, `"5.5"`, `"-3.5"`), or undefined for an unknown zone.
 */
export function timezoneOffsetHours(timezone: string, at: Date): string | undefined {
  let offsetName: string | undefined;
  try {
    offsetName = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset' })
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
  } catch {
    return undefined;
  }
  const match = /^GMT(?:([+-])(\d{2}):(\d{2}))?$/.exec(offsetName ?? '');
  if (match === null) {
    return undefined;
  }
  const hours = match[1] === undefined ? 0 : (match[1] === '-' ? -1 : 1) * (Number(match[2]) + Number(match[3]) / 60);
  return Number.isInteger(hours) ? hours.toFixed(1) : String(hours);
}

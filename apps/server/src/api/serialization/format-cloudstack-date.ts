/**
 * CloudStack's date format `yyyy-MM-dd'T'HH:mm:ssZ` in UTC: `2019-10-01T12:00:00+0000` (no
 * milliseconds, offset without a colon; protocol doc §3.2).
 */
export function formatCloudStackDate(date: Date): string {
  const pad = (value: number, width = 2): string => String(value).padStart(width, '0');
  return (
    `${pad(date.getUTCFullYear(), 4)}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}` +
    `T${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}+0000`
  );
}

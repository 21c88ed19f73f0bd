import { parsePlainDate, parseTzDate } from './parse-tz-date';

const MIDNIGHT_2030 = Date.UTC(2030, 0, 1);

describe('parseTzDate (expires and tzdate parameters)', () => {
  it.each([
    ['2030-01-01T00:00:00+0000', 'exoscale/cs and csclient'],
    ['2030-01-01T00:00:00Z', 'cloudstack-go (RFC 3339)'],
    ['2030-01-01T00:00:00+00:00', 'ISO offset'],
    ['2030-01-01T00:00:00+00', 'offset in hours'],
    ['2030-01-01T00:00:00.000000Z', 'six fractional digits'],
    ['2030-01-01T00:00:00.000+0000', 'three fractional digits'],
    ['2030-01-01T00:00:00Z+0000', 'legacy literal Z then an offset'],
    ['2030-01-01T01:00:00+0100', 'a positive offset'],
    ['2029-12-31T19:00:00-05:00', 'a negative offset'],
  ])('reads %s (%s)', (text) => {
    expect(parseTzDate(text)?.getTime()).toBe(MIDNIGHT_2030);
  });

  it('keeps milliseconds of fractional seconds', () => {
    expect(parseTzDate('2030-01-01T00:00:00.123456Z')?.getTime()).toBe(MIDNIGHT_2030 + 123);
  });

  it.each([
    ['2030-01-01 00:00:00'],
    ['2030-01-01T00:00:00'],
    ['2030-13-01T00:00:00Z'],
    ['2030-02-30T00:00:00Z'],
    ['2030-01-01T24:00:00Z'],
    ['2030-01-01T00:00:00+2500'],
    ['tomorrow'],
    [''],
  ])('refuses %j', (text) => {
    expect(parseTzDate(text)).toBeUndefined();
  });
});

describe('parsePlainDate (date parameters)', () => {
  it('reads yyyy-MM-dd and yyyy-MM-dd HH:mm:ss as UTC', () => {
    expect(parsePlainDate('2030-01-01')?.getTime()).toBe(MIDNIGHT_2030);
    expect(parsePlainDate('2030-01-01 12:30:15')?.toISOString()).toBe('2030-01-01T12:30:15.000Z');
  });

  it('refuses other forms and impossible dates', () => {
    expect(parsePlainDate('01/01/2030')).toBeUndefined();
    expect(parsePlainDate('2030-02-29')).toBeUndefined();
    expect(parsePlainDate('2030-01-01T00:00:00Z')).toBeUndefined();
  });
});

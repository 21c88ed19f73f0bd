import { type RequestLimits } from '../ports/api-settings';
import { FormBodyScanner } from './form-body-scanner';
import { admitRequest } from './request-limits';

const LIMITS: RequestLimits = { maxRequestBytes: 1000, maxValueBytes: 100, maxParameters: 5 };

/** A body scanned in chunks of `chunkSize` bytes, as a socket would hand it over. */
function scan(body: string, chunkSize: number): ReturnType<FormBodyScanner['end']> {
  const scanner = new FormBodyScanner(LIMITS.maxValueBytes);
  const bytes = Buffer.from(body, 'latin1');
  for (let start = 0; start < bytes.length; start += chunkSize) scanner.write(bytes.subarray(start, start + chunkSize));
  return scanner.end();
}

describe('admitRequest', () => {
  it('admits a request within every limit with all its parameters', () => {
    const admitted = admitRequest('command=listThings&a=1', { bytes: 9, text: 'b=2&c=%20' }, LIMITS);
    expect(admitted.refusal).toBeUndefined();
    expect(admitted.params.all).toEqual([
      ['command', 'listThings'],
      ['a', '1'],
      ['b', '2'],
      ['c', ' '],
    ]);
  });

  it('names a value too large once decoded, before counting parameters or bytes', () => {
    const value = '%41'.repeat(101);
    const admitted = admitRequest(`x=${value}&${'p=1&'.repeat(10)}`, { bytes: 0, text: '' }, LIMITS);
    expect(admitted.refusal).toMatchObject({
      errorCode: 431,
      csErrorCode: 4350,
      message: 'Value of parameter x is greater than the maximum allowed size of 100 bytes',
    });
    // 100 escapes decode to 100 bytes: within the limit.
    expect(admitRequest(`x=${'%41'.repeat(100)}`, { bytes: 0, text: '' }, LIMITS).refusal).toBeUndefined();
  });

  it('counts parameters of the query string and the body together', () => {
    const admitted = admitRequest('a=1&b=2&c=3', { bytes: 7, text: 'd=4&e=5&f=6' }, LIMITS);
    expect(admitted.refusal?.message).toBe('Request has more than the maximum allowed 5 parameters');
  });

  it('measures the total as received', () => {
    const admitted = admitRequest(`a=${'x'.repeat(90)}`, { bytes: 950, text: `b=${'y'.repeat(90)}` }, LIMITS);
    expect(admitted.refusal?.message).toBe(
      'Request is greater than the maximum allowed size of 1000 bytes (query string and form body together)',
    );
  });

  it('answers a body too large to keep from its summary, with the envelope parameters it found', () => {
    const body = `junk=${'j'.repeat(5_000)}&command=listThings&response=json`;
    const admitted = admitRequest('', { bytes: body.length, tooLarge: scan(body, 7) }, LIMITS);
    expect(admitted.params.all).toEqual([
      ['command', 'listThings'],
      ['response', 'json'],
    ]);
    expect(admitted.refusal?.message).toBe('Value of parameter junk is greater than the maximum allowed size of 100 bytes');
  });
});

describe('FormBodyScanner', () => {
  it.each([1, 2, 3, 64])('splits and measures pairs the way RequestParams parses them (chunks of %i)', (chunkSize) => {
    // `%4` then `1` across chunks is still one escape; `%%41` is a literal `%` then `A`.
    const summary = scan(`a=%41&&=x&command=list%54hings&b&${'n'.repeat(101)}=1&z=%%41`, chunkSize);
    expect(summary).toEqual({
      parameters: 5,
      oversized: { name: undefined },
      envelopeParams: [['command', 'listThings']],
    });
  });

  it('reports the first oversized value by its decoded name, and keeps only the first command', () => {
    const summary = scan(`command=a&v%31=${'%41'.repeat(101)}&command=b&w=${'x'.repeat(500)}`, 16);
    expect(summary).toEqual({ parameters: 4, oversized: { name: 'v1' }, envelopeParams: [['command', 'a']] });
  });
});

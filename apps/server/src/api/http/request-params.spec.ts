import { RequestParams } from './request-params';

describe('RequestParams', () => {
  it('decodes + as a space and %XX as UTF-8, splitting on & and the first =', () => {
    const params = RequestParams.parse('keyword=a+b%2Bc%20%C3%A9&expr=x%3Dy=z&flag&&=nameless');
    expect(params.all).toEqual([
      ['keyword', 'a b+c é'],
      ['expr', 'x=y=z'],
      ['flag', ''],
    ]);
  });

  it('merges the query string then the form body, and uses the first value of a repeated name', () => {
    const params = RequestParams.parse('command=listZones&name=first', 'name=second&zoneid=z');
    expect(params.first('name')).toBe('first');
    expect(params.firstValues()).toEqual({ command: 'listZones', name: 'first', zoneid: 'z' });
    expect(params.all).toHaveLength(4);
  });

  it('matches names exactly, or ignoring case when asked', () => {
    const params = RequestParams.parse('APIKEY=k&signatureversion=3');
    expect(params.first('apiKey')).toBeUndefined();
    expect(params.firstIgnoringCase('apiKey')).toBe('k');
    expect(params.firstIgnoringCase('signatureVersion')).toBe('3');
  });

  it('keeps a malformed escape as it is instead of failing', () => {
    expect(RequestParams.parse('a=100%&b=%zz%4').all).toEqual([
      ['a', '100%'],
      ['b', '%zz%4'],
    ]);
  });

  it('reads a body given as Latin-1 bytes as UTF-8', () => {
    const body = Buffer.from('name=é&x=%E6%97%A5', 'utf8').toString('latin1');
    expect(RequestParams.parse('', body).firstValues()).toEqual({ name: 'é', x: '日' });
  });

  it('does not let a parameter named __proto__ change anything', () => {
    const values = RequestParams.parse('__proto__=x&constructor=y').firstValues();
    expect(Object.hasOwn(values, '__proto__')).toBe(true);
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
  });
});

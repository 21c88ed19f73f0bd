import { createHmac } from 'node:crypto';
import { canonicalString, type SignedParameter } from './canonical-string';
import { computeSignature, verifySignature } from './request-signature';

const SECRET = 'testsecret';

function hmac(message: string, secret = SECRET): string {
  return createHmac('sha1', secret).update(message, 'utf8').digest('base64');
}

function params(record: Record<string, string>): SignedParameter[] {
  return Object.entries(record);
}

describe('CloudStack request signature', () => {
  describe('test vectors of the protocol doc (§2.1.2)', () => {
    it('signs a version 1 request', () => {
      const request = params({ apiKey: 'testkey', command: 'listZones', response: 'json' });
      expect(canonicalString(request)).toBe('apikey=testkey&command=listzones&response=json');
      expect(computeSignature(request, SECRET)).toBe('of3U5g67BqXUZMJ4xE1TogZUt54=');
      expect(verifySignature(request, SECRET, 'of3U5g67BqXUZMJ4xE1TogZUt54=')).toBe(true);
    });

    it('signs a version 3 request with expires', () => {
      const request = params({
        apiKey: 'testkey',
        command: 'listZones',
        response: 'json',
        signatureVersion: '3',
        expires: '2030-01-01T00:00:00+0000',
      });
      expect(canonicalString(request)).toBe(
        'apikey=testkey&command=listzones&expires=2030-01-01t00%3a00%3a00%2b0000&response=json&signatureversion=3',
      );
      expect(computeSignature(request, SECRET)).toBe('6FTNOdVYlRIZ85yr9oiA1VUf6Fo=');
    });

    it('signs values with a space, *, ~, /, é and +', () => {
      const request = params({
        apiKey: 'testkey',
        command: 'listBackups',
        response: 'json',
        signatureVersion: '3',
        expires: '2030-01-01T00:00:00+0000',
        virtualmachineid: '8f3c1a9e-1111-4222-8333-944455556666',
        listall: 'true',
        keyword: 'a b*c~d/é+',
      });
      expect(canonicalString(request)).toBe(
        'apikey=testkey&command=listbackups&expires=2030-01-01t00%3a00%3a00%2b0000&keyword=a%20b*c%7ed%2f%c3%a9%2b' +
          '&listall=true&response=json&signatureversion=3&virtualmachineid=8f3c1a9e-1111-4222-8333-944455556666',
      );
      expect(computeSignature(request, SECRET)).toBe('bR48UsyxRuI2bKaVVBaM/sWx/XM=');
      expect(verifySignature(request, SECRET, 'bR48UsyxRuI2bKaVVBaM/sWx/XM=')).toBe(true);
    });
  });

  describe('canonical string', () => {
    it('encodes a space as %20 and a plus sign as %2b', () => {
      expect(canonicalString(params({ name: 'a b+c' }))).toBe('name=a%20b%2bc');
    });

    it('keeps * and encodes what Java URLEncoder encodes', () => {
      expect(canonicalString(params({ v: "*._-!'()~=&;:,/?#[]@$%" }))).toBe(
        'v=*._-%21%27%28%29%7e%3d%26%3b%3a%2c%2f%3f%23%5b%5d%40%24%25',
      );
    });

    it('encodes non-ASCII values as UTF-8 bytes', () => {
      expect(canonicalString(params({ name: 'é日本😀' }))).toBe('name=%c3%a9%e6%97%a5%e6%9c%ac%f0%9f%98%80');
    });

    it('sorts names case-sensitively, uppercase first, and does not encode names', () => {
      expect(canonicalString(params({ zeta: '1', Zeta: '2', 'details[0].key': 'k', apiKey: 'x' }))).toBe(
        'zeta=2&apikey=x&details[0].key=k&zeta=1',
      );
    });

    it('uses the first value of a repeated name and leaves out signature in any case', () => {
      const request: SignedParameter[] = [
        ['command', 'listZones'],
        ['name', 'first'],
        ['name', 'second'],
        ['Signature', 'abc'],
        ['signature', 'def'],
      ];
      expect(canonicalString(request)).toBe('command=listzones&name=first');
    });

    it('lowercases the whole string, so the case of values is not protected', () => {
      expect(canonicalString(params({ Name: 'MiXeD' }))).toBe('name=mixed');
      const signature = computeSignature(params({ name: 'UPPER' }), SECRET);
      expect(verifySignature(params({ name: 'upper' }), SECRET, signature)).toBe(true);
    });
  });

  describe('verification', () => {
    const request = params({ apiKey: 'testkey', command: 'listZones', response: 'json', keyword: 'a~b c' });

    it('accepts the Java-faithful signature of a value with ~', () => {
      const javaSignature = hmac('apikey=testkey&command=listzones&keyword=a%7eb%20c&response=json');
      expect(verifySignature(request, SECRET, javaSignature)).toBe(true);
    });

    it('also accepts ~ left unencoded, as cs, cloudmonkey and cloudstack-go sign it', () => {
      const clientSignature = hmac('apikey=testkey&command=listzones&keyword=a~b%20c&response=json');
      expect(verifySignature(request, SECRET, clientSignature)).toBe(true);
    });

    it('refuses another secret, a changed value and a changed signature', () => {
      const signature = computeSignature(request, SECRET);
      expect(verifySignature(request, 'othersecret', signature)).toBe(false);
      expect(verifySignature(params({ ...Object.fromEntries(request), keyword: 'other' }), SECRET, signature)).toBe(false);
      expect(verifySignature(request, SECRET, `${signature.slice(0, -2)}A=`)).toBe(false);
      expect(verifySignature(request, SECRET, '')).toBe(false);
    });

    it('refuses a signature whose + reached the server as a space (a client that did not URL-encode it)', () => {
      const pageRequest = params({ apiKey: 'testkey', command: 'listZones', page: '1', response: 'json' });
      const signature = hmac('apikey=testkey&command=listzones&page=1&response=json');
      expect(signature).toBe('nThXE9LzjWajg8ivh+17i0xVG0I=');
      expect(verifySignature(pageRequest, SECRET, signature)).toBe(true);
      expect(verifySignature(pageRequest, SECRET, signature.replace('+', ' '))).toBe(false);
    });
  });
});

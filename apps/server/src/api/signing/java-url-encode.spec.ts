import { javaUrlEncode, javaUrlEncodeKeepingTilde } from './java-url-encode';

describe('javaUrlEncode', () => {
  it('leaves exactly A-Z a-z 0-9 . - * _ unencoded', () => {
    const unreserved = 'ABCXYZabcxyz0189.-*_';
    expect(javaUrlEncode(unreserved)).toBe(unreserved);
    for (let code = 0x20; code < 0x7f; code++) {
      const character = String.fromCharCode(code);
      const expected = unreserved.includes(character) || /[A-Za-z0-9]/.test(character)
        ? character
        : `%${code.toString(16).toUpperCase().padStart(2, '0')}`;
      expect(javaUrlEncode(character)).toBe(expected);
    }
  });

  it('writes a lone surrogate as ? like Java instead of throwing', () => {
    expect(javaUrlEncode('a\uD800b')).toBe('a%3Fb');
  });

  it('has a variant that keeps ~', () => {
    expect(javaUrlEncodeKeepingTilde('a~b c')).toBe('a~b%20c');
  });
});

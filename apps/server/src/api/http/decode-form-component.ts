const utf8 = new TextDecoder('utf-8', { fatal: false });

/**
 * Decodes one `application/x-www-form-urlencoded` component as CloudStack's servlet does
 * (`utf8Fixup`): `+` is a space, `%XX` a byte, the bytes UTF-8 (invalid sequences become U+FFFD).
 * Characters up to U+00FF are taken as the bytes they were received as (Node hands over the raw
 * request line and our body as Latin-1); a `%` not followed by two hex digits is kept as it is rather
 * than failing the request.
 */
export function decodeFormComponent(text: string): string {
  if (!/[%+\u0080-\uffff]/.test(text)) {
    return text;
  }
  const bytes: number[] = [];
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x2b) {
      bytes.push(0x20);
    } else if (code === 0x25 && /^[0-9a-fA-F]{2}$/.test(text.slice(index + 1, index + 3))) {
      bytes.push(Number.parseInt(text.slice(index + 1, index + 3), 16));
      index += 2;
    } else if (code <= 0xff) {
      bytes.push(code);
    } else {
      const character = String.fromCodePoint(text.codePointAt(index) ?? code);
      bytes.push(...Buffer.from(character, 'utf8'));
      index += character.length - 1;
    }
  }
  return utf8.decode(Uint8Array.from(bytes));
}

import { boundErrorText, MAX_ERROR_TEXT_LENGTH } from './bound-error-text';

describe('boundErrorText', () => {
  it('keeps a text that fits as it is', () => {
    const text = 'x'.repeat(MAX_ERROR_TEXT_LENGTH);
    expect(boundErrorText(text)).toBe(text);
  });

  it('keeps the start and the end around a marker counting what it left out', () => {
    const text = `start:${'v'.repeat(100_000)}:end`;
    const bounded = boundErrorText(text);
    expect(bounded.length).toBeLessThanOrEqual(MAX_ERROR_TEXT_LENGTH);
    expect(bounded.startsWith('start:vvv')).toBe(true);
    expect(bounded.endsWith('vvv:end')).toBe(true);
    const [head, tail] = bounded.split(/\.\.\.\[\d+ characters omitted\]\.\.\./);
    const omitted = Number(/\[(\d+) characters omitted\]/.exec(bounded)?.[1]);
    expect((head ?? '').length + omitted + (tail ?? '').length).toBe(text.length);
  });

  it('never cuts a character written as a surrogate pair in half', () => {
    const bounded = boundErrorText('😀'.repeat(5_000));
    expect(bounded.length).toBeLessThanOrEqual(MAX_ERROR_TEXT_LENGTH);
    expect(bounded).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});

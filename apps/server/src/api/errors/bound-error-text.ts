/**
 * The longest `errortext` any error carries, marker included. CloudStack's messages are short
 * sentences; what makes one long is a client's value echoed in it (a 1 MB "uuid", a 50 KB parameter
 * name). `X-Description` repeats the text, and clients refuse header lines over 64 KiB (exoscale/cs:
 * "got more than 65536 bytes when reading header line"), so the bound applies to both.
 */
export const MAX_ERROR_TEXT_LENGTH = 1024;

/** Characters kept from the end: the reason CloudStack's messages give after the echoed value. */
const KEPT_TAIL_LENGTH = 192;

/**
 * `text` when it fits; otherwise its start and its end around a marker that says how much was left
 * out, e.g. `… value=aaaa...[69231 characters omitted]...aaaa due to incorrect long value format …`.
 * The start names the command and the parameter, the end keeps the reason. ASCII only, as
 * `X-Description` carries the same text.
 */
export function boundErrorText(text: string): string {
  if (text.length <= MAX_ERROR_TEXT_LENGTH) {
    return text;
  }
  // The marker's length depends on the count it prints; a count of 7 digits covers any request.
  const markerRoom = markerFor(9_999_999).length;
  const headEnd = avoidSplitPair(text, MAX_ERROR_TEXT_LENGTH - KEPT_TAIL_LENGTH - markerRoom);
  const tailStart = avoidSplitPair(text, text.length - KEPT_TAIL_LENGTH);
  return `${text.slice(0, headEnd)}${markerFor(tailStart - headEnd)}${text.slice(tailStart)}`;
}

function markerFor(omitted: number): string {
  return `...[${omitted} characters omitted]...`;
}

/** Moves a cut point off the middle of a surrogate pair, so no half character is left behind. */
function avoidSplitPair(text: string, index: number): number {
  const code = text.charCodeAt(index);
  return code >= 0xdc00 && code <= 0xdfff ? index - 1 : index;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * `java.net.URLEncoder.encode(value, "UTF-8").replace("+", "%20")`: what CloudStack applies to each
 * value before signing (protocol doc §2.1.1). Only `A-Z a-z 0-9 . - * _` stay as they are; every other
 * UTF-8 byte becomes `%XX` (space included, as `%20`).
 *
 * `encodeURIComponent` already leaves `*` alone and writes a space as `%20`; it additionally leaves
 * `! ' ( ) ~`, which Java encodes. Java writes a lone surrogate as `?`, where `encodeURIComponent`
 * would throw.
 */
export function javaUrlEncode(value: string): string {
  return encodeURIComponent(value.replace(LONE_SURROGATE, '?')).replace(
    /[!'()~]/g,
    (character) => `%${character.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * The encoding of exoscale/cs, cloudmonkey and cloudstack-go: like {@link javaUrlEncode} but `~` is
 * left as it is (protocol doc §2.1.5).
 */
export function javaUrlEncodeKeepingTilde(value: string): string {
  return javaUrlEncode(value).replace(/%7E/g, '~');
}

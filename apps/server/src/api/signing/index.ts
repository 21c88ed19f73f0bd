export { canonicalString, type SignedParameter } from './canonical-string';
export { javaUrlEncode, javaUrlEncodeKeepingTilde } from './java-url-encode';
export { parsePlainDate, parseTzDate } from './parse-tz-date';
export { computeSignature, hmacSha1Base64, verifySignature } from './request-signature';

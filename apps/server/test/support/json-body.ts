/**
 * A value of a JSON reply. Tests read replies field by field and check them with `expect()`, so
 * replies stay loosely typed on purpose rather than restating types the server does not share.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON, checked by expect()
export type Json = any;

/** A reply body (or a row) as parsed JSON. */
export type JsonBody = Record<string, Json>;

/**
 * A reply body as parsed JSON. Tests check its shape with `expect()`, so its fields stay untyped
 * rather than being restated as types the server does not share.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped JSON, checked by expect()
export type JsonBody = Record<string, any>;

/** What the controller writes back. */
export interface ApiHttpReply {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** Extra headers, e.g. `X-Description` on errors. */
  readonly headers: Readonly<Record<string, string>>;
  /** `Set-Cookie` values. */
  readonly setCookies: readonly string[];
}

/**
 * Remembers which signed requests were already served, so that a captured request cannot be sent
 * again (README, "Security decisions"). Off unless the operator turns it on; when on, the API layer
 * requires `expires` on signed requests and asks {@link remember} before running one.
 */
export interface SignatureReplayGuard {
  /** Whether replayed signatures are refused (read on every request, so a change applies at once). */
  isEnabled(): Promise<boolean>;
  /**
   * Records the signature of an API key's request, valid until `expires`. True the first time;
   * false when it was already recorded, by this server instance or any other.
   */
  remember(apiKey: string, signature: string, expires: Date): Promise<boolean>;
}

/** The default: CloudStack's behaviour, where a signed request may be sent again until it expires. */
export class NoSignatureReplayGuard implements SignatureReplayGuard {
  isEnabled(): Promise<boolean> {
    return Promise.resolve(false);
  }

  remember(): Promise<boolean> {
    return Promise.resolve(true);
  }
}

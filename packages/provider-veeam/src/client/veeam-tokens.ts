import { BackupError } from '@csbr/framework';

import { malformedAnswer } from '../http/veeam-errors';
import { isSupportedRevision, type SupportedRevision } from './veeam-profile';

/** A token pair and the revision it was issued under. */
export interface VeeamTokens {
  readonly revision: SupportedRevision;
  readonly accessToken: string;
  readonly refreshToken: string;
  /** Epoch ms, by the host's clock. */
  readonly expiresAt: number;
}

/** Reads `POST /api/oauth2/token`'s answer: `access_token`, `refresh_token`, `expires_in`. */
export function readTokenAnswer(body: unknown, revision: SupportedRevision, now: number): VeeamTokens {
  const answer = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const { access_token: accessToken, refresh_token: refreshToken, expires_in: expiresIn } = answer;
  if (typeof accessToken !== 'string' || typeof refreshToken !== 'string' || typeof expiresIn !== 'number') {
    throw malformedAnswer('log in', 'a token document without access_token, refresh_token and expires_in');
  }
  return { revision, accessToken, refreshToken, expiresAt: now + expiresIn * 1000 };
}

/** What the state store keeps: the tokens, tied to the settings they were issued for. */
interface StoredTokens extends VeeamTokens {
  readonly fingerprint: string;
}

export function serializeTokens(tokens: VeeamTokens, fingerprint: string): string {
  return JSON.stringify({ ...tokens, fingerprint } satisfies StoredTokens);
}

/** The stored tokens when they belong to these settings; undefined for anything else. */
export function deserializeTokens(value: string | undefined, fingerprint: string): VeeamTokens | undefined {
  if (value === undefined) return undefined;
  try {
    const stored = JSON.parse(value) as Partial<StoredTokens>;
    if (
      stored.fingerprint !== fingerprint ||
      !isSupportedRevision(stored.revision) ||
      typeof stored.accessToken !== 'string' ||
      typeof stored.refreshToken !== 'string' ||
      typeof stored.expiresAt !== 'number'
    ) {
      return undefined;
    }
    return {
      revision: stored.revision,
      accessToken: stored.accessToken,
      refreshToken: stored.refreshToken,
      expiresAt: stored.expiresAt,
    };
  } catch {
    return undefined;
  }
}

export function credentialsRefused(username: string, veeamMessage: string): BackupError {
  return new BackupError(
    'UPSTREAM_AUTH_FAILED',
    `Veeam refused the credentials of user ${username} (backup.plugin.veeam.username, backup.plugin.veeam.password): ${veeamMessage}`,
  );
}

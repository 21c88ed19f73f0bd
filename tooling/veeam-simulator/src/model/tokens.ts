import { randomBytes } from 'node:crypto';

/** VBR roles that matter to the simulated routes. */
export type Role = 'BackupAdministrator' | 'BackupOperator' | 'RestoreOperator' | 'BackupViewer';
export const ROLES: readonly Role[] = [
  'BackupAdministrator',
  'BackupOperator',
  'RestoreOperator',
  'BackupViewer',
];

export interface SimulatorUser {
  username: string;
  password: string;
  role: Role;
}

export interface TokenLifetimes {
  accessSeconds: number;
  refreshSeconds: number;
}

export interface TokenGrant {
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly username: string;
  readonly role: Role;
  readonly issuedAt: number;
  accessExpiresAt: number;
  refreshExpiresAt: number;
  /** Logged out, or its refresh token was used (refresh rotates the pair). */
  refreshUsed: boolean;
  loggedOut: boolean;
}

export type AccessCheck =
  | { readonly ok: true; readonly grant: TokenGrant }
  | { readonly ok: false; readonly reason: 'unknown' | 'expired' };

function opaqueToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Opaque bearer tokens with refresh rotation, logout and forced expiry. */
export class TokenStore {
  private readonly byAccess = new Map<string, TokenGrant>();
  private readonly byRefresh = new Map<string, TokenGrant>();

  constructor(public lifetimes: TokenLifetimes) {}

  issue(
    user: { username: string; role: Role },
    now: number,
    shortTermRefresh: boolean,
  ): TokenGrant {
    const accessExpiresAt = now + this.lifetimes.accessSeconds * 1000;
    const grant: TokenGrant = {
      accessToken: opaqueToken(),
      refreshToken: opaqueToken(),
      username: user.username,
      role: user.role,
      issuedAt: now,
      accessExpiresAt,
      refreshExpiresAt: shortTermRefresh
        ? accessExpiresAt
        : now + this.lifetimes.refreshSeconds * 1000,
      refreshUsed: false,
      loggedOut: false,
    };
    this.byAccess.set(grant.accessToken, grant);
    this.byRefresh.set(grant.refreshToken, grant);
    return grant;
  }

  checkAccess(token: string, now: number): AccessCheck {
    const grant = this.byAccess.get(token);
    if (grant === undefined || grant.loggedOut) return { ok: false, reason: 'unknown' };
    if (now >= grant.accessExpiresAt) return { ok: false, reason: 'expired' };
    return { ok: true, grant };
  }

  /** The grant a refresh token may renew, or undefined (unknown, used, logged out or expired). */
  takeRefresh(token: string, now: number): TokenGrant | undefined {
    const grant = this.byRefresh.get(token);
    if (
      grant === undefined ||
      grant.refreshUsed ||
      grant.loggedOut ||
      now >= grant.refreshExpiresAt
    ) {
      return undefined;
    }
    grant.refreshUsed = true;
    return grant;
  }

  logout(grant: TokenGrant): void {
    grant.loggedOut = true;
  }

  /** Every access token issued so far expires now; refresh tokens stay usable. */
  expireAccessTokens(now: number): number {
    let count = 0;
    for (const grant of this.byAccess.values()) {
      if (grant.accessExpiresAt > now) {
        grant.accessExpiresAt = now;
        count++;
      }
    }
    return count;
  }

  /** Every refresh token stops working, so clients must log in with the password again. */
  revokeRefreshTokens(now: number): number {
    let count = 0;
    for (const grant of this.byRefresh.values()) {
      if (grant.refreshExpiresAt > now && !grant.refreshUsed) {
        grant.refreshExpiresAt = now;
        count++;
      }
    }
    return count;
  }

  /** Grants whose access token still works (for inspection). */
  liveCount(now: number): number {
    let count = 0;
    for (const grant of this.byAccess.values())
      if (!grant.loggedOut && grant.accessExpiresAt > now) count++;
    return count;
  }
}

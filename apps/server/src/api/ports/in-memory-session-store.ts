import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { API_CLOCK, API_SETTINGS } from './api-tokens';
import { type ApiSettings } from './api-settings';
import { type LoginResult } from './api-user-store';
import { type ApiSession, type SessionStore } from './session-store';

interface StoredSession {
  readonly session: ApiSession;
  lastAccessed: number;
}

/**
 * Sessions in process memory, as a servlet container keeps them: lost on restart, expired after
 * `sessionTimeoutSeconds` of inactivity. Expired sessions are dropped lazily (no timers).
 */
@Injectable()
export class InMemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, StoredSession>();

  constructor(
    @Inject(API_CLOCK) private readonly clock: Clock,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  create(login: LoginResult): Promise<ApiSession> {
    this.dropExpired();
    const session: ApiSession = {
      id: randomBytes(18).toString('base64url'),
      sessionKey: randomBytes(20).toString('base64url'),
      caller: login.caller,
      login,
    };
    this.sessions.set(session.id, { session, lastAccessed: this.clock.now().getTime() });
    return Promise.resolve(session);
  }

  get(id: string): Promise<ApiSession | undefined> {
    const stored = this.sessions.get(id);
    if (stored === undefined) {
      return Promise.resolve(undefined);
    }
    const now = this.clock.now().getTime();
    if (this.isExpired(stored, now)) {
      this.sessions.delete(id);
      return Promise.resolve(undefined);
    }
    stored.lastAccessed = now;
    return Promise.resolve(stored.session);
  }

  destroy(id: string): Promise<void> {
    this.sessions.delete(id);
    return Promise.resolve();
  }

  private dropExpired(): void {
    const now = this.clock.now().getTime();
    for (const [id, stored] of this.sessions) {
      if (this.isExpired(stored, now)) {
        this.sessions.delete(id);
      }
    }
  }

  private isExpired(stored: StoredSession, now: number): boolean {
    return now - stored.lastAccessed >= this.settings.sessionTimeoutSeconds * 1000;
  }
}

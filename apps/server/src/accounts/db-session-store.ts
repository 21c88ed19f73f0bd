import { createHash, randomBytes } from 'node:crypto';

import { Inject, Injectable } from '@nestjs/common';
import { type Clock } from '@csbr/framework/host';
import { DataSource, LessThan } from 'typeorm';

import { type ApiSettings } from '../api/ports/api-settings';
import { API_CLOCK, API_SETTINGS } from '../api/ports/api-tokens';
import { type LoginResult } from '../api/ports/api-user-store';
import { type ApiSession, type SessionStore } from '../api/ports/session-store';
import { SecretCipher } from '../configuration/secret-cipher';
import { ApiSessionEntity } from '../database/entities';
import { runInTransaction } from '../persistence/run-in-transaction';
import { DbApiUserStore } from './db-api-user-store';

/** Last-access times are written at most this often per session: a request does not cost a write. */
const TOUCH_INTERVAL_MS = 60_000;
/** Expired sessions are purged at most this often, by whichever request creates a session. */
const PURGE_INTERVAL_MS = 10 * 60_000;

/** What the table keeps of the login, to answer with the same caller fields. */
type StoredLogin = Omit<LoginResult, 'caller'>;

/**
 * Login sessions in `api_session`, shared by every server instance, so a load balancer may send
 * any request anywhere. Only the SHA-256 hash of the session id is stored and the session key is
 * encrypted: a copy of the table opens no session. The caller is read again from its user on each
 * request, so a removed user loses the session at once. Sessions expire after the API's inactivity
 * timeout (the last access is refreshed at most once a minute).
 */
@Injectable()
export class DbSessionStore implements SessionStore {
  private lastPurge = 0;

  constructor(
    private readonly dataSource: DataSource,
    private readonly cipher: SecretCipher,
    private readonly users: DbApiUserStore,
    @Inject(API_CLOCK) private readonly clock: Clock,
    @Inject(API_SETTINGS) private readonly settings: ApiSettings,
  ) {}

  async create(login: LoginResult): Promise<ApiSession> {
    await this.purgeExpired();
    const id = randomBytes(18).toString('base64url');
    const sessionKey = randomBytes(20).toString('base64url');
    const now = this.clock.now();
    const { caller, ...stored } = login;
    await runInTransaction(this.dataSource, (manager) =>
      manager.insert(ApiSessionEntity, {
        sessionHash: hashOf(id),
        sessionKey: this.cipher.encrypt(sessionKey),
        userId: caller.userId,
        loginInfo: JSON.stringify(stored satisfies StoredLogin),
        created: now,
        lastAccess: now,
      }),
    );
    return { id, sessionKey, caller, login };
  }

  async get(id: string): Promise<ApiSession | undefined> {
    const row = await this.dataSource.manager.findOneBy(ApiSessionEntity, { sessionHash: hashOf(id) });
    if (row === null) return undefined;
    const now = this.clock.now();
    if (now.getTime() - row.lastAccess.getTime() >= this.settings.sessionTimeoutSeconds * 1000) {
      await this.destroy(id);
      return undefined;
    }
    const caller = await this.users.findCaller(row.userId);
    if (caller === undefined) {
      await this.destroy(id);
      return undefined;
    }
    if (now.getTime() - row.lastAccess.getTime() >= TOUCH_INTERVAL_MS) {
      await runInTransaction(this.dataSource, (manager) =>
        manager.update(ApiSessionEntity, { id: row.id }, { lastAccess: now }),
      );
    }
    const stored = JSON.parse(row.loginInfo ?? '{}') as StoredLogin;
    return { id, sessionKey: this.cipher.decrypt(row.sessionKey), caller, login: { ...stored, caller } };
  }

  async destroy(id: string): Promise<void> {
    await runInTransaction(this.dataSource, (manager) =>
      manager.delete(ApiSessionEntity, { sessionHash: hashOf(id) }),
    );
  }

  private async purgeExpired(): Promise<void> {
    const now = this.clock.now().getTime();
    if (now - this.lastPurge < PURGE_INTERVAL_MS) return;
    this.lastPurge = now;
    const before = new Date(now - this.settings.sessionTimeoutSeconds * 1000);
    await runInTransaction(this.dataSource, (manager) =>
      manager.delete(ApiSessionEntity, { lastAccess: LessThan(before) }),
    );
  }
}

function hashOf(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

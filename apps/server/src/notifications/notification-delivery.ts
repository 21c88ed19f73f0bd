import { createHmac } from 'node:crypto';

import { type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { type ProviderLogger } from '@csbr/framework';
import { type DataSource, type EntityManager } from 'typeorm';

import { type OperationsSettings } from '../config/server-config';
import { type ConfigurationService } from '../configuration/configuration.service';
import { NOTIFICATION_WEBHOOK_SECRET } from '../operations/operations-config-keys';
import { runInTransaction } from '../persistence/run-in-transaction';
import { utcDatetime } from './notification-outbox';

/** Rows one instance leases per round. */
const BATCH = 20;
/** How long a lease keeps other instances off a row: longer than one delivery can take. */
const LEASE_MS = 60_000;
/** One POST may take this long. */
const REQUEST_TIMEOUT_MS = 10_000;
/** Retries wait at most this long. */
const MAX_BACKOFF_MS = 3_600_000;

interface OutboxRow {
  readonly id: string;
  readonly event: string;
  readonly zone_uuid: string | null;
  readonly url: string;
  readonly payload: string;
  readonly attempts: number | string;
}

/**
 * Delivers the outbox: every `CSBR_NOTIFICATION_POLL_SECONDS` it leases due rows (`SELECT … FOR
 * UPDATE SKIP LOCKED` on MySQL, so instances never take the same row; the embedded database has one
 * connection), POSTs each body, signed with the zone's (else global) secret, and records the
 * result. A failure waits `CSBR_NOTIFICATION_RETRY_SECONDS` doubled per attempt (at most an hour)
 * and is given up after `CSBR_NOTIFICATION_MAX_ATTEMPTS`. Nothing is held while a POST runs.
 */
export class NotificationDelivery implements OnApplicationBootstrap, OnModuleDestroy {
  #timer: NodeJS.Timeout | undefined;
  #round: Promise<void> | undefined;
  #stopped = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly configuration: ConfigurationService,
    private readonly settings: OperationsSettings,
    private readonly owner: string,
    private readonly logger: ProviderLogger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  onApplicationBootstrap(): void {
    this.#timer = setInterval(() => void this.deliverDue(), this.settings.notificationPollMs);
    this.#timer.unref();
    void this.deliverDue();
  }

  async onModuleDestroy(): Promise<void> {
    this.#stopped = true;
    if (this.#timer !== undefined) clearInterval(this.#timer);
    await this.#round;
  }

  /** Delivers what is due now (joins a round in progress). */
  deliverDue(): Promise<void> {
    if (this.#stopped) return Promise.resolve();
    this.#round ??= this.#deliverRound()
      .catch((error: unknown) => {
        this.logger.warn('Could not deliver notifications', { error: error instanceof Error ? error.message : String(error) });
      })
      .finally(() => {
        this.#round = undefined;
      });
    return this.#round;
  }

  async #deliverRound(): Promise<void> {
    for (const row of await this.#lease()) {
      if (this.#stopped) return;
      await this.#deliver(row);
    }
  }

  async #lease(): Promise<OutboxRow[]> {
    const now = utcDatetime(this.now());
    const skipLocked = this.dataSource.options.type === 'sqljs' ? '' : ' FOR UPDATE SKIP LOCKED';
    return runInTransaction(this.dataSource, async (manager: EntityManager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, event, zone_uuid, url, payload, attempts FROM csbr_notification_outbox
          WHERE delivered IS NULL AND gave_up IS NULL AND next_attempt <= ?
            AND (lease_until IS NULL OR lease_until < ?)
          ORDER BY created, id LIMIT ${BATCH}${skipLocked}`,
        [now, now],
      );
      if (rows.length === 0) return [];
      const leaseUntil = utcDatetime(new Date(this.now().getTime() + LEASE_MS));
      await manager.query(
        `UPDATE csbr_notification_outbox SET lease_owner = ?, lease_until = ? WHERE id IN (${rows.map(() => '?').join(', ')})`,
        [this.owner, leaseUntil, ...rows.map((row) => row.id)],
      );
      return rows;
    });
  }

  async #deliver(row: OutboxRow): Promise<void> {
    const attempt = Number(row.attempts) + 1;
    let failure: string | undefined;
    try {
      const headers: Record<string, string> = {
        'content-type': 'application/json',
        'user-agent': 'csbr-webhook',
        'x-csbr-event': row.event,
        'x-csbr-delivery': row.id,
      };
      const secret = await this.#secretFor(row.zone_uuid);
      if (secret !== undefined && secret !== '') {
        headers['x-csbr-signature'] = `sha256=${createHmac('sha256', secret).update(row.payload).digest('hex')}`;
      }
      const response = await fetch(row.url, {
        method: 'POST',
        headers,
        body: row.payload,
        redirect: 'manual',
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
      await response.body?.cancel().catch(() => undefined);
      if (response.status < 200 || response.status > 299) failure = `HTTP ${response.status}`;
    } catch (error) {
      // The class of failure only: a URL's credentials or a secret never reach the row or the log.
      failure = error instanceof Error ? error.name : 'Error';
    }
    await this.#record(row, attempt, failure);
  }

  async #record(row: OutboxRow, attempt: number, failure: string | undefined): Promise<void> {
    const now = this.now();
    if (failure === undefined) {
      await this.dataSource.query(
        `UPDATE csbr_notification_outbox SET attempts = ?, delivered = ?, lease_owner = NULL, lease_until = NULL, last_error = NULL WHERE id = ?`,
        [attempt, utcDatetime(now), row.id],
      );
      return;
    }
    const giveUp = attempt >= this.settings.notificationMaxAttempts;
    const wait = Math.min(MAX_BACKOFF_MS, this.settings.notificationRetryBaseMs * 2 ** (attempt - 1));
    await this.dataSource.query(
      `UPDATE csbr_notification_outbox
          SET attempts = ?, next_attempt = ?, gave_up = ?, lease_owner = NULL, lease_until = NULL, last_error = ?
        WHERE id = ?`,
      [attempt, utcDatetime(new Date(now.getTime() + wait)), giveUp ? utcDatetime(now) : null, failure, row.id],
    );
    this.logger.warn(giveUp ? 'Webhook notification given up' : 'Webhook notification will be retried', {
      delivery: row.id,
      event: row.event,
      attempt,
      error: failure,
    });
  }

  async #secretFor(zoneUuid: string | null): Promise<string | undefined> {
    if (zoneUuid === null) return this.configuration.getValue(NOTIFICATION_WEBHOOK_SECRET);
    const zones: { id: string | number }[] = await this.dataSource.query('SELECT id FROM data_center WHERE uuid = ?', [zoneUuid]);
    const zoneId = zones[0]?.id;
    return this.configuration.getValue(NOTIFICATION_WEBHOOK_SECRET, zoneId === undefined ? undefined : String(zoneId));
  }
}

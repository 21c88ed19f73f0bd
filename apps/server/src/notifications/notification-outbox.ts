import { randomUUID } from 'node:crypto';

import { Logger } from '@nestjs/common';
import { type EntityManager } from 'typeorm';

import { type AsyncJobOutcome, type RecordedJob } from '../api/ports/async-job-service';
import { type JobOutcomeListener, type OutcomeWrite } from '../jobs/job-outcome-listener';
import { NOTIFICATION_WEBHOOK_URL } from '../operations/operations-config-keys';
import { NOTIFIED_COMMANDS, type NotificationEvent, type NotificationKind } from './notification-event';

/** `YYYY-MM-DD HH:MM:SS` UTC: what both MySQL and sql.js compare correctly as a datetime. */
export function utcDatetime(date: Date): string {
  return date.toISOString().slice(0, 19).replace('T', ' ');
}

/** What the outbox needs to know about the VM an outcome is about. */
interface VmFacts {
  readonly vm_uuid: string;
  readonly vm_name: string;
  readonly zone_id: string | number;
  readonly zone_uuid: string;
  readonly zone_name: string | null;
  readonly account_uuid: string;
  readonly account_name: string;
  /** The zone's webhook URL row, and the global one: read with the VM, in the same statement. */
  readonly zone_webhook_url: string | null;
  readonly global_webhook_url: string | null;
}

/**
 * Writes notifications into `csbr_notification_outbox`, always inside the caller's transaction: the
 * job's outcome and its notification commit together or not at all, and delivery (by
 * {@link NotificationDelivery}, on any instance) never holds up the job. A zone without a webhook
 * URL (zone value, else global) gets no row.
 */
export class NotificationOutbox implements JobOutcomeListener {
  private readonly logger = new Logger('Notifications');

  constructor(private readonly now: () => Date = () => new Date()) {}

  /**
   * Reads, before the outcome's transaction, whether the job's zone has a webhook and what the
   * notification says; answers its insert into the outbox, written in that transaction.
   */
  async outcomeWrite(reader: EntityManager, job: RecordedJob, outcome: AsyncJobOutcome): Promise<OutcomeWrite | undefined> {
    const kind = NOTIFIED_COMMANDS[job.command];
    if (kind === undefined) return undefined;
    // A notification must never keep a job's outcome from being recorded.
    const failedToQueue = (error: unknown) =>
      this.logger.error(`Could not queue the notification of job ${job.jobId}: ${error instanceof Error ? error.message : String(error)}`);
    try {
      const row = await this.outcomeRow(reader, kind, job, outcome);
      if (row === undefined) return undefined;
      return async (manager) => {
        try {
          await insertRow(manager, row);
        } catch (error) {
          // MySQL keeps the transaction usable after a failed statement.
          failedToQueue(error);
        }
      };
    } catch (error) {
      failedToQueue(error);
      return undefined;
    }
  }

  /** The outbox row of a job's outcome, when its zone has a webhook URL. */
  private async outcomeRow(
    reader: EntityManager,
    kind: NotificationKind,
    job: RecordedJob,
    outcome: AsyncJobOutcome,
  ): Promise<OutboxRow | undefined> {
    const facts = await this.vmFacts(reader, job);
    if (facts === undefined) return undefined;
    const url = (facts.zone_webhook_url ?? facts.global_webhook_url ?? '').trim();
    if (url === '') return undefined;
    const failed = outcome.status === 'failed';
    const result = outcome.result as { errorcode?: unknown; errortext?: unknown; backup?: { id?: unknown } };
    // A restore's `id` is its backup; a scheduled run's `id` is its schedule, not a backup.
    const backupId = typeof result.backup?.id === 'string' ? result.backup.id : kind === 'restore' ? job.params.id : undefined;
    return this.row(reader, kind, failed, Number(facts.zone_id), url, {
      command: job.command,
      jobId: job.jobId,
      vm: { id: facts.vm_uuid, name: facts.vm_name },
      account: { id: facts.account_uuid, name: facts.account_name },
      zone: { id: facts.zone_uuid, name: facts.zone_name ?? '' },
      ...(backupId === undefined ? {} : { backup: { id: backupId } }),
      ...(failed ? { error: { code: Number(result.errorcode ?? outcome.resultCode), text: typeof result.errortext === 'string' ? result.errortext : '' } } : {}),
    });
  }

  /**
   * Queues one notification in `manager`'s transaction, when the zone has a webhook URL. The
   * backup scheduler calls this for `scheduledrun` events with its run's VM, account and zone.
   */
  async enqueue(
    manager: EntityManager,
    kind: NotificationKind,
    failed: boolean,
    zoneId: number,
    body: Omit<NotificationEvent, 'id' | 'event' | 'occurredAt' | 'provider'>,
  ): Promise<void> {
    const url = await configValue(manager, NOTIFICATION_WEBHOOK_URL, zoneId);
    if (url === undefined || url === '') return;
    await insertRow(manager, await this.row(manager, kind, failed, zoneId, url, body));
  }

  /** One notification to `url` (the zone's webhook), with the zone's provider read by `reader`. */
  private async row(
    reader: EntityManager,
    kind: NotificationKind,
    failed: boolean,
    zoneId: number,
    url: string,
    body: Omit<NotificationEvent, 'id' | 'event' | 'occurredAt' | 'provider'>,
  ): Promise<OutboxRow> {
    const provider = await configValue(reader, 'backup.framework.provider.plugin', zoneId);
    const now = this.now();
    const event: NotificationEvent = {
      id: randomUUID(),
      event: `${kind}.${failed ? 'failed' : 'succeeded'}`,
      occurredAt: now.toISOString(),
      ...body,
      ...(provider === undefined || provider === '' ? {} : { provider }),
    };
    return { event, zoneUuid: body.zone?.id ?? null, url, at: utcDatetime(now) };
  }

  /** The VM the job was about: its `virtualmachineid`, else the VM of its backup `id`. */
  private async vmFacts(manager: EntityManager, job: RecordedJob): Promise<VmFacts | undefined> {
    // The webhook URL comes with the VM: most zones have none, and then nothing else is read.
    const select = `SELECT vm.uuid AS vm_uuid, vm.name AS vm_name, vm.data_center_id AS zone_id, dc.uuid AS zone_uuid,
                           dc.name AS zone_name, a.uuid AS account_uuid, a.account_name AS account_name,
                           (SELECT d.value FROM data_center_details d WHERE d.dc_id = vm.data_center_id AND d.name = ?) AS zone_webhook_url,
                           (SELECT c.value FROM configuration c WHERE c.name = ?) AS global_webhook_url
                      FROM vm_instance vm
                      JOIN data_center dc ON dc.id = vm.data_center_id
                      JOIN account a ON a.id = vm.account_id`;
    const urlKeys = [NOTIFICATION_WEBHOOK_URL, NOTIFICATION_WEBHOOK_URL];
    const vmUuid = job.params.virtualmachineid;
    if (vmUuid !== undefined) {
      const rows: VmFacts[] = await manager.query(`${select} WHERE vm.uuid = ?`, [...urlKeys, vmUuid]);
      if (rows[0] !== undefined) return rows[0];
    }
    const backupUuid = job.params.id;
    if (backupUuid === undefined) return undefined;
    const rows: VmFacts[] = await manager.query(`${select} JOIN backups b ON b.vm_id = vm.id WHERE b.uuid = ?`, [...urlKeys, backupUuid]);
    return rows[0];
  }
}

/** A notification as the outbox stores it. */
interface OutboxRow {
  readonly event: NotificationEvent;
  readonly zoneUuid: string | null;
  readonly url: string;
  /** When it was queued (`utcDatetime`), and so when it is first due. */
  readonly at: string;
}

/** Queues one notification in `manager`'s transaction. */
async function insertRow(manager: EntityManager, row: OutboxRow): Promise<void> {
  await manager.query(
    `INSERT INTO csbr_notification_outbox (id, event, zone_uuid, url, payload, attempts, next_attempt, created)
     VALUES (?, ?, ?, ?, ?, 0, ?, ?)`,
    [row.event.id, row.event.event, row.zoneUuid, row.url, JSON.stringify(row.event), row.at, row.at],
  );
}

/**
 * A non-secure key's value for a zone, read with the transaction's own connection (the embedded
 * database has only one): the zone's `data_center_details` row, else the global row's value.
 */
async function configValue(manager: EntityManager, name: string, zoneId: number): Promise<string | undefined> {
  // One round trip for both rows: this runs in every job's outcome transaction.
  const rows: { zone_value: string | null; global_value: string | null }[] = await manager.query(
    'SELECT (SELECT value FROM data_center_details WHERE dc_id = ? AND name = ?) AS zone_value, ' +
      '(SELECT value FROM configuration WHERE name = ?) AS global_value',
    [zoneId, name, name],
  );
  const found = rows[0];
  return (found?.zone_value ?? found?.global_value ?? undefined)?.trim();
}

import { setTimeout as sleep } from 'node:timers/promises';

import { BackupError, type ProviderLogger } from '@csbr/framework';

import { type VeeamApi } from '../client/veeam-api';
import { readSession, type VeeamSession } from '../client/veeam-models';
import { abortedError, veeamText } from '../http/veeam-errors';

/** Give up this long before the host's deadline, so our TIMEOUT (naming what we waited for) wins. */
const DEADLINE_MARGIN_MS = 1_000;

export interface FollowOptions {
  /** What the session does, for messages: "the backup of VM i-2-5-VM". */
  readonly what: string;
  /** A limit of the provider's own (restores: `backup.plugin.veeam.restore.timeout`), with its key. */
  readonly limit?: { readonly ms: number; readonly key: string };
  /** Stop the Veeam session when giving up (backups and restores; not deletions). */
  readonly stopOnGiveUp: boolean;
  readonly logger: ProviderLogger;
  readonly now: () => Date;
}

/**
 * Polls a Veeam session (`GET /sessions/{id}`) every `task.poll.interval` until it is `Stopped`,
 * reporting its progress. `Success` and `Warning` (logged) end it well; `Failed` becomes an error
 * carrying Veeam's message. It gives up at the host's deadline or the provider's own limit with a
 * `TIMEOUT`, and at an abort with the host's reason, stopping the Veeam session when asked to.
 * Each poll goes through the connection, which refreshes the token when it is about to expire.
 */
export async function followSession(api: VeeamApi, started: VeeamSession, options: FollowOptions): Promise<VeeamSession> {
  const startedAt = options.now().getTime();
  const { deadline, progress, signal } = api.options;
  let session = started;
  for (;;) {
    progress?.report(session.progressPercent, `Veeam session ${session.state}`);
    if (session.state === 'Stopped') return finished(session, options);
    const now = options.now().getTime();
    const stops = [
      ...(deadline === undefined ? [] : [{ at: deadline.getTime() - DEADLINE_MARGIN_MS, why: 'deadline' as const }]),
      ...(options.limit === undefined ? [] : [{ at: startedAt + options.limit.ms, why: 'limit' as const }]),
    ];
    const firstStop = stops.sort((a, b) => a.at - b.at)[0];
    if (firstStop !== undefined && firstStop.at <= now) {
      await giveUp(api, session, options);
      throw timedOut(options, firstStop.why, Math.round((now - startedAt) / 1000));
    }
    const wait = Math.min(api.settings.pollIntervalMs, firstStop === undefined ? Infinity : firstStop.at - now);
    try {
      await sleep(Math.max(0, wait), undefined, signal === undefined ? undefined : { signal });
    } catch {
      // Aborted while waiting.
    }
    if (signal?.aborted === true) {
      await giveUp(api, session, options);
      throw abortedError(signal);
    }
    session = readSession(await api.get('read a session', `/api/v1/sessions/${session.id}`), 'read a session');
  }
}

function finished(session: VeeamSession, options: FollowOptions): VeeamSession {
  if (session.result === 'Success') return session;
  if (session.result === 'Warning') {
    options.logger.warn(`Veeam finished ${options.what} with a warning`, {
      session: session.id,
      message: veeamText(session.message),
    });
    return session;
  }
  const reason = session.isCanceled ? 'was cancelled in Veeam' : 'failed';
  const message = session.message === '' ? '' : `: ${veeamText(session.message)}`;
  throw new BackupError('OPERATION_FAILED', `Veeam ${reason} during ${options.what}${message}`, {
    details: { session: session.id, result: session.result },
  });
}

async function giveUp(api: VeeamApi, session: VeeamSession, options: FollowOptions): Promise<void> {
  if (!options.stopOnGiveUp) return;
  try {
    // Without the call's signal: it may be the abort that brought us here.
    await api.withoutSignal().post('stop a session', `/api/v1/sessions/${session.id}/stop`);
  } catch (error) {
    options.logger.warn('Could not stop the Veeam session after giving up on it', {
      session: session.id,
      error: error instanceof Error ? error.message : String(error),
    });
  }
}

function timedOut(options: FollowOptions, why: 'deadline' | 'limit', seconds: number): BackupError {
  const text =
    why === 'limit' && options.limit !== undefined
      ? `Veeam did not finish ${options.what} within ${Math.round(options.limit.ms / 1000)} seconds (${options.limit.key})`
      : `Veeam had not finished ${options.what} after ${seconds} seconds, when the operation's time ran out`;
  return new BackupError('TIMEOUT', text, { retryable: true });
}

import { type ProviderCallOptions } from '../../contract/call-options';
import { isAcceptedConfigValue } from '../../contract/config-key';
import { type Zone } from '../../domain/types';
import { BackupError, isBackupError } from '../../errors/backup-error';
import {
  DEFAULT_PROVIDER_TIMEOUT_SECONDS,
  FRAMEWORK_CONFIG_KEYS,
  type ProviderOperation,
  providerTimeoutKey,
} from '../framework-config-keys';
import { type Clock, type ConfigurationStore } from '../ports';
import { type RegisteredProvider } from '../provider-types';
import { Messages } from './messages';
import { type BackupManagerObserver, notifyObserver } from './observer';
import { type OperationOptions } from './operation-options';

/** When a provider call must end, from the zone's `backup.framework.timeout.<operation>`. */
export interface CallBudget {
  readonly operation: ProviderOperation;
  /** The zone's uuid (for the observer). */
  readonly zone: string;
  readonly seconds: number;
  readonly deadline: Date;
}

/**
 * Every provider call goes through here: it gets an abort signal, a deadline and the caller's
 * progress reporter (contract 1.1), and it ends at the deadline even when the provider ignores the
 * signal, with a `TIMEOUT` error that names the setting. No transaction is open while it runs.
 */
export class ProviderCalls {
  constructor(
    private readonly config: ConfigurationStore,
    private readonly clock: Clock,
    private readonly observer: BackupManagerObserver = {},
  ) {}

  /** The budget of `operation` in the zone; a stored value outside the key's range reads as its default. */
  async budget(operation: ProviderOperation, zone: Zone): Promise<CallBudget> {
    const key = providerTimeoutKey(operation);
    const stored = (await this.config.getValue(key, zone.id))?.trim();
    const declaration = FRAMEWORK_CONFIG_KEYS.find((candidate) => candidate.name === key);
    const seconds =
      stored !== undefined && declaration !== undefined && isAcceptedConfigValue(declaration, stored)
        ? Number(stored)
        : DEFAULT_PROVIDER_TIMEOUT_SECONDS[operation];
    return { operation, zone: zone.uuid, seconds, deadline: new Date(this.clock.now().getTime() + seconds * 1000) };
  }

  /** Runs `call` within `budget`, cancelled by `options.signal` too, and tells the observer how it ended. */
  async run<T>(
    provider: RegisteredProvider,
    budget: CallBudget,
    options: OperationOptions,
    call: (callOptions: ProviderCallOptions) => Promise<T>,
  ): Promise<T> {
    const started = this.clock.now().getTime();
    let result = 'success';
    try {
      return await this.runBounded(provider, budget, options, call);
    } catch (error) {
      result = isBackupError(error) ? error.code : 'OPERATION_FAILED';
      throw error;
    } finally {
      const durationMs = Math.max(0, this.clock.now().getTime() - started);
      const onProviderCall = this.observer.onProviderCall?.bind(this.observer);
      if (onProviderCall !== undefined) {
        notifyObserver(() =>
          onProviderCall({ provider: provider.name, operation: budget.operation, zone: budget.zone, result, durationMs }),
        );
      }
    }
  }

  private async runBounded<T>(
    provider: RegisteredProvider,
    budget: CallBudget,
    options: OperationOptions,
    call: (callOptions: ProviderCallOptions) => Promise<T>,
  ): Promise<T> {
    const controller = new AbortController();
    const cancel = (): void => controller.abort(cancelledError(options.signal?.reason));
    if (options.signal?.aborted === true) cancel();
    options.signal?.addEventListener('abort', cancel, { once: true });

    const timeout = new BackupError(
      'TIMEOUT',
      Messages.providerTimedOut(provider.name, budget.operation, budget.seconds),
      { retryable: true, details: { provider: provider.name, operation: budget.operation } },
    );
    const waitMs = Math.max(0, budget.deadline.getTime() - this.clock.now().getTime());
    let timer: ReturnType<typeof setTimeout> | undefined;
    const ended = new Promise<never>((_resolve, reject) => {
      const stop = (): void => reject(asBackupError(controller.signal.reason));
      if (controller.signal.aborted) stop();
      controller.signal.addEventListener('abort', stop, { once: true });
      // Durations are at most a week (the keys' range), far below setTimeout's 2^31 ms limit.
      timer = setTimeout(() => controller.abort(timeout), waitMs);
    });
    try {
      const pending = Promise.resolve().then(() =>
        call({
          signal: controller.signal,
          deadline: budget.deadline,
          ...(options.progress === undefined ? {} : { progress: options.progress }),
        }),
      );
      // A provider that ignores the signal may still settle later; nobody listens any more.
      pending.catch(() => undefined);
      return await Promise.race([pending, ended]);
    } catch (error) {
      // A provider that gave up because we aborted reports the abort, whatever it threw.
      if (controller.signal.aborted) throw asBackupError(controller.signal.reason);
      throw error;
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      options.signal?.removeEventListener('abort', cancel);
      ended.catch(() => undefined);
    }
  }
}

function cancelledError(reason: unknown): BackupError {
  if (isBackupError(reason)) return reason;
  return new BackupError('OPERATION_FAILED', Messages.operationCancelled, { cause: reason });
}

function asBackupError(reason: unknown): BackupError {
  return isBackupError(reason) ? reason : cancelledError(reason);
}

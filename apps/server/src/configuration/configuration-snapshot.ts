import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Configuration values read once per unit of work (one sync pass): each (key, zone) is read from
 * the database the first time it is asked for within the work, and answered from memory after
 * that. A change made meanwhile applies from the next unit of work, as it would had the work
 * started a moment later.
 *
 * The work's async context carries the snapshot, so every reader inside it shares it, the
 * framework's and the providers' alike, without passing it along. It closes when the work ends:
 * a timer or connection a provider created during the work, which keeps that context, reads live
 * values again afterwards rather than a stale snapshot forever.
 */
export class ConfigurationSnapshots {
  readonly #current = new AsyncLocalStorage<Snapshot>();

  /** Runs `work` with one snapshot; nested calls share the outer one. */
  async within<T>(work: () => Promise<T>): Promise<T> {
    if (this.#current.getStore()?.open === true) return work();
    const snapshot = new Snapshot();
    try {
      return await this.#current.run(snapshot, work);
    } finally {
      snapshot.close();
    }
  }

  /** The value from the current snapshot, reading it with `read` the first time; live outside one. */
  read(name: string, zoneId: string | undefined, read: () => Promise<string | undefined>): Promise<string | undefined> {
    const snapshot = this.#current.getStore();
    return snapshot?.open === true ? snapshot.read(`${zoneId ?? ''}\u0000${name}`, read) : read();
  }

  /** Forgets what the current snapshot read, if any: a write within the work is seen by later reads. */
  forgetCurrent(): void {
    this.#current.getStore()?.forget();
  }
}

class Snapshot {
  readonly #values = new Map<string, Promise<string | undefined>>();
  #open = true;

  get open(): boolean {
    return this.#open;
  }

  read(key: string, read: () => Promise<string | undefined>): Promise<string | undefined> {
    const known = this.#values.get(key);
    if (known !== undefined) return known;
    const value = read();
    this.#values.set(key, value);
    // A failed read is not remembered: the next reader tries the database again.
    value.catch(() => this.#values.delete(key));
    return value;
  }

  forget(): void {
    this.#values.clear();
  }

  close(): void {
    this.#open = false;
    this.#values.clear();
  }
}

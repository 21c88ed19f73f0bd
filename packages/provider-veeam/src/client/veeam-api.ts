import { type ProviderCallOptions } from '@csbr/framework';

import { type ZoneSettings } from '../config/zone-settings';
import { type ApiRequest, type VeeamConnection } from './veeam-connection';
import { readPage } from './veeam-models';
import { type VeeamProfile } from './veeam-profile';

type Query = Readonly<Record<string, string | number | boolean | undefined>>;

/**
 * One provider call's view of the zone's Veeam server: the pinned profile, the zone's settings and
 * the call's abort signal on every request.
 */
export class VeeamApi {
  constructor(
    private readonly connection: VeeamConnection,
    readonly profile: VeeamProfile,
    readonly options: ProviderCallOptions,
  ) {}

  get settings(): ZoneSettings {
    return this.connection.settings;
  }

  get signal(): AbortSignal | undefined {
    return this.options.signal;
  }

  /** The same API without the call's signal, for clean-up after an abort; bounded by the request timeout. */
  withoutSignal(): VeeamApi {
    const { signal: _signal, ...rest } = this.options;
    return new VeeamApi(this.connection, this.profile, rest);
  }

  async get(operation: string, path: string, query?: Query): Promise<unknown> {
    return (await this.send({ method: 'GET', path, operation, ...(query === undefined ? {} : { query }) })).body;
  }

  async post(operation: string, path: string, body?: unknown, query?: Query): Promise<unknown> {
    return (
      await this.send({
        method: 'POST',
        path,
        operation,
        ...(body === undefined ? {} : { body }),
        ...(query === undefined ? {} : { query }),
      })
    ).body;
  }

  async put(operation: string, path: string, body: unknown): Promise<unknown> {
    return (await this.send({ method: 'PUT', path, operation, body })).body;
  }

  async delete(operation: string, path: string, query?: Query): Promise<unknown> {
    return (await this.send({ method: 'DELETE', path, operation, ...(query === undefined ? {} : { query }) })).body;
  }

  /**
   * Every page of a list, `limit` always sent (Veeam caps unpaged lists at 200, §3.1), until
   * `skip + count` reaches `total` or a page comes back short.
   */
  async *pages(operation: string, path: string, query: Query = {}): AsyncGenerator<readonly Record<string, unknown>[]> {
    const limit = this.settings.pageSize;
    for (let skip = 0; ; ) {
      const page = readPage(await this.get(operation, path, { ...query, skip, limit }), operation);
      if (page.data.length > 0) yield page.data;
      skip += page.data.length;
      if (page.data.length === 0 || skip >= page.total) return;
    }
  }

  async listAll(operation: string, path: string, query: Query = {}): Promise<Record<string, unknown>[]> {
    const all: Record<string, unknown>[] = [];
    for await (const page of this.pages(operation, path, query)) all.push(...page);
    return all;
  }

  private send(call: ApiRequest) {
    return this.connection.request({ ...call, ...(this.signal === undefined ? {} : { signal: this.signal }) });
  }
}

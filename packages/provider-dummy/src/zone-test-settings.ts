import { type ProviderConfig, type ProviderLogger, type Zone } from '@csbr/framework';

import { DUMMY_FAIL_OPERATIONS_KEY, DUMMY_LATENCY_MS_KEY } from './dummy-config-keys';
import { type DummyOperation, isDummyOperation } from './dummy-operations';

/** What the dummy's configuration keys ask of one call in one zone. */
export interface ZoneTestSettings {
  readonly latencyMs: number;
  readonly failingOperations: ReadonlySet<DummyOperation>;
}

/**
 * Reads the dummy's failure and latency keys for a zone on every call, so `updateConfiguration`
 * applies at once. The operation list is parsed only when its text changes.
 */
export class ZoneTestSettingsReader {
  private lastOperationsText = '';
  private lastOperations: ReadonlySet<DummyOperation> = new Set();

  constructor(private readonly config: ProviderConfig, private readonly logger: ProviderLogger) {}

  async read(zone: Zone): Promise<ZoneTestSettings> {
    const [operationsText, latencyMs] = await Promise.all([
      this.config.get(DUMMY_FAIL_OPERATIONS_KEY, zone),
      this.config.getNumber(DUMMY_LATENCY_MS_KEY, zone),
    ]);
    return {
      // A negative or unparsable value means no latency rather than a broken provider.
      latencyMs: Number.isFinite(latencyMs) && latencyMs > 0 ? latencyMs : 0,
      failingOperations: this.parseOperations(operationsText, zone),
    };
  }

  private parseOperations(text: string, zone: Zone): ReadonlySet<DummyOperation> {
    if (text === this.lastOperationsText) return this.lastOperations;
    const names = text
      .split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const unknown = names.filter((name) => !isDummyOperation(name));
    if (unknown.length > 0) {
      // Logged once per new value: the operator most likely misspelt an operation.
      this.logger.warn(`${DUMMY_FAIL_OPERATIONS_KEY} names unknown operations; they are ignored`, {
        zone: zone.uuid,
        unknown,
      });
    }
    this.lastOperationsText = text;
    this.lastOperations = new Set(names.filter(isDummyOperation));
    return this.lastOperations;
  }
}

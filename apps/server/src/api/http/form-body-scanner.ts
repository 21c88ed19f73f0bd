import { decodeFormComponent } from './decode-form-component';
import { type RequestParam } from './request-params';

/** What the request limits need to know of a form body too large to keep. */
export interface FormBodySummary {
  /** Parameters (pairs with a name) in the body. */
  readonly parameters: number;
  /**
   * The first parameter whose name or value is larger than the value limit once decoded: its name,
   * or undefined when the name itself is the one too large.
   */
  readonly oversized?: { readonly name: string | undefined };
  /** The first `command` and `response` parameters, so that the refusal gets the right envelope. */
  readonly envelopeParams: readonly RequestParam[];
}

/** Parameters whose value is needed to answer in the client's format and under its command's name. */
const ENVELOPE_PARAMS = new Set(['command', 'response']);
/** Raw bytes kept of a name (to name it in the refusal); anything longer is only counted. */
const KEPT_NAME_BYTES = 1024;
/** Raw bytes kept of a value: enough for `command` and `response`. */
const KEPT_VALUE_BYTES = 256;

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PERCENT = 0x25;

/**
 * Reads a form body chunk by chunk, holding a few hundred bytes at most, and summarises what the
 * request limits need ({@link FormBodySummary}). A body larger than a request may be is drained
 * through it rather than held in memory; its parameters are split as `RequestParams` splits them
 * (`&`, then the first `=`; names may not be empty), and sizes are counted once percent-decoded.
 */
export class FormBodyScanner {
  private parameters = 0;
  private oversized: FormBodySummary['oversized'];
  private readonly envelopeParams: RequestParam[] = [];
  private readonly current = {
    name: new ComponentCounter(KEPT_NAME_BYTES),
    value: new ComponentCounter(KEPT_VALUE_BYTES),
    inValue: false,
  };

  constructor(private readonly maxValueBytes: number) {}

  write(chunk: Buffer): void {
    for (const byte of chunk) {
      if (byte === AMPERSAND) {
        this.endPair();
      } else if (byte === EQUALS && !this.current.inValue) {
        this.current.inValue = true;
      } else {
        (this.current.inValue ? this.current.value : this.current.name).add(byte);
      }
    }
  }

  end(): FormBodySummary {
    this.endPair();
    return {
      parameters: this.parameters,
      ...(this.oversized === undefined ? {} : { oversized: this.oversized }),
      envelopeParams: this.envelopeParams,
    };
  }

  private endPair(): void {
    const { name, value } = this.current;
    if (name.rawBytes > 0) {
      this.parameters += 1;
      const decodedName = name.decodedBytes > this.maxValueBytes ? undefined : name.text();
      if (this.oversized === undefined && (decodedName === undefined || value.decodedBytes > this.maxValueBytes)) {
        this.oversized = { name: decodedName };
      }
      if (decodedName !== undefined && ENVELOPE_PARAMS.has(decodedName) && value.isWhole()) {
        if (!this.envelopeParams.some(([kept]) => kept === decodedName)) {
          this.envelopeParams.push([decodedName, value.text()]);
        }
      }
    }
    name.reset();
    value.reset();
    this.current.inValue = false;
  }
}

/** One name or value as it streams by: its first bytes, and its raw and percent-decoded sizes. */
class ComponentCounter {
  rawBytes = 0;
  private escapes = 0;
  /** Hex digits seen since the last `%` (0 when not inside an escape). */
  private escapeDigits = -1;
  private readonly kept: number[] = [];

  constructor(private readonly keptBytes: number) {}

  /** Bytes once decoded: every `%XX` is one byte, every other byte one. */
  get decodedBytes(): number {
    return this.rawBytes - 2 * this.escapes;
  }

  add(byte: number): void {
    this.rawBytes += 1;
    if (this.kept.length < this.keptBytes) this.kept.push(byte);
    if (byte === PERCENT) {
      this.escapeDigits = 0;
    } else if (this.escapeDigits >= 0 && isHexDigit(byte)) {
      this.escapeDigits += 1;
      if (this.escapeDigits === 2) {
        this.escapes += 1;
        this.escapeDigits = -1;
      }
    } else {
      this.escapeDigits = -1;
    }
  }

  isWhole(): boolean {
    return this.kept.length === this.rawBytes;
  }

  /** The kept bytes decoded (the whole component when {@link isWhole}). */
  text(): string {
    return decodeFormComponent(Buffer.from(this.kept).toString('latin1'));
  }

  reset(): void {
    this.rawBytes = 0;
    this.escapes = 0;
    this.escapeDigits = -1;
    this.kept.length = 0;
  }
}

function isHexDigit(byte: number): boolean {
  return (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66);
}

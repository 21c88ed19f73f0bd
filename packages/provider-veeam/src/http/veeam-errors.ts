import { BackupError, type BackupErrorCode, isBackupError } from '@csbr/framework';

/** The longest piece of a Veeam message we repeat to users: enough to act on, never a whole body. */
const MAX_VEEAM_MESSAGE = 300;

/** Veeam's error body (`{ errorCode, message, resourceId? }`), when the answer was one. */
export interface VeeamErrorBody {
  readonly errorCode: string;
  readonly message: string;
}

export function readVeeamErrorBody(body: unknown): VeeamErrorBody | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { errorCode, message } = body as Record<string, unknown>;
  if (typeof errorCode !== 'string' || typeof message !== 'string') return undefined;
  return { errorCode, message };
}

/** Veeam's text, trimmed to one line of bounded length so it is safe to show and to log. */
export function veeamText(message: string): string {
  const line = message.replace(/\s+/g, ' ').trim();
  return line.length > MAX_VEEAM_MESSAGE ? `${line.slice(0, MAX_VEEAM_MESSAGE - 1)}…` : line;
}

/**
 * The error for a non-2xx answer: Veeam's own message when the body is Veeam's error document,
 * otherwise only the status (a proxy's HTML page or a truncated body is never repeated).
 */
export function httpError(operation: string, status: number, body: unknown): BackupError {
  const veeam = readVeeamErrorBody(body);
  const reason = veeam === undefined
    ? `HTTP ${status}`
    : `${veeamText(veeam.message)} (HTTP ${status} ${veeam.errorCode})`;
  const details = { operation, status, ...(veeam === undefined ? {} : { errorCode: veeam.errorCode }) };
  return new BackupError(codeForStatus(status), `Veeam refused to ${operation}: ${reason}`, {
    retryable: status === 429 || status >= 500,
    details,
  });
}

function codeForStatus(status: number): BackupErrorCode {
  if (status === 401) return 'UPSTREAM_AUTH_FAILED';
  if (status === 404) return 'NOT_FOUND';
  if (status === 429 || status >= 500) return 'UPSTREAM_UNAVAILABLE';
  return 'UPSTREAM_REJECTED';
}

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** The error for a request that got no HTTP answer: refused, reset, DNS, TLS. */
export function transportError(operation: string, origin: string, error: unknown): BackupError {
  if (isBackupError(error)) return error;
  const code = errorCode(error);
  if (code !== undefined && TLS_CODES.has(code)) {
    return new BackupError(
      'UPSTREAM_UNAVAILABLE',
      `Could not verify the TLS certificate of the Veeam server at ${origin} (${code}): trust it with ` +
        'backup.plugin.veeam.ca.certificate, or set backup.plugin.veeam.validate.ssl to false',
      { details: { operation, code }, cause: error },
    );
  }
  return new BackupError(
    'UPSTREAM_UNAVAILABLE',
    `Could not reach the Veeam server at ${origin} to ${operation} (${code ?? 'connection failed'})`,
    { retryable: true, details: { operation, ...(code === undefined ? {} : { code }) }, cause: error },
  );
}

/** The innermost `code` of an error chain (undici wraps socket errors in `cause`). */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  let found: string | undefined;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') found = code;
    current = (current as { cause?: unknown }).cause;
  }
  return found;
}

export function malformedAnswer(operation: string, what = 'malformed JSON'): BackupError {
  return new BackupError('UPSTREAM_REJECTED', `Veeam answered the request to ${operation} with ${what}`, {
    retryable: true,
    details: { operation },
  });
}

export function requestTimedOut(operation: string, seconds: number): BackupError {
  return new BackupError(
    'TIMEOUT',
    `Veeam did not answer the request to ${operation} within ${seconds} seconds (backup.plugin.veeam.request.timeout)`,
    { retryable: true, details: { operation } },
  );
}

/** What a call ends with once the host aborted it: the host's reason when it gave one. */
export function abortedError(signal: AbortSignal): BackupError {
  const reason: unknown = signal.reason;
  if (isBackupError(reason)) return reason;
  return new BackupError('OPERATION_FAILED', 'The backup operation was cancelled', { cause: reason });
}

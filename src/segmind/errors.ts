// The one error type that crosses from the Segmind core to the editor. Its message is the full
// user-facing sentence (what happened + what to do); `kind` drives the buttons the editor offers.

export type SegmindErrorKind = 'validation' | 'auth' | 'forbidden' | 'model-not-found' | 'request-not-found'
  | 'credits' | 'failed' | 'rate-limited' | 'server' | 'timeout' | 'malformed' | 'not-an-image' | 'too-large'
  | 'network' | 'cancelled' | 'missing-key';

export interface SegmindErrorDetails {
  readonly status?: number;
  readonly requestId?: string;
  readonly field?: string;
  /** The server's own message, verbatim. */
  readonly detail?: string;
  readonly retryAfterMs?: number;
  /** True once a submit may have reached the server: the job may run and be billed. */
  readonly mayBeBilled?: boolean;
  readonly cause?: unknown;
}

export class SegmindError extends Error {
  readonly kind: SegmindErrorKind;
  readonly status?: number;
  readonly requestId?: string;
  readonly field?: string;
  readonly detail?: string;
  readonly retryAfterMs?: number;
  readonly mayBeBilled: boolean;

  constructor(kind: SegmindErrorKind, message: string, details: SegmindErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SegmindError';
    this.kind = kind;
    this.mayBeBilled = details.mayBeBilled ?? false;
    if (details.status !== undefined) this.status = details.status;
    if (details.requestId !== undefined) this.requestId = details.requestId;
    if (details.field !== undefined) this.field = details.field;
    if (details.detail !== undefined) this.detail = details.detail;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
  }

  /** A plain, serializable copy (for job stores and webviews): no cause, no stack. */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name, kind: this.kind, message: this.message, status: this.status, requestId: this.requestId,
      field: this.field, detail: this.detail, retryAfterMs: this.retryAfterMs, mayBeBilled: this.mayBeBilled,
    };
  }
}

/**
 * By shape, not only `instanceof`: dist/features.js and the lazily loaded dist/http.js each bundle
 * their own copy of this class, so an error thrown by the client is not an instance of the other.
 */
export function isSegmindError(e: unknown): e is SegmindError {
  return e instanceof SegmindError || (e instanceof Error && e.name === 'SegmindError' && typeof (e as { kind?: unknown }).kind === 'string');
}

/** True for errors that mean "the user or the code cancelled", which the editor keeps silent. */
export function isCancellation(e: unknown): boolean {
  return isSegmindError(e) ? e.kind === 'cancelled' : e instanceof Error && e.name === 'AbortError';
}

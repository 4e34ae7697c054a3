// One logical call = attempts on the transport, retried only where the retry rules allow, each
// logged with its request id, every failure turned into a SegmindError (key redacted).
import { SegmindError } from './errors';
import type { Operation } from './operation';
import { httpError, type CallContext } from './responses';
import { DEFAULT_RETRY_POLICY, retryDecision, serverRetryDelayMs, type AttemptOutcome, type RequestRole, type RetryPolicy } from './retry';
import { TransportError, formatBytes, type HttpRequest, type HttpResponse, type Transport } from './transport';

export interface Logger { debug(m: string): void; info(m: string): void; warn(m: string): void; error(m: string): void }

export const SILENT_LOGGER: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export type CallRequest = Omit<HttpRequest, 'signal'>;

/** Uniform in [0, 1) from the platform CSPRNG, so retry jitter is not predictable. */
export function cryptoRandom(): number {
  return (globalThis.crypto.getRandomValues(new Uint32Array(1))[0] ?? 0) / 2 ** 32;
}

/** One log line per call: control characters from server-supplied text (ids, messages) are escaped. */
export function oneLine(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A logger that never lets a value break out of its line. */
export function lineSafe(logger: Logger): Logger {
  return {
    debug: (m) => logger.debug(oneLine(m)), info: (m) => logger.info(oneLine(m)),
    warn: (m) => logger.warn(oneLine(m)), error: (m) => logger.error(oneLine(m)),
  };
}

export class ApiCaller {
  constructor(
    private readonly transport: Transport,
    private readonly logger: Logger,
    private readonly apiKey: string,
    private readonly policy: RetryPolicy = DEFAULT_RETRY_POLICY,
    private readonly random: () => number = cryptoRandom,
  ) {}

  /** Removes the API key from any text that leaves the client. */
  redact(text: string): string {
    return this.apiKey.length >= 4 ? text.split(this.apiKey).join('[redacted]') : text;
  }

  /**
   * Sends `req` until it succeeds or may not be repeated. `parse` turns a 2xx/other answer into the
   * result; for GETs, a body that fails to parse (malformed, not an image) is retried like a 5xx.
   */
  async call<T>(op: Operation, role: RequestRole, req: CallRequest, ctx: CallContext, parse: (res: HttpResponse) => T): Promise<T> {
    const label = `${req.method} ${describeUrl(req.url)}`;
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      let outcome: AttemptOutcome;
      let failure: SegmindError;
      if (op.signal.aborted) throw this.abortError(op, ctx);
      try {
        const res = await this.transport.send({ ...req, signal: op.signal });
        const id = ctx.requestId ?? header(res, 'x-request-id');
        this.logger.debug(`[http] ${label} → ${res.status} in ${Date.now() - started} ms${id ? ` (request ${id})` : ''}`);
        if (res.status >= 300) {
          outcome = { type: 'response', status: res.status, headers: res.headers };
          const billed = ctx.mayBeBilled || (role === 'submit' && res.status >= 500);
          failure = httpError(res, { ...ctx, mayBeBilled: billed }, serverRetryDelayMs(res.headers, Date.now()), (s) => this.redact(s));
        } else {
          try {
            return parse(res);
          } catch (e) {
            if (!(e instanceof SegmindError) || role !== 'get' || !(e.kind === 'malformed' || e.kind === 'not-an-image')) throw e;
            outcome = { type: 'network' };
            failure = e;
          }
        }
      } catch (e) {
        if (e instanceof SegmindError) throw e;
        // Aborted mid-request: a submit may already have been accepted.
        if (op.signal.aborted) throw this.abortError(op, role === 'submit' ? { ...ctx, mayBeBilled: true } : ctx);
        if (!(e instanceof TransportError)) throw e;
        this.logger.debug(`[http] ${label} failed in ${Date.now() - started} ms: ${this.redact(e.message)}`);
        failure = this.transportError(e, role, ctx, req);
        if (e.reason === 'too-large' || e.reason === 'redirect') throw failure;
        outcome = e.reason === 'refused' ? { type: 'refused' } : { type: 'network' };
      }
      const decision = retryDecision(role, outcome, attempt, { now: Date.now(), remainingMs: op.remainingMs(), random: this.random }, this.policy);
      if (!decision.retry) {
        this.logger.warn(`[http] ${label} failed (${failure.kind}; ${decision.reason})${ctx.requestId ? ` request ${ctx.requestId}` : ''}`);
        throw failure;
      }
      this.logger.info(`[http] ${label}: ${failure.kind}, retry ${attempt} in ${decision.delayMs} ms`);
      try {
        await op.sleep(decision.delayMs);
      } catch {
        throw this.abortError(op, ctx);
      }
    }
  }

  private transportError(e: TransportError, role: RequestRole, ctx: CallContext, req: CallRequest): SegmindError {
    const details = { mayBeBilled: ctx.mayBeBilled || (role === 'submit' && e.reason !== 'refused'), cause: e, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) };
    const message = this.redact(e.message);
    if (e.reason === 'too-large') {
      return new SegmindError('too-large', `${message} Nothing was saved${req.maxBytes ? ` (limit ${formatBytes(req.maxBytes)})` : ''}.`, details);
    }
    if (e.reason === 'redirect') return new SegmindError('malformed', message, details);
    const billed = details.mayBeBilled
      ? ctx.requestId
        ? ` The job (request ${ctx.requestId}) may still finish and be billed; you can resume it from the job list.`
        : ' The request may have reached Segmind: the job may still run and be billed, so it was not sent again. Check your Segmind dashboard before retrying.'
      : '';
    const what = e.reason === 'refused' ? 'The connection to Segmind was refused' : 'The connection to Segmind failed';
    return new SegmindError('network', `${what} (${message}). Check your network and proxy settings.${billed}`, details);
  }

  /** The error for an aborted operation: the deadline passed, or the caller cancelled. */
  abortError(op: Operation, ctx: CallContext): SegmindError {
    const details = { mayBeBilled: ctx.mayBeBilled, ...(ctx.requestId ? { requestId: ctx.requestId } : {}) };
    const seconds = Math.round(op.timeoutMs / 1000);
    if (op.timedOut) {
      const message = ctx.requestId
        ? `The job (request ${ctx.requestId}) did not finish within ${seconds} s. It is still running on Segmind and may finish and be billed; you can resume it from the job list.`
        : ctx.mayBeBilled
          ? `Segmind did not answer within ${seconds} s. The job may still have been accepted and may finish and be billed; check your Segmind dashboard before retrying.`
          : `Segmind did not answer within ${seconds} s. Check your network, or raise segmind.requestTimeoutSeconds.`;
      return new SegmindError('timeout', message, details);
    }
    const message = ctx.mayBeBilled
      ? `Cancelled. The job${ctx.requestId ? ` (request ${ctx.requestId})` : ''} may keep running on Segmind and be billed: Segmind has no way to stop it.`
      : 'Cancelled.';
    return new SegmindError('cancelled', message, details);
  }
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** origin + path for logs: query strings of signed image URLs can be credentials. */
export function describeUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.origin}${url.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

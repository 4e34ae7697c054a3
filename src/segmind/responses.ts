// Reading Segmind's answers: JSON bodies of every endpoint, and HTTP errors turned into one
// SegmindError each, with the server's own words and what the user can do.
import { SegmindError, type SegmindErrorDetails } from './errors';
import { serverErrorText, sniffImageFormat } from './decode';
import type { HttpResponse } from './transport';

export type JobStatus = 'QUEUED' | 'PROCESSING' | 'COMPLETED' | 'FAILED';
const JOB_STATUSES: readonly string[] = ['QUEUED', 'PROCESSING', 'COMPLETED', 'FAILED'];

/** Which call an answer belongs to: decides what a 404 means and whether the job may be billed. */
export type Endpoint = 'submit' | 'sync' | 'status' | 'result' | 'image';

export interface CallContext {
  readonly endpoint: Endpoint;
  readonly slug?: string;
  readonly requestId?: string;
  /** The job may exist on the server (submit possibly accepted, or we are past it). */
  readonly mayBeBilled: boolean;
}

function header(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** The JSON object of a response, or a 'malformed' error describing what came instead. */
export function jsonBody(res: HttpResponse, ctx: CallContext): Record<string, unknown> {
  const text = res.body.toString('utf8');
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // described below
  }
  const found = sniffImageFormat(res.body) ? 'was an image instead of JSON' : /^\s*</.test(text) ? 'was an HTML page instead of JSON' : text.trim() === '' ? 'was empty instead of JSON' : 'was not valid JSON';
  throw new SegmindError('malformed', `Segmind's ${endpointName(ctx.endpoint)} answer ${found} (HTTP ${res.status}).${billedHint(ctx)}`, details(ctx, res));
}

function endpointName(endpoint: Endpoint): string {
  return { submit: 'submit', sync: 'generation', status: 'status', result: 'result', image: 'image' }[endpoint];
}

function billedHint(ctx: CallContext): string {
  if (!ctx.mayBeBilled) return '';
  return ctx.requestId
    ? ` The job (request ${ctx.requestId}) may still finish and be billed; you can resume it from the job list.`
    : ' The job may still have been accepted and billed.';
}

function details(ctx: CallContext, res?: HttpResponse, extra: SegmindErrorDetails = {}): SegmindErrorDetails {
  return {
    mayBeBilled: ctx.mayBeBilled,
    ...(ctx.requestId !== undefined ? { requestId: ctx.requestId } : {}),
    ...(res ? { status: res.status } : {}),
    ...extra,
  };
}

/** The status field of a status/result body; malformed when missing or unknown. */
export function jobStatus(body: Record<string, unknown>, res: HttpResponse, ctx: CallContext): JobStatus {
  const status = typeof body.status === 'string' ? body.status.toUpperCase() : undefined;
  if (status && JOB_STATUSES.includes(status)) return status as JobStatus;
  throw new SegmindError('malformed', `Segmind's ${endpointName(ctx.endpoint)} answer has an unknown status (${JSON.stringify(body.status ?? null)}).${billedHint(ctx)}`, details(ctx, res));
}

/** Metrics of a body, when it has an object `metrics`. */
export function metricsOf(body: Record<string, unknown>): Record<string, unknown> | undefined {
  const m = body.metrics;
  return m && typeof m === 'object' && !Array.isArray(m) ? (m as Record<string, unknown>) : undefined;
}

/** Remaining credits from metrics or the `x-remaining-credits` header. */
export function remainingCredits(res: HttpResponse, metrics?: Record<string, unknown>): number | undefined {
  return finiteNumber(metrics?.remaining_credits ?? header(res, 'x-remaining-credits'));
}

/** What a v1 (sync) job cost, from its `x-cost` header, as the metrics' `cost` of a v2 result. */
export function syncMetrics(res: HttpResponse): { cost: number } | undefined {
  const cost = finiteNumber(header(res, 'x-cost'));
  return cost === undefined ? undefined : { cost };
}

function finiteNumber(raw: unknown): number | undefined {
  const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw.trim() !== '' ? Number(raw) : NaN;
  return Number.isFinite(n) ? n : undefined;
}

/** The SegmindError for a response with a failing HTTP status. */
export function httpError(res: HttpResponse, ctx: CallContext, retryAfterMs?: number, redact: (s: string) => string = (s) => s): SegmindError {
  const text = res.body.toString('utf8');
  const server = serverErrorText(text);
  const detail = server === undefined ? undefined : redact(server);
  const said = detail ? `: ${detail}` : '';
  const d = (extra: SegmindErrorDetails = {}) => details(ctx, res, { ...(detail !== undefined ? { detail } : {}), ...extra });
  const hint = billedHint(ctx);
  switch (res.status) {
    case 400:
      return new SegmindError('validation', `Segmind refused the request (400)${said}. Fix the parameter and try again.`, d());
    case 401:
      return new SegmindError('auth', `Segmind rejected the API key (401)${said}. Set a valid key with "Segmind: Set API Key".`, d());
    case 403:
      return new SegmindError('forbidden', `Segmind refused access (403)${said}. Check that your account may use this model.`, d());
    case 404:
      return ctx.endpoint === 'submit' || ctx.endpoint === 'sync'
        ? new SegmindError('model-not-found', `Segmind does not know the model "${ctx.slug ?? '?'}" (404)${said}. Pick another model or update the extension.`, d())
        : ctx.endpoint === 'image'
          ? new SegmindError('request-not-found', `The generated image is no longer available (404)${said}. Generate it again.`, d())
          : new SegmindError('request-not-found', `Segmind no longer knows the job ${ctx.requestId ?? ''} (404)${said}: results are kept for one hour after submission. Generate it again.`, d());
    case 406:
      return new SegmindError('credits', `Not enough Segmind credits (406)${said}. Top up your account on segmind.com and try again.`, d());
    case 422:
      return new SegmindError('failed', `The generation failed on Segmind's side${said}. Change the prompt or parameters and try again.`, d());
    case 429: {
      const wait = retryAfterMs !== undefined ? ` Segmind asks to wait ${Math.ceil(retryAfterMs / 1000)} s.` : '';
      return new SegmindError('rate-limited', `Segmind's rate limit was reached (429)${said}.${wait} Try again later, or generate fewer images at once.${hint}`, d(retryAfterMs !== undefined ? { retryAfterMs } : {}));
    }
    default: {
      const kind = res.status >= 500 ? 'server' : 'malformed';
      const what = res.status >= 500 ? `Segmind had a server problem (${res.status})` : `Segmind answered with an unexpected HTTP ${res.status}`;
      return new SegmindError(kind, `${what}${said}. Try again in a moment.${hint}`, d());
    }
  }
}

// When a failed request may be sent again, and after how long. Pure: the caller supplies the
// outcome, the attempt number, the clock and the randomness.
// Segmind has no idempotency key and no cancel: a submit that may have reached the server is never
// re-sent, or the user would pay twice. GETs (status, result, images) are safe to repeat.

export type RequestRole = 'submit' | 'get';

/** How one attempt ended, as far as retrying is concerned. */
export type AttemptOutcome =
  | { readonly type: 'response'; readonly status: number; readonly headers: Readonly<Record<string, string | string[] | undefined>> }
  /** The connection was refused: nothing was sent, so nothing was accepted. */
  | { readonly type: 'refused' }
  /** Anything else that went wrong on the wire (reset, timeout, DNS, TLS…). The request may have arrived. */
  | { readonly type: 'network' };

export interface RetryPolicy {
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** Attempts in all (first one included) for GETs and refused connections. */
  readonly maxAttempts: number;
  /** 429s are waited out while the deadline allows, up to this many attempts. */
  readonly maxRateLimitedAttempts: number;
  /** Spread added to a server-given wait so that many waiting jobs do not return in one burst. */
  readonly serverDelayJitterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxAttempts: 5,
  maxRateLimitedAttempts: 100,
  serverDelayJitterMs: 100,
};

export type RetryDecision = { readonly retry: true; readonly delayMs: number } | { readonly retry: false; readonly reason: string };

function header(headers: Readonly<Record<string, string | string[] | undefined>>, name: string): string | undefined {
  const value = headers[name] ?? headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The wait the server asks for, in ms from `now`: `Retry-After` (seconds or HTTP date) or
 * `x-rate-limit-reset-at-utc` (ISO/HTTP date, or epoch seconds/ms). Undefined when absent or unreadable.
 */
export function serverRetryDelayMs(headers: Readonly<Record<string, string | string[] | undefined>>, now: number): number | undefined {
  const retryAfter = header(headers, 'retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
    const at = Date.parse(retryAfter);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  const resetAt = header(headers, 'x-rate-limit-reset-at-utc')?.trim();
  if (resetAt) {
    if (/^\d+(\.\d+)?$/.test(resetAt)) {
      const n = Number(resetAt);
      return Math.max(0, (n < 1e12 ? n * 1000 : n) - now);
    }
    // A bare ISO time without a zone is meant as UTC (the header's name says so).
    const iso = /^\d{4}-\d\d-\d\dT[\d:.]+$/.test(resetAt) ? `${resetAt}Z` : resetAt;
    const at = Date.parse(iso);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return undefined;
}

/** Capped exponential backoff with full jitter: uniform in [0, min(max, base × 2^(attempt-1))]. */
export function backoffDelayMs(attempt: number, random: () => number, policy: RetryPolicy = DEFAULT_RETRY_POLICY): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/** Whether a status code is worth repeating a GET for. */
export function isTransientStatus(status: number): boolean {
  return status === 429 || status === 408 || (status >= 500 && status <= 599);
}

/**
 * Decide whether to send the request again after `attempt` attempts (1 = the first one failed).
 * `remainingMs` is the time left before the overall deadline: a wait that would overrun it is refused.
 */
export function retryDecision(
  role: RequestRole,
  outcome: AttemptOutcome,
  attempt: number,
  ctx: { readonly now: number; readonly remainingMs: number; readonly random: () => number },
  policy: RetryPolicy = DEFAULT_RETRY_POLICY,
): RetryDecision {
  const rateLimited = outcome.type === 'response' && outcome.status === 429;
  const retryable =
    rateLimited ||
    outcome.type === 'refused' ||
    (role === 'get' && (outcome.type === 'network' || (outcome.type === 'response' && isTransientStatus(outcome.status))));
  if (!retryable) {
    return { retry: false, reason: role === 'submit' ? 'the submit may have been accepted' : 'not a transient failure' };
  }
  const limit = rateLimited ? policy.maxRateLimitedAttempts : policy.maxAttempts;
  if (attempt >= limit) return { retry: false, reason: `gave up after ${attempt} attempts` };
  const serverDelay = outcome.type === 'response' ? serverRetryDelayMs(outcome.headers, ctx.now) : undefined;
  const delayMs = serverDelay !== undefined
    ? serverDelay + Math.floor(ctx.random() * policy.serverDelayJitterMs)
    : backoffDelayMs(attempt, ctx.random, policy);
  if (delayMs >= ctx.remainingMs) return { retry: false, reason: 'the wait would pass the deadline' };
  return { retry: true, delayMs };
}

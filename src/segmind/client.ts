// SegmindClient: submit → poll → result → download (v2, the default) and v1 sync, over the
// transport, with the poll policy, the retry rules and the output checks. No vscode here.
import { MODELS, imageCount, isModelSlug } from '../shared/catalog';
import { ApiCaller, SILENT_LOGGER, lineSafe, type Logger } from './calls';
import type {
  ClientOptions, GenerateOptions, GenerationResult, StreamOptions, StreamedGenerationResult, SubmittedJob, SyncOptions, WaitOptions,
} from './client-types';
import { ImageDelivery } from './delivery';
import { parseOutput, parseSyncJson, sniffImageFormat } from './decode';
import { SegmindError } from './errors';
import { Operation } from './operation';
import { DurationHistory, baseProcessingMs, nextPollDelay, predictProcessing, type ProcessingPrediction } from './polling';
import { validateParams } from '../shared/validation';
import { DEFAULT_RETRY_POLICY } from './retry';
import { jobStatus, jsonBody, metricsOf, remainingCredits, syncMetrics, type CallContext, type JobStatus } from './responses';
import { Transport, TransportError, type HttpResponse, type TransportOptions } from './transport';

export type { Logger } from './calls';
export type { ImageOutput } from './decode';
export type { JobStatus } from './responses';
export type {
  ClientOptions, GenerateOptions, GenerationResult, ImageHandler, ImageSummary, JobEvent, StreamOptions, StreamedGenerationResult, SubmittedJob, SyncOptions, WaitOptions,
} from './client-types';

const DEFAULT_TIMEOUT_MS = 600_000;
const DEFAULT_MAX_IMAGE_BYTES = 64 * 1024 * 1024;
/** Submit/status answers are tiny; anything bigger is not Segmind. */
const MAX_JSON_BYTES = 1024 * 1024;
/** A GET that hangs this long is abandoned and retried (submits wait for the deadline: v1 blocks). */
const DEFAULT_ATTEMPT_TIMEOUT_MS = 30_000;
/** The most images one request can produce (SD 3.5 Large batch_size ≤ 10). */
const MAX_IMAGES_PER_JOB = 10;
/** Images in flight per client by default: two 2048² PNGs (~13 MB each), whatever the number of jobs; more does not download faster. */
const DEFAULT_CONCURRENT_DOWNLOADS = 2;
/** What a request id may look like: printable, bounded (it goes into URLs, logs and job state). */
const REQUEST_ID = /^[\x21-\x7e]{1,200}$/;

export class SegmindClient {
  private readonly base: URL;
  private readonly transport: Transport;
  private readonly caller: ApiCaller;
  private readonly logger: Logger;
  private readonly timeoutMs: number;
  private readonly maxImageBytes: number;
  private readonly attemptTimeoutMs: number;
  private readonly history = new DurationHistory();
  private readonly delivery: ImageDelivery;
  private readonly running = new Set<Promise<unknown>>();
  private closing = false;

  constructor(opts: ClientOptions) {
    if (!opts.apiKey?.trim()) {
      throw new SegmindError('missing-key', 'No Segmind API key is set. Run "Segmind: Set API Key" (or set SEGMIND_API_KEY) and try again.');
    }
    let base: URL;
    try {
      base = new URL(opts.baseUrl.replace(/\/*$/, '/'));
    } catch {
      throw new SegmindError('validation', `The Segmind API base URL "${opts.baseUrl}" is not a valid URL.`, { field: 'apiBaseUrl' });
    }
    if (base.protocol !== 'https:' && base.protocol !== 'http:') {
      throw new SegmindError('validation', `The Segmind API base URL must start with https:// (got "${base.protocol}").`, { field: 'apiBaseUrl' });
    }
    this.base = base;
    this.logger = lineSafe(opts.logger ?? SILENT_LOGGER);
    this.timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxImageBytes = opts.maxImageBytes ?? DEFAULT_MAX_IMAGE_BYTES;
    this.attemptTimeoutMs = opts.attemptTimeoutMs ?? DEFAULT_ATTEMPT_TIMEOUT_MS;
    this.transport = createTransport({
      apiOrigin: base.origin, apiKey: opts.apiKey, headersTimeoutMs: this.timeoutMs + 1000,
      ...(opts.proxyUrl ? { proxyUrl: opts.proxyUrl } : {}), ...(opts.strictSSL !== undefined ? { strictSSL: opts.strictSSL } : {}),
      ...(opts.userAgent ? { userAgent: opts.userAgent } : {}), ...(opts.env ? { env: opts.env } : {}),
    });
    this.caller = new ApiCaller(this.transport, this.logger, opts.apiKey, { ...DEFAULT_RETRY_POLICY, ...opts.retryPolicy });
    this.delivery = new ImageDelivery(this.caller, {
      maxImageBytes: this.maxImageBytes, attemptTimeoutMs: this.attemptTimeoutMs, maxConcurrentDownloads: opts.maxConcurrentDownloads ?? DEFAULT_CONCURRENT_DOWNLOADS,
    });
  }

  private url(path: string): string { return new URL(path, this.base).href; }

  /** Predicted processing time of a request, refined by the jobs this client has seen finish. */
  predict(slug: string, body: Record<string, unknown>): ProcessingPrediction & { baseMs: number } {
    const baseMs = isModelSlug(slug) ? baseProcessingMs(MODELS[slug], body) : 0;
    return { ...predictProcessing(baseMs, this.history.all), baseMs };
  }

  private checkBody(slug: string, body: Record<string, unknown>): void {
    const issues = validateParams(slug, body);
    const first = issues[0];
    if (first) throw new SegmindError('validation', `${issues.map((i) => i.message).join('; ')}.`, { field: first.field });
  }

  private run<T>(signal: AbortSignal | undefined, fn: (op: Operation) => Promise<T>): Promise<T> {
    if (this.closing) {
      return Promise.reject(new SegmindError('cancelled', 'Cancelled: the Segmind client was closed (settings changed or the extension is stopping).'));
    }
    const op = new Operation(signal, this.timeoutMs);
    const running = fn(op).finally(() => {
      op.dispose();
      this.running.delete(running);
    });
    this.running.add(running);
    return running;
  }

  /** POST /v2/{slug}: queues a job. Never re-sent once it may have reached the server. */
  submit(slug: string, body: Record<string, unknown>, signal?: AbortSignal): Promise<SubmittedJob> {
    return this.run(signal, (op) => this.submitIn(op, slug, body));
  }

  private async submitIn(op: Operation, slug: string, body: Record<string, unknown>): Promise<SubmittedJob> {
    this.checkBody(slug, body);
    const ctx: CallContext = { endpoint: 'submit', slug, mayBeBilled: false };
    const req = { method: 'POST' as const, url: this.url(`v2/${encodeURIComponent(slug)}`), json: body, maxBytes: MAX_JSON_BYTES };
    const job = await this.caller.call(op, 'submit', req, ctx, (res) => {
      const accepted: CallContext = { ...ctx, mayBeBilled: true };
      const json = jsonBody(res, accepted);
      const [id, statusUrl, responseUrl] = [json.request_id, json.status_url, json.response_url];
      if (typeof id !== 'string' || !id || typeof statusUrl !== 'string' || typeof responseUrl !== 'string') {
        throw new SegmindError('malformed', 'Segmind accepted the job but its answer lacks request_id, status_url or response_url. The job may still run and be billed.', { status: res.status, mayBeBilled: true });
      }
      if (!REQUEST_ID.test(id)) {
        throw new SegmindError('malformed', 'Segmind accepted the job but its request_id is not a printable id of at most 200 characters. The job may still run and be billed.', { status: res.status, mayBeBilled: true });
      }
      return { requestId: id, statusUrl, responseUrl };
    });
    this.logger.info(`[segmind] submitted ${slug} (request ${job.requestId})`);
    return job;
  }

  /** GET /v2/requests/{id}/status. */
  getStatus(requestId: string, signal?: AbortSignal): Promise<{ status: JobStatus; metrics?: Record<string, unknown>; error?: string }> {
    return this.run(signal, (op) => this.statusIn(op, requestId));
  }

  private statusIn(op: Operation, requestId: string): Promise<{ status: JobStatus; metrics?: Record<string, unknown>; error?: string }> {
    const ctx: CallContext = { endpoint: 'status', requestId, mayBeBilled: true };
    const req = { method: 'GET' as const, url: this.url(`v2/requests/${encodeURIComponent(requestId)}/status`), maxBytes: MAX_JSON_BYTES, attemptTimeoutMs: this.attemptTimeoutMs };
    return this.caller.call(op, 'get', req, ctx, (res) => {
      const json = jsonBody(res, ctx);
      const metrics = metricsOf(json);
      const error = typeof json.error === 'string' ? this.caller.redact(json.error) : undefined;
      return { status: jobStatus(json, res, ctx), ...(metrics ? { metrics } : {}), ...(error ? { error } : {}) };
    });
  }

  /** GET /v2/requests/{id}: the final body (throws 'failed' with the server's detail for a FAILED job). */
  getResult(requestId: string, signal?: AbortSignal): Promise<{ status: JobStatus; output: unknown; metrics?: Record<string, unknown>; remainingCredits?: number }> {
    return this.run(signal, (op) => this.resultIn(op, requestId));
  }

  private resultIn(op: Operation, requestId: string): Promise<{ status: JobStatus; output: unknown; metrics?: Record<string, unknown>; remainingCredits?: number }> {
    const ctx: CallContext = { endpoint: 'result', requestId, mayBeBilled: true };
    // base64 outputs of a batch arrive inside this JSON: allow a few images' worth.
    const req = { method: 'GET' as const, url: this.url(`v2/requests/${encodeURIComponent(requestId)}`), maxBytes: this.maxImageBytes * 4, attemptTimeoutMs: this.attemptTimeoutMs };
    return this.caller.call(op, 'get', req, ctx, (res) => {
      const json = jsonBody(res, ctx);
      const metrics = metricsOf(json);
      const credits = remainingCredits(res, metrics);
      const status = jobStatus(json, res, ctx);
      if (status === 'COMPLETED' && (json.output === undefined || json.output === null)) {
        throw new SegmindError('malformed', `Segmind reported the job ${requestId} as completed but sent no output.`, { requestId, mayBeBilled: true, status: res.status });
      }
      return { status, output: json.output, ...(metrics ? { metrics } : {}), ...(credits !== undefined ? { remainingCredits: credits } : {}) };
    });
  }

  /**
   * Polls until COMPLETED or FAILED, then fetches the result and downloads every image: into the
   * result, or one at a time to `onImage` (the result then carries summaries, not bytes).
   */
  waitForCompletion(requestId: string, opts: WaitOptions & StreamOptions): Promise<StreamedGenerationResult>;
  waitForCompletion(requestId: string, opts?: WaitOptions): Promise<GenerationResult>;
  waitForCompletion(requestId: string, opts: WaitOptions & Partial<StreamOptions>): Promise<GenerationResult | StreamedGenerationResult>;
  waitForCompletion(requestId: string, opts: WaitOptions & Partial<StreamOptions> = {}): Promise<GenerationResult | StreamedGenerationResult> {
    return this.run(opts.signal, (op) => this.waitIn(op, requestId, opts));
  }

  private async waitIn(op: Operation, requestId: string, opts: WaitOptions & Partial<StreamOptions>): Promise<GenerationResult | StreamedGenerationResult> {
    const ctx: CallContext = { endpoint: 'status', requestId, mayBeBilled: true };
    const submittedAt = opts.submittedAt ?? op.startedAt;
    const { slug, body } = opts;
    const known = slug !== undefined && body !== undefined;
    const baseMs = opts.baseMs ?? (known ? this.predict(slug, body).baseMs : undefined);
    // A caller's own prediction is kept. Otherwise predict afresh before every poll: the jobs that
    // finished meanwhile tell how fast the service runs today, which no formula knows.
    const prediction = (): Partial<ProcessingPrediction> =>
      opts.expectedMs !== undefined ? { expectedMs: opts.expectedMs, ...(opts.spread !== undefined ? { spread: opts.spread } : {}) }
        : known ? this.predict(slug, body) : {};
    // Resuming a job submitted a while ago: look at once, it may be done already.
    let resumed = opts.submittedAt !== undefined && op.startedAt - opts.submittedAt > 1000;
    let lastQueuedAt = submittedAt;
    let processingSeenAt: number | undefined;
    let last: JobStatus | undefined;
    for (let polls = 0; ; ) {
      const now = Date.now();
      const { expectedMs, spread } = prediction();
      const delay = nextPollDelay({
        phase: processingSeenAt === undefined ? 'QUEUED' : 'PROCESSING', sinceSubmitMs: now - submittedAt, pollsSoFar: polls,
        remainingMs: op.remainingMs(), ...(expectedMs !== undefined ? { expectedProcessingMs: expectedMs } : {}),
        ...(spread !== undefined ? { spread } : {}),
        ...(processingSeenAt === undefined ? {} : { sinceProcessingEarliestMs: now - lastQueuedAt, sinceProcessingLatestMs: now - processingSeenAt }),
      });
      try {
        await op.sleep(resumed ? 0 : delay);
        resumed = false;
      } catch {
        throw this.caller.abortError(op, ctx);
      }
      const sentAt = Date.now();
      const { status, error } = await this.statusIn(op, requestId);
      polls++;
      if (status !== last) opts.onEvent?.({ type: 'status', status, elapsedMs: Date.now() - submittedAt });
      last = status;
      if (status === 'QUEUED') lastQueuedAt = sentAt;
      else if (status === 'PROCESSING') processingSeenAt ??= Date.now();
      else if (status === 'FAILED' && error) {
        throw new SegmindError('failed', `The generation failed on Segmind's side: ${error}. Change the prompt or parameters and try again.`, { requestId, detail: error, mayBeBilled: true });
      } else {
        const result = await this.resultIn(op, requestId); // FAILED without detail: the result's 422 carries it
        if (result.status === 'FAILED') {
          throw new SegmindError('failed', "The generation failed on Segmind's side. Change the prompt or parameters and try again.", { requestId, mayBeBilled: true });
        }
        if (result.status !== 'COMPLETED') continue; // status and result disagree for a moment: poll on
        this.logger.info(`[segmind] request ${requestId} completed after ${polls} status polls`);
        const seconds = Number(result.metrics?.inference_time);
        if (baseMs && Number.isFinite(seconds)) this.history.add({ baseMs, actualMs: seconds * 1000 });
        opts.onEvent?.({ type: 'downloading' });
        const trusted = [this.base.origin, ...(opts.trustedOrigins ?? [])];
        const items = parseOutput(result.output, { requestId, mayBeBilled: true });
        const asked = opts.slug && opts.body && isModelSlug(opts.slug) ? imageCount(MODELS[opts.slug], opts.body) : MAX_IMAGES_PER_JOB;
        if (items.length > asked) {
          throw new SegmindError('malformed', `Segmind listed ${items.length} images for a request of ${asked}; nothing was downloaded. Please report it.`, { requestId, mayBeBilled: true });
        }
        const images = await this.delivery.deliver(op, items, trusted, requestId, opts.onImage);
        if (result.remainingCredits !== undefined) opts.onEvent?.({ type: 'credits', remaining: result.remainingCredits });
        return { requestId, images, ...(result.metrics ? { metrics: result.metrics } : {}), ...(result.remainingCredits !== undefined ? { remainingCredits: result.remainingCredits } : {}) } as GenerationResult | StreamedGenerationResult;
      }
    }
  }

  /** Submit, persist (the caller's onSubmitted), poll and download: the whole v2 generation. */
  generateAsync(slug: string, body: Record<string, unknown>, opts: GenerateOptions & StreamOptions): Promise<StreamedGenerationResult>;
  generateAsync(slug: string, body: Record<string, unknown>, opts?: GenerateOptions): Promise<GenerationResult>;
  generateAsync(slug: string, body: Record<string, unknown>, opts: GenerateOptions & Partial<StreamOptions>): Promise<GenerationResult | StreamedGenerationResult>;
  generateAsync(slug: string, body: Record<string, unknown>, opts: GenerateOptions & Partial<StreamOptions> = {}): Promise<GenerationResult | StreamedGenerationResult> {
    return this.run(opts.signal, async (op) => {
      const job = await this.submitIn(op, slug, body);
      // Time the poller from the accepted submit: waiting out 429s before it is not queue time.
      const acceptedAt = Date.now();
      opts.onEvent?.({ type: 'submitted', requestId: job.requestId });
      await opts.onSubmitted?.(job.requestId);
      return this.waitIn(op, job.requestId, {
        ...opts, slug, body, submittedAt: acceptedAt, trustedOrigins: [job.statusUrl, job.responseUrl].filter(isHttpUrl),
      });
    });
  }

  /**
   * POST /v1/{slug}: blocks until the image is ready. Raw bytes carry one image, so a batch is
   * asked for as base64 JSON. Never re-sent once it may have reached the server.
   */
  generateSync(slug: string, body: Record<string, unknown>, opts: SyncOptions & StreamOptions): Promise<StreamedGenerationResult>;
  generateSync(slug: string, body: Record<string, unknown>, opts?: SyncOptions): Promise<GenerationResult>;
  generateSync(slug: string, body: Record<string, unknown>, opts: SyncOptions & Partial<StreamOptions>): Promise<GenerationResult | StreamedGenerationResult>;
  generateSync(slug: string, body: Record<string, unknown>, opts: SyncOptions & Partial<StreamOptions> = {}): Promise<GenerationResult | StreamedGenerationResult> {
    return this.run(opts.signal, async (op) => {
      this.checkBody(slug, body);
      const count = isModelSlug(slug) ? imageCount(MODELS[slug], body) : 1;
      const sent = count > 1 && body.base64 !== true ? { ...body, base64: true } : body;
      const ctx: CallContext = { endpoint: 'sync', slug, mayBeBilled: false };
      const req = { method: 'POST' as const, url: this.url(`v1/${encodeURIComponent(slug)}`), json: sent, maxBytes: this.maxImageBytes * Math.max(2, count * 1.4), accept: 'image/*,application/json' };
      const res: HttpResponse = await this.caller.call(op, 'submit', req, ctx, (r) => r);
      const requestId = headerValue(res, 'x-request-id');
      const billed: CallContext = { ...ctx, mayBeBilled: true, ...(requestId ? { requestId } : {}) };
      // Raw image bytes, or (base64) JSON carrying them; anything else goes to decodeImage, which says what it is.
      const json = sniffImageFormat(res.body) ? undefined : syncJson(res, billed);
      const items = json ? parseSyncJson(json, { mayBeBilled: true, ...(requestId ? { requestId } : {}) })
        : [{ bytes: new Uint8Array(res.body.buffer, res.body.byteOffset, res.body.byteLength) }];
      opts.onEvent?.({ type: 'downloading' });
      const images = await this.delivery.deliver(op, items, [this.base.origin], requestId, opts.onImage);
      const credits = remainingCredits(res);
      const metrics = syncMetrics(res);
      if (credits !== undefined) opts.onEvent?.({ type: 'credits', remaining: credits });
      return { ...(requestId ? { requestId } : {}), images, ...(metrics ? { metrics } : {}), ...(credits !== undefined ? { remainingCredits: credits } : {}) } as GenerationResult | StreamedGenerationResult;
    });
  }

  /**
   * Refuses new calls, lets the running ones finish (they keep their connections), then closes the
   * pool. To stop running calls at once, abort their signals.
   */
  async dispose(): Promise<void> {
    this.closing = true;
    while (this.running.size > 0) await Promise.allSettled([...this.running]);
    await this.transport.close();
  }
}

function createTransport(opts: TransportOptions): Transport {
  try {
    return new Transport(opts);
  } catch (e) {
    if (e instanceof TransportError) throw new SegmindError('validation', e.message, { field: 'proxyUrl' });
    throw e;
  }
}

/** v1's JSON answer when it carries images (base64: true); undefined for anything else. */
function syncJson(res: HttpResponse, ctx: CallContext): Record<string, unknown> | undefined {
  if (!/^\s*\{/.test(res.body.subarray(0, 64).toString('utf8'))) return undefined;
  try {
    const json = jsonBody(res, ctx);
    return ['images', 'output', 'image', 'data'].some((k) => json[k] !== undefined) ? json : undefined;
  } catch {
    return undefined;
  }
}

function headerValue(res: HttpResponse, name: string): string | undefined {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

function isHttpUrl(s: string): boolean {
  return /^https?:\/\//i.test(s);
}

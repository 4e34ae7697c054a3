// One HTTP exchange on undici: the dispatcher (direct, explicit proxy, or HTTP(S)_PROXY/NO_PROXY),
// the API key only towards the configured API origin, manual and limited redirects, a size cap
// enforced while reading, and the caller's AbortSignal on everything.
import type { Dispatcher } from 'undici';
import { Agent, EnvHttpProxyAgent, ProxyAgent, request } from './undici';

export interface TransportOptions {
  /** Origin that receives `x-api-key` (e.g. https://api.segmind.com); no other origin ever does. */
  readonly apiOrigin: string;
  readonly apiKey: string;
  /** `http.proxy`-style URL; when absent, HTTPS_PROXY / HTTP_PROXY / NO_PROXY from the environment apply. */
  readonly proxyUrl?: string;
  readonly strictSSL?: boolean;
  readonly userAgent?: string;
  /** Longest wait for response headers (v1 blocks until the image is ready). */
  readonly headersTimeoutMs?: number;
  /** Longest silence while a body is streaming. */
  readonly bodyTimeoutMs?: number;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface HttpRequest {
  readonly method: 'GET' | 'POST';
  readonly url: string;
  readonly json?: unknown;
  readonly signal: AbortSignal;
  readonly maxBytes: number;
  /** Redirects to follow (GETs only); the key is never sent after one. Default 0. */
  readonly maxRedirects?: number;
  readonly accept?: string;
  /** Vets each redirect target before it is contacted (throws to refuse it). */
  readonly checkRedirect?: (target: URL) => void;
  /** This attempt's longest wait for headers / between body chunks (default: the dispatcher's). */
  readonly attemptTimeoutMs?: number;
  /** Memory for a body of a declared length (default a new buffer): lets big downloads reuse it. */
  readonly buffer?: (size: number) => Buffer;
}

export interface HttpResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: Buffer;
  /** The URL that answered (after redirects). */
  readonly url: string;
}

/** The failure of one exchange, before any HTTP status: what retry rules and error messages need. */
export class TransportError extends Error {
  constructor(
    readonly reason: 'refused' | 'network' | 'aborted' | 'too-large' | 'redirect',
    message: string,
    readonly code?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TransportError';
  }
}

const REFUSED_CODES = new Set(['ECONNREFUSED']);

function errorCode(e: unknown): string | undefined {
  for (let cur: unknown = e, depth = 0; cur && depth < 4; cur = (cur as { cause?: unknown }).cause, depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && code !== 'UND_ERR_ABORTED') return code;
  }
  return undefined;
}

function hasProxyEnv(env: Readonly<Record<string, string | undefined>>): boolean {
  return ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((k) => !!env[k]);
}

/** Builds the dispatcher for the options: direct, explicit proxy, or the environment's proxies. */
export function createDispatcher(opts: TransportOptions): Dispatcher {
  const tls = { rejectUnauthorized: opts.strictSSL !== false };
  const timeouts = { headersTimeout: opts.headersTimeoutMs ?? 600_000, bodyTimeout: opts.bodyTimeoutMs ?? 60_000 };
  if (opts.proxyUrl) {
    let proxy: URL;
    try {
      proxy = new URL(opts.proxyUrl);
    } catch {
      throw new TransportError('network', `The proxy URL "${opts.proxyUrl}" is not a valid URL.`);
    }
    if (proxy.protocol !== 'http:' && proxy.protocol !== 'https:') {
      throw new TransportError('network', `The proxy URL must start with http:// or https:// (got ${proxy.protocol}).`);
    }
    return new ProxyAgent({ uri: opts.proxyUrl, requestTls: tls, proxyTls: tls, ...timeouts });
  }
  const env = opts.env ?? process.env;
  if (hasProxyEnv(env)) {
    return new EnvHttpProxyAgent({
      connect: tls, requestTls: tls, proxyTls: tls, ...timeouts,
      httpProxy: env.HTTP_PROXY ?? env.http_proxy, httpsProxy: env.HTTPS_PROXY ?? env.https_proxy, noProxy: env.NO_PROXY ?? env.no_proxy,
    });
  }
  return new Agent({ connect: tls, ...timeouts });
}

export class Transport {
  private readonly dispatcher: Dispatcher;
  private readonly apiOrigin: string;

  constructor(private readonly opts: TransportOptions) {
    this.apiOrigin = new URL(opts.apiOrigin).origin;
    this.dispatcher = createDispatcher(opts);
  }

  /** Sends one request (following allowed redirects) and reads the whole body within `maxBytes`. */
  async send(req: HttpRequest): Promise<HttpResponse> {
    let url = new URL(req.url);
    const maxRedirects = req.method === 'GET' ? req.maxRedirects ?? 0 : 0;
    for (let hop = 0; ; hop++) {
      const sendKey = hop === 0 && url.origin === this.apiOrigin;
      const response = await this.exchange(req, url, sendKey);
      const location = response.headers.location;
      if (response.status < 300 || response.status > 399 || location === undefined) return response;
      if (hop >= maxRedirects) {
        throw new TransportError('redirect', maxRedirects === 0
          ? `The server at ${url.origin} answered with a redirect (HTTP ${response.status}), which is not followed for API calls.`
          : `The server at ${url.origin} redirected more often than allowed (${maxRedirects}).`);
      }
      const next = new URL(Array.isArray(location) ? location[0] ?? '' : location, url);
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        throw new TransportError('redirect', `The server at ${url.origin} redirected to a ${next.protocol} URL, which is refused.`);
      }
      req.checkRedirect?.(next);
      url = next;
    }
  }

  private async exchange(req: HttpRequest, url: URL, sendKey: boolean): Promise<HttpResponse> {
    const headers: Record<string, string> = { accept: req.accept ?? 'application/json' };
    if (this.opts.userAgent) headers['user-agent'] = this.opts.userAgent;
    if (sendKey) headers['x-api-key'] = this.opts.apiKey;
    let body: string | undefined;
    if (req.json !== undefined) {
      body = JSON.stringify(req.json);
      headers['content-type'] = 'application/json';
    }
    if (req.signal.aborted) throw new TransportError('aborted', 'The request was aborted.');
    let res: Dispatcher.ResponseData;
    try {
      const timeouts = req.attemptTimeoutMs ? { headersTimeout: req.attemptTimeoutMs, bodyTimeout: req.attemptTimeoutMs } : {};
      res = await request(url, { method: req.method, headers, body, signal: req.signal, dispatcher: this.dispatcher, ...timeouts });
    } catch (e) {
      throw this.wrap(e, req.signal, url);
    }
    const responseHeaders = res.headers as Record<string, string | string[] | undefined>;
    try {
      const bytes = await readCapped(res.body, responseHeaders['content-length'], req.maxBytes, url, req.buffer);
      return { status: res.statusCode, headers: responseHeaders, body: bytes, url: url.href };
    } catch (e) {
      res.body.destroy();
      throw e instanceof TransportError ? e : this.wrap(e, req.signal, url);
    }
  }

  private wrap(e: unknown, signal: AbortSignal, url: URL): TransportError {
    if (signal.aborted) return new TransportError('aborted', 'The request was aborted.', undefined, { cause: e });
    const code = errorCode(e);
    const reason = code !== undefined && REFUSED_CODES.has(code) ? 'refused' : 'network';
    const what = e instanceof Error ? e.message : String(e);
    return new TransportError(reason, `${url.origin}: ${what}${code && !what.includes(code) ? ` (${code})` : ''}`, code, { cause: e });
  }

  /** Closes idle connections; nothing may be in flight any more (the client waits for that). */
  async close(): Promise<void> {
    await this.dispatcher.destroy().catch(() => undefined);
  }
}

/** Reads a body into one buffer, refusing it as soon as it is known to exceed `maxBytes`. */
async function readCapped(body: Dispatcher.ResponseData['body'], contentLength: string | string[] | undefined, maxBytes: number, url: URL,
  buffer: (size: number) => Buffer = (size) => Buffer.allocUnsafe(size)): Promise<Buffer> {
  const declared = Number(Array.isArray(contentLength) ? contentLength[0] : contentLength);
  const tooLarge = (what: string) =>
    new TransportError('too-large', `The response from ${url.origin} is larger than the ${formatBytes(maxBytes)} allowed (${what}).`);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(`it announced ${formatBytes(declared)}`);
  // A declared length lets large images land in one buffer, without a second copy to join chunks.
  const target = Number.isFinite(declared) && declared > 0 ? buffer(declared) : undefined;
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (total + chunk.length > maxBytes) throw tooLarge('reading stopped at the limit');
    if (target && total + chunk.length <= target.length) chunk.copy(target, total);
    else chunks.push(chunk);
    total += chunk.length;
  }
  if (target && chunks.length === 0) return target.subarray(0, total);
  return Buffer.concat(target ? [target.subarray(0, total - chunks.reduce((n, c) => n + c.length, 0)), ...chunks] : chunks, total);
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(n % (1024 * 1024) ? 1 : 0)} MB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KB`;
  return `${n} bytes`;
}

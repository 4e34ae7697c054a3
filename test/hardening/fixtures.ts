// Shared pieces of the hardening suite: the emulator with two fault proxies in front of it (one
// for the API, one for the image origin), a client with a known key and a recording logger, the
// secret scan, the hostile strings, and a small results table the suite prints (SECURITY.md's figures).
import assert from 'node:assert/strict';
import { startEmulator, mulberry32, type Emulator, type EmulatorOptions } from '../emulator/emulator';
import { SegmindClient, type ClientOptions, type Logger } from '../../src/segmind/client';
import { SegmindError, type SegmindErrorKind } from '../../src/segmind/errors';
import { buildRequest } from '../../src/segmind/request';
import { startFaultProxy, startHostRouter, type FaultProxy, type HostRouter } from './faultProxy';

export const L = 'stable-diffusion-3.5-large-txt2img';
export const M = 'stable-diffusion-3-medium-txt2img';

/** The key every hardening case runs with; scanned for everywhere it must not be. */
export const KNOWN_KEY = 'SG_hardening_8f3a1c9e27d44b6b9f0e5a1d2c3b4a59';

export { mulberry32 };

export interface RecordingLogger extends Logger { readonly lines: string[] }
export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const log = (level: string) => (m: string): void => { lines.push(`${level} ${m}`); };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

/** A small, fully specified body (fixed seed) for each model. */
export function smallBody(slug: typeof L | typeof M, params: Record<string, unknown> = {}): Record<string, unknown> {
  const size = slug === L ? { width: 256, height: 256 } : { img_width: 512, img_height: 512 };
  return buildRequest(slug, { prompt: 'a lighthouse at dusk', seed: 1234, ...size, ...params }).body;
}

/** Emulator ← apiProxy ← client, and image origin ← imageProxy (output URLs rewritten to it). */
export interface Rig {
  readonly emu: Emulator;
  readonly api: FaultProxy;
  readonly images: FaultProxy;
  /** With `publicNames`: the forward proxy that makes api/cdn.segmind.test reachable. */
  readonly router?: HostRouter;
  /** The base URL clients use. */
  readonly baseUrl: string;
  client(extra?: Partial<ClientOptions>): SegmindClient & { readonly log: RecordingLogger };
  /** Clears records and faults of the emulator and both proxies. */
  reset(): void;
  close(): Promise<void>;
}

export const PUBLIC_API = 'http://api.segmind.test';
export const PUBLIC_CDN = 'http://cdn.segmind.test';

/**
 * `publicNames`: the client talks to http://api.segmind.test through a forward proxy (every answer's
 * URLs rewritten to the made-up names), so loopback and private hosts are NOT trusted as they are
 * when the API itself is on loopback — what a real user with https://api.segmind.com gets.
 */
export async function startRig(opts: EmulatorOptions & { publicNames?: boolean } = {}): Promise<Rig> {
  const { publicNames, ...emuOpts } = opts;
  const emu = await startEmulator({ queueMs: 20, processingMs: 60, apiKey: KNOWN_KEY, ...emuOpts });
  const images = await startFaultProxy({ target: emu.outputUrl });
  const api = await startFaultProxy({
    target: emu.url,
    rewrite: publicNames ? [{ from: emu.outputUrl, to: PUBLIC_CDN }, { from: emu.url, to: PUBLIC_API }] : [{ from: emu.outputUrl, to: images.url }],
  });
  const router = publicNames ? await startHostRouter({ 'api.segmind.test:80': api.port, 'cdn.segmind.test:80': images.port }) : undefined;
  const baseUrl = publicNames ? PUBLIC_API : api.url;
  const clients: SegmindClient[] = [];
  return {
    emu, api, images, baseUrl, ...(router ? { router } : {}),
    client(extra = {}) {
      const log = recordingLogger();
      const c = new SegmindClient({ baseUrl, apiKey: KNOWN_KEY, logger: log, env: {}, ...(router ? { proxyUrl: router.url } : {}), ...extra });
      clients.push(c);
      return Object.assign(c, { log });
    },
    reset() {
      emu.reset();
      for (const p of [api, images]) {
        p.clearFaults();
        p.requests.length = 0;
      }
      if (router) {
        router.asked.length = 0;
        router.refused.length = 0;
      }
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await Promise.all([api.close(), images.close(), router?.close()]);
      await emu.close();
    },
  };
}

/** Awaits a rejection with a SegmindError of `kind` (and message pattern) and returns it. */
export async function rejectsWith(promise: Promise<unknown>, kind: SegmindErrorKind, message?: RegExp): Promise<SegmindError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof SegmindError, `expected a SegmindError, got ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`);
    assert.equal(e.kind, kind, e.message);
    if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected a '${kind}' error, but the call succeeded`);
}

/** Every place a text can hold the key: the whole error (own properties, cause chain, stack). */
export function textsOf(e: unknown): string[] {
  const out: string[] = [];
  for (let cur: unknown = e, depth = 0; cur && depth < 6; cur = (cur as { cause?: unknown }).cause, depth++) {
    out.push(String(cur));
    if (cur instanceof Error) out.push(cur.stack ?? '', cur.message);
    try {
      out.push(JSON.stringify(cur));
    } catch {
      // cyclic: String() above is enough
    }
    if (typeof cur === 'object') for (const v of Object.values(cur)) if (typeof v === 'string') out.push(v);
  }
  return out;
}

/**
 * The key appears only in `x-api-key` headers that reached the configured API (the API proxy and,
 * behind it, the emulator's API origin): never at the image origin, at any other host, in a log
 * line or in an error.
 */
export function assertKeyOnlyToApi(
  rig: Rig,
  c: { readonly log: RecordingLogger },
  errors: unknown[] = [],
  otherHosts: readonly { readonly requests: readonly { readonly headers: Record<string, unknown> }[] }[] = [],
): void {
  for (const r of rig.emu.requests) {
    if (r.origin === 'output') assert.equal(r.headers['x-api-key'], undefined, `key sent to the image origin: ${r.path}`);
    else assert.equal(r.headers['x-api-key'], KNOWN_KEY, `API request without the key: ${r.path}`);
  }
  for (const r of rig.images.requests) assert.equal(r.headers['x-api-key'], undefined, `key sent to the image proxy: ${r.path}`);
  for (const host of otherHosts) for (const r of host.requests) assert.equal(r.headers['x-api-key'], undefined, 'key sent to another host');
  for (const line of c.log.lines) assert.ok(!line.includes(KNOWN_KEY), `key in a log line: ${line}`);
  for (const e of errors) for (const t of textsOf(e)) assert.ok(!t.includes(KNOWN_KEY), 'key in an error');
}

/** One row of the figures printed at the end of a suite (and copied into SECURITY.md). */
export interface CaseRow {
  readonly case: string;
  readonly outcome: string;
  readonly submitsAccepted: number | string;
  readonly written: string;
}

export class CaseTable {
  readonly rows: CaseRow[] = [];
  add(row: CaseRow): void { this.rows.push(row); }
  /** Markdown, printed as test diagnostics so a reviewer can compare it with SECURITY.md. */
  print(title: string): void {
    const lines = [`\n### ${title}`, '| Case | Outcome a user sees | Submits accepted | Written |', '| --- | --- | --- | --- |'];
    for (const r of this.rows) lines.push(`| ${r.case} | ${r.outcome.replace(/\|/g, '\\|')} | ${r.submitsAccepted} | ${r.written} |`);
    process.stdout.write(`${lines.join('\n')}\n`);
  }
}

/** Shortened message for the table. */
export function brief(e: SegmindError): string {
  return `${e.kind}: ${e.message.length > 140 ? `${e.message.slice(0, 140)}…` : e.message}`;
}

/** Strings a hostile prompt or name may contain. */
export const HOSTILE_TEXT: Readonly<Record<string, string>> = {
  'control characters': 'a cat\u0001\u0007\u001b[31m\u0008\u007f\u009b',
  'RTL override': 'a cat \u202egnp.exe\u202c and \u2066isolate\u2069',
  emoji: 'a 🐈‍⬛ cat 👩🏽‍🚀 with 🏳️‍🌈 flag',
  NUL: 'a cat\u0000 with NUL',
  'lone surrogate': 'a cat \ud800 broken',
  'zero-width': 'a\u200bc\u200da\u2060t\ufeff',
  'JSON breaker': 'a cat", "steps": 1, "x": "',
  'HTML': '<img src=x onerror=alert(1)><script>alert(1)</script>',
};

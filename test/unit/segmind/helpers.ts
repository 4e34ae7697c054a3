// Shared pieces of the client tests: the emulator, a client on it, a recording logger, a real
// HTTP proxy (CONNECT tunnels and absolute-URI forwarding) and error assertions.
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator/emulator';
import { SegmindClient, type ClientOptions, type Logger } from '../../../src/segmind/client';
import { SegmindError, type SegmindErrorKind } from '../../../src/segmind/errors';
import { buildRequest } from '../../../src/segmind/request';

export const L = 'stable-diffusion-3.5-large-txt2img';
export const M = 'stable-diffusion-3-medium-txt2img';

export function emulator(opts: EmulatorOptions = {}): Promise<Emulator> {
  return startEmulator({ queueMs: 20, processingMs: 60, ...opts });
}

export interface RecordingLogger extends Logger { lines: string[] }
export function recordingLogger(): RecordingLogger {
  const lines: string[] = [];
  const log = (level: string) => (m: string) => { lines.push(`${level} ${m}`); };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export function client(emu: Emulator, extra: Partial<ClientOptions> = {}): SegmindClient & { log: RecordingLogger } {
  const log = recordingLogger();
  const c = new SegmindClient({ baseUrl: emu.url, apiKey: emu.apiKey, logger: log, env: {}, ...extra });
  return Object.assign(c, { log });
}

/** A small, fully specified request body (fixed seed) for each model. */
export function body(slug: typeof L | typeof M, params: Record<string, unknown> = {}): Record<string, unknown> {
  const size = slug === L ? { width: 256, height: 256 } : { img_width: 512, img_height: 512 };
  return buildRequest(slug, { prompt: 'a lighthouse at dusk', seed: 1234, ...size, ...params }).body;
}

export function apiRequests(emu: Emulator, method?: string, pathPrefix?: string): Emulator['requests'] {
  return emu.requests.filter((r) => r.origin === 'api' && (!method || r.method === method) && (!pathPrefix || r.path.startsWith(pathPrefix)));
}
export const submits = (emu: Emulator) => apiRequests(emu, 'POST');
export const statusPolls = (emu: Emulator) => emu.requests.filter((r) => r.origin === 'api' && r.path.endsWith('/status'));
export const imageGets = (emu: Emulator) => emu.requests.filter((r) => r.origin === 'output');

/** Awaits a rejection with a SegmindError of `kind` and returns it for further checks. */
export async function rejectsWith(promise: Promise<unknown>, kind: SegmindErrorKind, message?: RegExp): Promise<SegmindError> {
  try {
    await promise;
  } catch (e) {
    assert.ok(e instanceof SegmindError, `expected a SegmindError, got ${String(e)}`);
    assert.equal(e.kind, kind, e.message);
    if (message) assert.match(e.message, message);
    return e;
  }
  assert.fail(`expected a '${kind}' error, but the call succeeded`);
}

/** The key must appear only in x-api-key headers sent to the API origin. */
export function assertKeyOnlyToApi(emu: Emulator, c: { log: RecordingLogger }, errors: unknown[] = []): void {
  for (const r of emu.requests) {
    if (r.origin === 'output') assert.equal(r.headers['x-api-key'], undefined, `key sent to output origin: ${r.path}`);
    else assert.equal(r.headers['x-api-key'], emu.apiKey);
  }
  for (const line of c.log.lines) assert.ok(!line.includes(emu.apiKey), `key in log: ${line}`);
  for (const e of errors) assert.ok(!JSON.stringify(e).includes(emu.apiKey) && !String(e).includes(emu.apiKey), 'key in error');
}

/** PNG width/height from the IHDR chunk. */
export function pngSize(bytes: Uint8Array): { width: number; height: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

export interface TestProxy { url: string; connects: string[]; forwards: string[]; close(): Promise<void> }

/** A real HTTP proxy on loopback: CONNECT tunnels (what undici uses) and plain absolute-URI forwarding. */
export async function startProxy(): Promise<TestProxy> {
  const connects: string[] = [];
  const forwards: string[] = [];
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    forwards.push(req.url ?? '');
    const target = new URL(req.url ?? '');
    const upstream = http.request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: req.method, headers: req.headers }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    });
    upstream.on('error', () => res.destroy());
    req.pipe(upstream);
  });
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    connects.push(req.url ?? '');
    const [host, port] = (req.url ?? '').split(':');
    const upstream = net.connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
    }
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, connects, forwards,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

/** A loopback server answering every request with `handler`, recording requests. */
export async function startServer(handler: http.RequestListener): Promise<{ url: string; requests: http.IncomingMessage[]; close(): Promise<void> }> {
  const requests: http.IncomingMessage[] = [];
  const server = http.createServer((req, res) => {
    requests.push(req);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

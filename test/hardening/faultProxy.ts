// A loopback HTTP fault proxy that sits between the client and the emulator, for the faults the
// emulator cannot make itself: connections refused (listener closed), resets on arrival or after N
// body bytes, slow headers, a body dripped or stalled mid-way, redirects to another origin, and
// rewriting of the URLs in JSON answers (so the images also pass through a proxy).
// Bounded: 127.0.0.1 only, bodies buffered up to MAX_BODY_BYTES, every socket destroyed on close().
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';

const MAX_BODY_BYTES = 64 * 1024 * 1024;

/** Which requests a fault applies to; each use is consumed by one matching request. */
export interface FaultMatch {
  readonly method?: 'GET' | 'POST';
  /** Prefix of the request path, or a pattern. */
  readonly path?: string | RegExp;
  /** Default 1; Infinity for every matching request. */
  readonly times?: number;
}

export type ProxyFaultSpec =
  /** TCP RST as soon as the request head arrives: nothing is forwarded (the server never sees it). */
  | { readonly kind: 'reset-before' }
  /** Forwarded (the server processes it, e.g. creates and bills a job), then RST instead of the answer. */
  | { readonly kind: 'reset-after-forward' }
  /** The answer's head is held back for `ms`. */
  | { readonly kind: 'delay-headers'; readonly ms: number }
  /** The body trickles out `chunkBytes` at a time every `intervalMs`. */
  | { readonly kind: 'slow-body'; readonly chunkBytes: number; readonly intervalMs: number }
  /** Head (with the full Content-Length) and `afterBytes` of the body, then silence until closed. */
  | { readonly kind: 'stall-body'; readonly afterBytes: number }
  /** Head and `afterBytes` of the body, then RST. */
  | { readonly kind: 'reset-after-bytes'; readonly afterBytes: number }
  /** Answer `status` with `Location: location(path)` without forwarding. */
  | { readonly kind: 'redirect'; readonly status: 301 | 302 | 303 | 307 | 308; readonly location: (path: string) => string };

export type ProxyFault = FaultMatch & ProxyFaultSpec;

export interface ProxyRecord {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  /** The fault applied, if any. */
  readonly fault?: ProxyFaultSpec['kind'];
  /** Whether the request reached the upstream server. */
  readonly forwarded: boolean;
  readonly at: number;
}

export interface FaultProxyOptions {
  /** Upstream origin, e.g. the emulator's API URL. */
  readonly target: string;
  /** Text replacements in JSON answers (e.g. the emulator's image origin → another proxy). */
  readonly rewrite?: readonly { readonly from: string; readonly to: string }[];
}

export interface FaultProxy {
  readonly url: string;
  readonly port: number;
  readonly requests: ProxyRecord[];
  fault(f: ProxyFault): void;
  clearFaults(): void;
  /** Sets the JSON rewrites (replacing earlier ones). */
  setRewrite(rewrite: readonly { readonly from: string; readonly to: string }[]): void;
  /** Stops listening for `ms` (connections are refused), then listens again on the same port. */
  refuseFor(ms: number): Promise<void>;
  /** Stops listening until resume() (connections are refused). */
  refuse(): Promise<void>;
  resume(): Promise<void>;
  /** Open client sockets right now (to check a client closes what it opened). */
  openSockets(): number;
  close(): Promise<void>;
}

interface QueuedFault { spec: ProxyFaultSpec; match: FaultMatch; left: number }

function matches(match: FaultMatch, method: string, path: string): boolean {
  if (match.method && match.method !== method) return false;
  if (match.path === undefined) return true;
  return typeof match.path === 'string' ? path.startsWith(match.path) : match.path.test(path);
}

function specOf(f: ProxyFault): ProxyFaultSpec {
  const { method: _m, path: _p, times: _t, ...spec } = f;
  return spec as ProxyFaultSpec;
}

/** Reads a stream into a Buffer, refusing more than MAX_BODY_BYTES. */
function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large for the fault proxy'));
        return;
      }
      chunks.push(c);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const target = new URL(options.target);
  if (target.hostname !== '127.0.0.1' && target.hostname !== 'localhost') throw new Error('the fault proxy only forwards to loopback');
  const requests: ProxyRecord[] = [];
  const faults: QueuedFault[] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<ReturnType<typeof setTimeout>>();
  let rewrite = options.rewrite ?? [];
  let closed = false;

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const takeFault = (method: string, path: string): ProxyFaultSpec | undefined => {
    const i = faults.findIndex((f) => f.left > 0 && matches(f.match, method, path));
    const found = faults[i];
    if (!found) return undefined;
    found.left--;
    if (found.left <= 0) faults.splice(i, 1);
    return found.spec;
  };

  const forward = (req: http.IncomingMessage, body: Buffer): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> =>
    new Promise((resolve, reject) => {
      const headers = { ...req.headers, host: target.host };
      const up = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers }, (res) => {
        readAll(res).then((b) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: b }), reject);
      });
      up.on('error', reject);
      up.end(body);
    });

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const fault = takeFault(method, path);
    const body = await readAll(req);
    const record = (forwarded: boolean): void => {
      requests.push({ method, path, headers: req.headers, ...(fault ? { fault: fault.kind } : {}), forwarded, at: Date.now() });
    };
    if (fault?.kind === 'reset-before') {
      record(false);
      req.socket.resetAndDestroy();
      return;
    }
    if (fault?.kind === 'redirect') {
      record(false);
      res.writeHead(fault.status, { location: fault.location(path), 'content-length': '0' });
      res.end();
      return;
    }
    record(true);
    let upstream: { status: number; headers: http.IncomingHttpHeaders; body: Buffer };
    try {
      upstream = await forward(req, body);
    } catch {
      // The emulator itself reset the connection (its own reset faults): pass the reset on.
      req.socket.resetAndDestroy();
      return;
    }
    if (fault?.kind === 'reset-after-forward') {
      req.socket.resetAndDestroy();
      return;
    }
    let out = upstream.body;
    if (rewrite.length && /json/i.test(String(upstream.headers['content-type'] ?? ''))) {
      let text = out.toString('utf8');
      for (const r of rewrite) text = text.split(r.from).join(r.to);
      out = Buffer.from(text, 'utf8');
    }
    const headers: http.OutgoingHttpHeaders = { ...upstream.headers, 'content-length': String(out.length) };
    delete headers['transfer-encoding'];
    delete headers.connection;
    const send = (): void => {
      if (closed || req.socket.destroyed) return;
      if (fault?.kind === 'stall-body' || fault?.kind === 'reset-after-bytes') {
        res.writeHead(upstream.status, headers);
        res.write(out.subarray(0, Math.min(fault.afterBytes, out.length)));
        if (fault.kind === 'reset-after-bytes') later(20, () => req.socket.resetAndDestroy());
        return; // stall: nothing more until the client gives up or close()
      }
      if (fault?.kind === 'slow-body') {
        res.writeHead(upstream.status, headers);
        let offset = 0;
        const drip = (): void => {
          if (closed || req.socket.destroyed) return;
          const next = out.subarray(offset, offset + fault.chunkBytes);
          offset += next.length;
          if (offset >= out.length) res.end(next);
          else {
            res.write(next);
            later(fault.intervalMs, drip);
          }
        };
        drip();
        return;
      }
      res.writeHead(upstream.status, headers);
      res.end(out);
    };
    if (fault?.kind === 'delay-headers') later(fault.ms, send);
    else send();
  };

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => req.socket.destroy());
  });
  server.keepAliveTimeout = 1000;
  server.on('connection', (s: net.Socket) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  server.on('clientError', (_e, socket) => socket.destroy());

  const listen = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  const stopListening = (): Promise<void> =>
    new Promise((resolve) => {
      // Existing keep-alive sockets would still be served: cut them so new requests must connect.
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    });

  await listen(0);
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    fault(f) {
      faults.push({ spec: specOf(f), match: f, left: f.times ?? 1 });
    },
    clearFaults() {
      faults.length = 0;
    },
    setRewrite(r) {
      rewrite = r;
    },
    async refuseFor(ms) {
      await stopListening();
      later(ms, () => void listen(port).catch(() => undefined));
    },
    refuse: stopListening,
    resume: () => listen(port),
    openSockets: () => sockets.size,
    async close() {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      for (const s of sockets) s.destroy();
      if (server.listening) await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port on 127.0.0.1 that nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface HostRouter {
  /** Proxy URL to give the client (`proxyUrl`). */
  readonly url: string;
  /** Every host:port the client asked to reach, in order (CONNECT targets and absolute-form hosts). */
  readonly asked: string[];
  /** Those that were refused because no route exists (e.g. a private host an answer pointed at). */
  readonly refused: string[];
  close(): Promise<void>;
}

/**
 * A forward proxy that makes made-up public names reachable: each `host:port` in `routes` is tunnelled
 * to a loopback port (e.g. api.segmind.test:80 → the API fault proxy), anything else is refused with
 * 502 and recorded. Lets a test run the client against a non-loopback API origin, so that loopback
 * and private hosts are not trusted, while every byte still stays on 127.0.0.1.
 */
export async function startHostRouter(routes: Readonly<Record<string, number>>): Promise<HostRouter> {
  const asked: string[] = [];
  const refused: string[] = [];
  const sockets = new Set<net.Socket>();
  const track = (s: net.Socket): void => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  };
  const server = http.createServer((req, res) => {
    // Absolute-form forwarding (GET http://host/path).
    let target: URL;
    try {
      target = new URL(req.url ?? '');
    } catch {
      res.writeHead(400).end();
      return;
    }
    const hostPort = `${target.hostname}:${target.port || '80'}`;
    asked.push(hostPort);
    const port = routes[hostPort];
    if (port === undefined) {
      refused.push(hostPort);
      res.writeHead(502, { 'content-length': '0' }).end();
      return;
    }
    const up = http.request({ host: '127.0.0.1', port, method: req.method, path: target.pathname + target.search, headers: req.headers }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  });
  server.on('connection', track);
  server.on('connect', (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    const hostPort = req.url ?? '';
    asked.push(hostPort);
    const port = routes[hostPort];
    track(client);
    if (port === undefined) {
      refused.push(hostPort);
      client.end('HTTP/1.1 502 Bad Gateway\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    const upstream = net.connect(port, '127.0.0.1', () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    track(upstream);
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.on('close', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`, asked, refused,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}

// A Segmind emulator: real HTTP servers on 127.0.0.1 (API + image origin) that behave like Segmind for
// SD 3.5 Large and SD 3 Medium, with faults on demand and a record of every request.
// Used by unit/integration tests, the demo (`npm run emulator`) and the benchmarks.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiContext, ParsedRequest } from './api-routes';
import { handleApiRequest } from './api-routes';
import { CONTROL_PREFIX, handleControlRequest } from './control';
import { FaultQueue } from './faults';
import { sharedImageCache } from './images';
import { JobStore } from './jobs';
import { OUTPUT_PATH, handleOutputRequest } from './output-routes';
import { SubmitRateLimiter } from './rate-limit';
import { errorReply, sendReply } from './replies';
import type { Emulator, EmulatorOptions, Fault, RecordedRequest } from './types';

export type { Emulator, EmulatorJob, EmulatorOptions, Fault, FaultKind, FaultTarget, JobStatus, RecordedRequest } from './types';
export { mulberry32, realisticTiming, referenceProcessingMs } from './timing';

const MAX_BODY_BYTES = 1024 * 1024;

/** Starts the emulator; close() it when done. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  let clockOffset = 0;
  const clock = () => Date.now() + clockOffset;
  const apiKey = options.apiKey ?? `emu-${randomBytes(12).toString('hex')}`;
  const requests: RecordedRequest[] = [];
  const jobs = new JobStore(options, clock);
  const faults = new FaultQueue();
  const limiter = new SubmitRateLimiter(options.rateLimit, clock);
  const separate = options.separateOutputOrigin ?? true;
  let apiUrl = '';
  let outputUrl = '';
  const timers = new Set<NodeJS.Timeout>();
  const cancelTimers = () => {
    for (const t of timers) clearTimeout(t);
    timers.clear();
  };

  const ctx: ApiContext = {
    apiKey, jobs, faults, limiter, clock,
    images: sharedImageCache,
    incompressible: options.incompressible === true,
    apiUrl: () => apiUrl,
    outputUrl: () => outputUrl,
    schedule: (task, delayMs) => {
      const timer = setTimeout(() => {
        timers.delete(timer);
        task();
      }, delayMs);
      timer.unref();
      timers.add(timer);
    },
  };

  const emulator: Emulator = {
    get url() { return apiUrl; },
    get outputUrl() { return outputUrl; },
    apiKey,
    requests,
    jobs: jobs.jobs,
    fault: (f: Fault) => faults.add(f),
    clearFaults: () => faults.clear(),
    reset: () => {
      requests.length = 0;
      jobs.clear();
      faults.clear();
      limiter.clear();
      cancelTimers();
      clockOffset = 0;
    },
    setCredits: (remaining: number) => jobs.setCredits(remaining),
    advanceClock: (ms: number) => {
      clockOffset += ms;
    },
    acceptedSubmits: () => jobs.jobs.size,
    close: async () => {
      cancelTimers();
      await Promise.all(servers.map(closeServer));
    },
  };

  const apiServer = http.createServer((req, res) => {
    const path = pathOf(req.url);
    if (options.control && path.startsWith(CONTROL_PREFIX)) {
      return void serve(req, res, false, (r) => handleControlRequest(emulator, r));
    }
    if (!separate && OUTPUT_PATH.test(path)) return void serve(req, res, 'output', (r) => handleOutputRequest(ctx, r));
    void serve(req, res, 'api', (r) => handleApiRequest(ctx, r));
  });
  const servers = [apiServer];
  if (separate) servers.push(http.createServer((req, res) => void serve(req, res, 'output', (r) => handleOutputRequest(ctx, r))));

  /** Reads the body, records the request (unless `origin` is false), then runs the handler. */
  async function serve(req: http.IncomingMessage, res: http.ServerResponse, origin: RecordedRequest['origin'] | false, handler: (r: ParsedRequest) => Promise<void>): Promise<void> {
    const at = clock();
    const path = pathOf(req.url);
    try {
      const body = await readBody(req);
      if (body === undefined) return await sendReply(req, res, errorReply(413, 'Request body too large'));
      let json: unknown;
      let jsonError = false;
      if (body.length > 0) {
        try {
          json = JSON.parse(body.toString('utf8'));
        } catch {
          jsonError = true;
        }
      }
      if (origin) {
        requests.push({ origin, method: req.method ?? 'GET', path, headers: { ...req.headers }, body, ...(json === undefined ? {} : { json }), at });
      }
      await handler({ req, res, path, body, json, jsonError });
    } catch (err) {
      if (!res.headersSent && !res.destroyed) {
        await sendReply(req, res, errorReply(500, `Emulator error: ${(err as Error).message}`));
      } else {
        res.destroy();
      }
    }
  }

  const [apiPort, outputPort] = await Promise.all(servers.map((s, i) => listen(s, i === 0 ? (options.port ?? 0) : 0)));
  apiUrl = `http://127.0.0.1:${apiPort}`;
  outputUrl = separate ? `http://127.0.0.1:${outputPort}` : apiUrl;
  return emulator;
}

function pathOf(url: string | undefined): string {
  // A forwarding proxy may pass the absolute form (`GET http://host/path`) through unchanged.
  const raw = /^https?:\/\//i.test(url ?? '') ? new URL(url ?? '/').pathname : (url ?? '/');
  const q = raw.indexOf('?');
  return q === -1 ? raw : raw.slice(0, q);
}

function readBody(req: http.IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? undefined : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function listen(server: http.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Stalled bodies and keep-alive sockets would otherwise hold close() open.
    server.closeAllConnections();
  });
}

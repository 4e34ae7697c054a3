// Answers a malicious or compromised API (or anything between) could send that the emulator's fault
// list does not cover: hundreds of outputs, hostile request ids, prototype keys, absurd metrics. A
// small scripted server on loopback plays the API; a real image comes from the emulator's renderer.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SegmindClient } from '../../../src/segmind/client';
import { CaseTable, KNOWN_KEY, M, brief, recordingLogger, rejectsWith, smallBody, startRig, textsOf, type Rig } from '../../hardening/fixtures';

const table = new CaseTable();
after(() => table.print('Hostile API answers (scripted server)'));

interface Scripted {
  readonly url: string;
  readonly requests: { method: string; path: string; headers: http.IncomingHttpHeaders }[];
  close(): Promise<void>;
}

type Answer = { status?: number; json?: unknown; bytes?: Buffer; contentType?: string };

/** Every scripted server, closed after the suite even when a test fails (an open one would hang the run). */
const open = new Set<Scripted>();

/** A loopback API whose answers the test writes: `answer(method, path)`. */
async function startScripted(answer: (method: string, path: string, self: string) => Answer): Promise<Scripted> {
  const requests: Scripted['requests'] = [];
  let self = '';
  const server = http.createServer((req, res) => {
    requests.push({ method: req.method ?? '', path: req.url ?? '', headers: req.headers });
    req.resume();
    req.on('end', () => {
      const a = answer(req.method ?? '', req.url ?? '', self);
      const body = a.bytes ?? Buffer.from(JSON.stringify(a.json ?? {}));
      res.writeHead(a.status ?? 200, { 'content-type': a.contentType ?? (a.bytes ? 'image/jpeg' : 'application/json'), 'content-length': body.length });
      res.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const scripted: Scripted = {
    url: self, requests,
    close: () => {
      open.delete(scripted);
      return new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); });
    },
  };
  open.add(scripted);
  return scripted;
}

/** A scripted job: submit → id, status → COMPLETED, result → `result(self)`, images → `image`. */
function job(requestId: string, result: (self: string) => unknown, image: Buffer): (method: string, path: string, self: string) => Answer {
  return (method, path, self) => {
    if (method === 'POST') return { json: { request_id: requestId, status: 'QUEUED', status_url: `${self}/v2/requests/x/status`, response_url: `${self}/v2/requests/x` } };
    if (path.endsWith('/status')) return { json: { status: 'COMPLETED', request_id: requestId } };
    if (path.startsWith('/v2/requests/')) return { json: result(self) };
    return { bytes: image };
  };
}

describe('hardening: hostile API answers', () => {
  let rig: Rig;
  let jpeg: Buffer;
  before(async () => {
    rig = await startRig();
    const c = rig.client();
    const r = await c.generateAsync(M, smallBody(M));
    jpeg = Buffer.from(r.images[0]?.bytes ?? []);
  });
  const clients: SegmindClient[] = [];
  after(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all([...open].map((s) => s.close()));
    await rig.close();
  });

  const client = (url: string): SegmindClient & { log: ReturnType<typeof recordingLogger> } => {
    const log = recordingLogger();
    const c = new SegmindClient({ baseUrl: url, apiKey: KNOWN_KEY, logger: log, env: {}, timeoutMs: 15_000 });
    clients.push(c);
    return Object.assign(c, { log });
  };

  it('a result with 500 output URLs for a 1-image request → refused, not 500 downloads', async () => {
    const api = await startScripted(job('many-outputs', (self) => ({ status: 'COMPLETED', output: Array.from({ length: 500 }, (_, i) => `${self}/img/${i}.jpg`) }), jpeg));
    const c = client(api.url);
    try {
      const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'malformed');
      table.add({ case: 'result lists 500 outputs for 1 image', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
    } finally {
      const downloads = api.requests.filter((r) => r.path.startsWith('/img/')).length;
      await c.dispose();
      await api.close();
      assert.ok(downloads <= 10, `${downloads} images downloaded`);
    }
  });

  it('a request id with a newline, path characters and 5000 characters → refused, or encoded and never injected into the log', async () => {
    const hostile = `../../v1/x\n[jobs] FORGED line ${'z'.repeat(5000)}`;
    const api = await startScripted(job(hostile, (self) => ({ status: 'COMPLETED', output: `${self}/img/0.jpg` }), jpeg));
    const c = client(api.url);
    try {
      const outcome = await c.generateAsync(M, smallBody(M)).then(() => 'image saved', (e: unknown) => (e instanceof Error ? `${(e as { kind?: string }).kind ?? e.name}: ${e.message.slice(0, 140)}` : String(e)));
      table.add({ case: 'request_id with a newline, "../", 5000 characters', outcome, submitsAccepted: 1, written: outcome === 'image saved' ? '1 image' : 'nothing' });
      for (const r of api.requests.filter((q) => q.method === 'GET' && q.path.startsWith('/v2/'))) {
        assert.ok(r.path.startsWith('/v2/requests/') && !r.path.includes('/../') && !r.path.includes('\n'), `poll path stays under /v2/requests/: ${r.path.slice(0, 60)}`);
      }
      for (const line of c.log.lines) assert.ok(!line.includes('\n'), `a log line with a newline: ${JSON.stringify(line.slice(0, 120))}`);
    } finally {
      await c.dispose();
      await api.close();
    }
  });

  it('a request id with path characters is URL-encoded in every poll (never walks out of /v2/requests/)', async () => {
    const api = await startScripted(job('../../v1/stable-diffusion-3-medium-txt2img?x=1#y', (self) => ({ status: 'COMPLETED', output: `${self}/img/0.jpg` }), jpeg));
    const c = client(api.url);
    const result = await c.generateAsync(M, smallBody(M));
    await c.dispose();
    await api.close();
    assert.equal(result.images.length, 1);
    const gets = api.requests.filter((r) => r.method === 'GET' && !r.path.startsWith('/img/'));
    assert.ok(gets.length >= 2);
    for (const r of gets) assert.match(r.path, /^\/v2\/requests\/\.\.%2F\.\.%2Fv1%2Fstable-diffusion-3-medium-txt2img%3Fx%3D1%23y(\/status)?$/);
    assert.equal(api.requests.filter((r) => r.method === 'POST').length, 1);
    table.add({ case: 'request_id "../../v1/…?x=1#y"', outcome: 'encoded in every poll; image saved', submitsAccepted: 1, written: '1 image' });
  });

  it('answers with own "__proto__" keys do not change what the client reads, and pollute nothing', async () => {
    const api = await startScripted((method, path, self) => {
      if (method === 'POST') return { bytes: Buffer.from(`{"__proto__":{"request_id":"evil"},"request_id":"p1","status_url":"${self}/s","response_url":"${self}/r"}`), contentType: 'application/json' };
      if (path.endsWith('/status')) return { bytes: Buffer.from('{"__proto__":{"status":"FAILED","polluted":1},"status":"COMPLETED"}'), contentType: 'application/json' };
      if (path.startsWith('/v2/requests/')) return { bytes: Buffer.from(`{"__proto__":{"output":"javascript:x"},"status":"COMPLETED","output":"${self}/img/0.jpg","metrics":{"__proto__":{"remaining_credits":1},"remaining_credits":"7"}}`), contentType: 'application/json' };
      return { bytes: jpeg };
    });
    const c = client(api.url);
    const result = await c.generateAsync(M, smallBody(M));
    await c.dispose();
    await api.close();
    assert.equal(result.requestId, 'p1');
    assert.equal(result.images.length, 1);
    assert.equal(result.remainingCredits, 7);
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    table.add({ case: 'answers with own "__proto__" keys', outcome: 'ignored; image saved; nothing polluted', submitsAccepted: 1, written: '1 image' });
  });

  it('absurd metrics (credits "1e999", negative, NaN) do not crash and are not reported as numbers', async () => {
    for (const credits of ['1e999', 'NaN', 'Infinity', { x: 1 }]) {
      const api = await startScripted(job('metrics', (self) => ({ status: 'COMPLETED', output: `${self}/img/0.jpg`, metrics: { remaining_credits: credits, inference_time: 'soon' } }), jpeg));
      const c = client(api.url);
      const result = await c.generateAsync(M, smallBody(M));
      await c.dispose();
      await api.close();
      assert.equal(result.remainingCredits, undefined, JSON.stringify(credits));
    }
  });

  it('a status that never leaves PROCESSING ends at the deadline with the request id (no endless polling)', async () => {
    const api = await startScripted((method, path, self) => {
      if (method === 'POST') return { json: { request_id: 'forever', status_url: `${self}/s`, response_url: `${self}/r` } };
      return { json: { status: 'PROCESSING', request_id: 'forever' } };
    });
    const log = recordingLogger();
    const c = new SegmindClient({ baseUrl: api.url, apiKey: KNOWN_KEY, logger: log, env: {}, timeoutMs: 2000 });
    clients.push(c);
    const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'timeout', /request forever/);
    const polls = api.requests.filter((r) => r.path.endsWith('/status')).length;
    await c.dispose();
    await api.close();
    assert.ok(polls < 40, `${polls} polls in 2 s`);
    for (const t of textsOf(e)) assert.ok(!t.includes(KNOWN_KEY));
    table.add({ case: 'status stuck in PROCESSING', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });
});

import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { SD35L, SD3M, asJson, get, post, submit } from './helpers';

const BODY = { prompt: 'limited', width: 64, height: 64 };

describe('emulator rate limit', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ queueMs: 0, processingMs: 0, rateLimit: { submits: 3, windowMs: 10_000 } });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  it('N submits per window; the next gets 429 with Retry-After = seconds until the window frees; no job', async () => {
    for (let i = 0; i < 3; i++) assert.equal((await post(emu, `/v2/${SD35L}`, BODY)).status, 200);
    emu.advanceClock(2_500);
    const limited = await asJson(post(emu, `/v2/${SD35L}`, BODY));
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get('retry-after'), '8');
    assert.match(String(limited.json.error), /rate limit/i);
    assert.equal(emu.acceptedSubmits(), 3);
  });

  it('the window slides: a slot frees when the oldest submit leaves it', async () => {
    await submit(emu, SD35L, BODY);
    emu.advanceClock(5_000);
    await submit(emu, SD35L, BODY);
    await submit(emu, SD35L, BODY);
    // Margins of a second either side: real time also passes while a loaded machine runs this.
    emu.advanceClock(4_000);
    assert.equal((await post(emu, `/v2/${SD35L}`, BODY)).status, 429);
    emu.advanceClock(1_200);
    assert.equal((await post(emu, `/v2/${SD35L}`, BODY)).status, 200);
    assert.equal((await post(emu, `/v2/${SD35L}`, BODY)).status, 429);
    assert.equal(emu.acceptedSubmits(), 4);
  });

  it('v1 sync counts as a submit; status, result and images are never limited', async () => {
    const id = await submit(emu, SD3M, { prompt: 'x', img_width: 512, img_height: 512 });
    await submit(emu, SD3M, { prompt: 'x', img_width: 512, img_height: 512 });
    assert.equal((await post(emu, `/v1/${SD35L}`, BODY)).status, 200);
    assert.equal((await post(emu, `/v1/${SD35L}`, BODY)).status, 429);
    for (let i = 0; i < 10; i++) {
      assert.equal((await get(emu, `/v2/requests/${id}/status`)).status, 200);
      assert.equal((await get(emu, `/v2/requests/${id}`)).status, 200);
    }
    assert.equal((await get(emu, emu.jobs.get(id)?.outputs[0] ?? '', null)).status, 200);
  });
});

describe('emulator control API', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ queueMs: 10_000, processingMs: 10_000, control: true });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  const control = (path: string, body?: unknown) =>
    fetch(`${emu.url}/__emulator/${path}`, body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

  it('is absent unless asked for', async () => {
    const plain = await startEmulator();
    try {
      const r = await fetch(`${plain.url}/__emulator/requests`, { headers: { 'x-api-key': plain.apiKey } });
      assert.equal(r.status, 404);
    } finally {
      await plain.close();
    }
  });

  it('GET requests and jobs reflect the traffic (bodies base64), control calls are not recorded', async () => {
    const id = await submit(emu, SD35L, BODY);
    const requests = (await (await control('requests')).json()) as { path: string; body: string; json: unknown; headers: Record<string, string> }[];
    assert.equal(requests.length, 1);
    assert.equal(requests[0]?.path, `/v2/${SD35L}`);
    assert.deepEqual(JSON.parse(Buffer.from(requests[0]?.body ?? '', 'base64').toString()), BODY);
    assert.deepEqual(requests[0]?.json, BODY);
    const jobs = (await (await control('jobs')).json()) as { requestId: string; status: string; completedAt: number; outputs: string[] }[];
    assert.equal(jobs.length, 1);
    assert.equal(jobs[0]?.requestId, id);
    assert.equal(jobs[0]?.status, 'QUEUED');
    assert.equal(jobs[0]?.completedAt, emu.jobs.get(id)?.completedAt);
    assert.equal(emu.requests.length, 1);
  });

  it('POST fault queues a fault; invalid faults are a 400', async () => {
    assert.equal((await control('fault', { on: 'submit', kind: 'http', status: 406 })).status, 200);
    assert.equal((await post(emu, `/v2/${SD35L}`, BODY)).status, 406);
    const bad = await asJson(control('fault', { on: 'submit', kind: 'http' }));
    assert.equal(bad.status, 400);
    assert.match(String(bad.json.error), /status/);
  });

  it('POST clock advances the clock; POST reset clears everything', async () => {
    const id = await submit(emu, SD35L, BODY);
    assert.equal((await control('clock', { advanceMs: 20_000 })).status, 200);
    assert.equal((await asJson(get(emu, `/v2/requests/${id}/status`))).json.status, 'COMPLETED');
    assert.equal((await control('clock', {})).status, 400);
    assert.equal((await control('reset', {})).status, 200);
    assert.equal(emu.jobs.size, 0);
    assert.equal(emu.requests.length, 0);
  });

  it('GET info reports the URLs and accepted submits, never the key', async () => {
    await submit(emu, SD35L, BODY);
    const text = await (await control('info')).text();
    assert.deepEqual(JSON.parse(text), { url: emu.url, outputUrl: emu.outputUrl, acceptedSubmits: 1 });
    assert.ok(!text.includes(emu.apiKey));
  });
});

describe('emulator with separateOutputOrigin: false', () => {
  it('serves images from the API origin and records them as origin "output"', async () => {
    const emu = await startEmulator({ queueMs: 0, processingMs: 0, separateOutputOrigin: false });
    try {
      assert.equal(emu.outputUrl, emu.url);
      const id = await submit(emu, SD35L, BODY);
      const url = emu.jobs.get(id)?.outputs[0] ?? '';
      assert.ok(url.startsWith(`${emu.url}/outputs/`));
      assert.equal((await get(emu, url, null)).status, 200);
      assert.equal(emu.requests.at(-1)?.origin, 'output');
    } finally {
      await emu.close();
    }
  });

  it('listens on a requested port', async () => {
    const probe = await startEmulator();
    const port = Number(new URL(probe.url).port);
    await probe.close();
    const emu = await startEmulator({ port });
    try {
      assert.equal(emu.url, `http://127.0.0.1:${port}`);
    } finally {
      await emu.close();
    }
  });
});

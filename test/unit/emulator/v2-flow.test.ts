import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import sharp from 'sharp';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { SD35L, SD3M, asJson, bytesOf, get, post, submit } from './helpers';

describe('emulator v2 async flow', () => {
  let emu: Emulator;
  before(async () => {
    // Long phases, stepped through with advanceClock, so the test never races the timeline.
    emu = await startEmulator({ queueMs: 10_000, processingMs: 20_000 });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  it('submit answers QUEUED with request_id, status_url, response_url and poll_url', async () => {
    const r = await asJson(post(emu, `/v2/${SD35L}`, { prompt: 'a red fox', seed: 7 }));
    assert.equal(r.status, 200);
    const id = r.json.request_id as string;
    assert.match(id, /^[0-9a-f-]{36}$/);
    assert.equal(r.json.status, 'QUEUED');
    assert.equal(r.json.status_url, `${emu.url}/v2/requests/${id}/status`);
    assert.equal(r.json.response_url, `${emu.url}/v2/requests/${id}`);
    assert.equal(r.json.poll_url, `${emu.url}/v2/requests/${id}`);
    assert.equal(emu.acceptedSubmits(), 1);
    const job = emu.jobs.get(id);
    assert.ok(job);
    assert.equal(job.model, SD35L);
    assert.deepEqual(job.params, { prompt: 'a red fox', seed: 7 });
    assert.equal(job.processingAt - job.submittedAt, 10_000);
    assert.equal(job.completedAt - job.processingAt, 20_000);
  });

  it('walks QUEUED → PROCESSING → COMPLETED, with metrics only once COMPLETED', async () => {
    const id = await submit(emu, SD35L, { prompt: 'a red fox', seed: 7 });
    const queued = await asJson(get(emu, `/v2/requests/${id}/status`));
    assert.deepEqual(queued.json, { status: 'QUEUED', request_id: id });
    emu.advanceClock(10_000);
    const processing = await asJson(get(emu, `/v2/requests/${id}/status`));
    assert.deepEqual(processing.json, { status: 'PROCESSING', request_id: id });
    const notYet = await asJson(get(emu, `/v2/requests/${id}`));
    assert.equal(notYet.status, 200);
    assert.deepEqual(notYet.json, { status: 'PROCESSING', request_id: id });
    emu.advanceClock(20_000);
    const done = await asJson(get(emu, `/v2/requests/${id}/status`));
    assert.equal(done.json.status, 'COMPLETED');
    const metrics = done.json.metrics as Record<string, number>;
    assert.equal(metrics.inference_time, 20);
    assert.equal(metrics.queue_time, 10);
    assert.equal(metrics.total_time, 30);
    assert.ok(metrics.cost !== undefined && metrics.cost > 0);
    assert.equal(typeof metrics.remaining_credits, 'number');
    const job = emu.jobs.get(id);
    assert.equal(job?.status, 'COMPLETED');
    assert.equal(job?.statusRequests, 3);
    assert.equal(job?.resultRequests, 1);
  });

  it('status flips exactly at completedAt', async () => {
    const id = await submit(emu, SD35L, { prompt: 'edge', seed: 1 });
    const job = emu.jobs.get(id);
    assert.ok(job);
    emu.advanceClock(job.completedAt - Date.now() - 200);
    assert.equal(job.status, 'PROCESSING');
    emu.advanceClock(400);
    assert.equal(job.status, 'COMPLETED');
  });

  it('SD 3.5 Large result: one URL on the output origin, a real JPEG of the requested size', async () => {
    const id = await submit(emu, SD35L, { prompt: 'a red fox', seed: 7, width: 512, height: 768 });
    emu.advanceClock(30_000);
    const result = await asJson(get(emu, `/v2/requests/${id}`));
    assert.equal(result.status, 200);
    assert.equal(result.json.status, 'COMPLETED');
    assert.equal(result.json.request_id, id);
    assert.ok(result.json.metrics);
    const url = result.json.output as string;
    assert.equal(typeof url, 'string');
    assert.ok(url.startsWith(`${emu.outputUrl}/outputs/${id}/0.jpeg`));
    assert.notEqual(emu.outputUrl, emu.url);
    const image = await bytesOf(get(emu, url, null));
    assert.equal(image.status, 200);
    assert.equal(image.headers.get('content-type'), 'image/jpeg');
    const meta = await sharp(image.bytes).metadata();
    assert.equal(meta.format, 'jpeg');
    assert.equal(meta.width, 512);
    assert.equal(meta.height, 768);
    const download = emu.requests.find((r) => r.origin === 'output');
    assert.ok(download);
    assert.equal(download.path, `/outputs/${id}/0.jpeg`);
    assert.equal(download.headers['x-api-key'], undefined);
  });

  it('SD 3 Medium with samples 3: an array of 3 different JPEG URLs', async () => {
    const id = await submit(emu, SD3M, { prompt: 'a panda', seed: 468685, samples: 3, img_width: 640, img_height: 512 });
    emu.advanceClock(30_000);
    const result = await asJson(get(emu, `/v2/requests/${id}`));
    const urls = result.json.output as string[];
    assert.ok(Array.isArray(urls));
    assert.equal(urls.length, 3);
    const images = await Promise.all(urls.map((u) => bytesOf(get(emu, u, null))));
    for (const image of images) {
      const meta = await sharp(image.bytes).metadata();
      assert.equal(meta.format, 'jpeg');
      assert.equal(meta.width, 640);
      assert.equal(meta.height, 512);
    }
    assert.notDeepEqual(images[0]?.bytes, images[1]?.bytes);
    assert.notDeepEqual(images[1]?.bytes, images[2]?.bytes);
  });

  it('base64: true → output is a base64 string (one image) or an array of them', async () => {
    const one = await submit(emu, SD35L, { prompt: 'b64', seed: 3, width: 256, height: 256, image_format: 'png', base64: true });
    const two = await submit(emu, SD35L, { prompt: 'b64', seed: 3, width: 256, height: 256, batch_size: 2, base64: true });
    emu.advanceClock(30_000);
    const r1 = await asJson(get(emu, `/v2/requests/${one}`));
    const png = Buffer.from(r1.json.output as string, 'base64');
    assert.equal((await sharp(png).metadata()).format, 'png');
    const r2 = await asJson(get(emu, `/v2/requests/${two}`));
    const list = r2.json.output as string[];
    assert.equal(list.length, 2);
    for (const b64 of list) assert.equal((await sharp(Buffer.from(b64, 'base64')).metadata()).format, 'jpeg');
  });

  it('images are not served before the job completes', async () => {
    const id = await submit(emu, SD35L, { prompt: 'early', seed: 1 });
    const url = emu.jobs.get(id)?.outputs[0] ?? '';
    assert.equal((await get(emu, url, null)).status, 404);
    emu.advanceClock(30_000);
    assert.equal((await get(emu, url, null)).status, 200);
  });

  it('unknown request id → 404 {error}', async () => {
    const r = await asJson(get(emu, '/v2/requests/00000000-0000-4000-8000-000000000000/status'));
    assert.equal(r.status, 404);
    assert.match(String(r.json.error), /not found/i);
    const r2 = await asJson(get(emu, '/v2/requests/00000000-0000-4000-8000-000000000000'));
    assert.equal(r2.status, 404);
  });

  it('records every API request with method, path, headers, body and parsed JSON', async () => {
    await submit(emu, SD3M, { prompt: 'recorded' });
    const [req] = emu.requests;
    assert.equal(emu.requests.length, 1);
    assert.equal(req?.origin, 'api');
    assert.equal(req?.method, 'POST');
    assert.equal(req?.path, `/v2/${SD3M}`);
    assert.equal(req?.headers['x-api-key'], emu.apiKey);
    assert.deepEqual(req?.json, { prompt: 'recorded' });
    assert.equal(req?.body.toString(), '{"prompt":"recorded"}');
  });

  it('accepts absolute-form request targets (as a forwarding proxy sends them)', async () => {
    const id = await submit(emu, SD3M, { prompt: 'via proxy' });
    const { port } = new URL(emu.url);
    const status = await new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path: `${emu.url}/v2/requests/${id}/status`, headers: { 'x-api-key': emu.apiKey } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        })
        .on('error', reject);
    });
    assert.equal(status, 200);
    assert.equal(emu.requests.at(-1)?.path, `/v2/requests/${id}/status`);
  });

  it('timing options may be functions of the job', async () => {
    const custom = await startEmulator({ queueMs: (job) => (job.model === SD3M ? 1 : 2), processingMs: (job) => String(job.params.prompt).length * 1000 });
    try {
      const id = await submit(custom, SD3M, { prompt: 'abc' });
      const job = custom.jobs.get(id);
      assert.equal((job?.processingAt ?? 0) - (job?.submittedAt ?? 0), 1);
      assert.equal((job?.completedAt ?? 0) - (job?.processingAt ?? 0), 3000);
    } finally {
      await custom.close();
    }
  });

  it('with the default timing a job completes within a second of real time', async () => {
    const fast = await startEmulator();
    try {
      const id = await submit(fast, SD3M, { prompt: 'quick', img_width: 512, img_height: 512 });
      let status = '';
      for (let i = 0; i < 40 && status !== 'COMPLETED'; i++) {
        await new Promise((r) => setTimeout(r, 25));
        status = String((await asJson(get(fast, `/v2/requests/${id}/status`))).json.status);
      }
      assert.equal(status, 'COMPLETED');
    } finally {
      await fast.close();
    }
  });
});

// SegmindClient against the emulator over loopback: both models, v2 async and v1 sync.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/emulator';
import type { JobEvent } from '../../../src/segmind/client';
import { L, M, apiRequests, assertKeyOnlyToApi, body, client, emulator, imageGets, pngSize, statusPolls, submits } from './helpers';

describe('SegmindClient (happy paths)', () => {
  let emu: Emulator;
  before(async () => { emu = await emulator(); });
  after(async () => { await emu.close(); });
  beforeEach(() => emu.reset());

  it('SD 3.5 Large async: one submit with the exact body, polls, result, two images from the output origin', async () => {
    const c = client(emu);
    const sent = body(L, { batch_size: 2, image_format: 'png' });
    const events: JobEvent[] = [];
    const result = await c.generateAsync(L, sent, { onEvent: (e) => events.push(e) });
    await c.dispose();

    assert.equal(result.images.length, 2);
    for (const img of result.images) {
      assert.equal(img.format, 'png');
      assert.equal(img.mime, 'image/png');
      assert.deepEqual(pngSize(img.bytes), { width: 256, height: 256 });
    }
    assert.notDeepEqual(result.images[0]?.bytes, result.images[1]?.bytes, 'batch images differ');
    const posts = submits(emu);
    assert.equal(posts.length, 1);
    assert.equal(posts[0]?.path, `/v2/${L}`);
    assert.deepEqual(posts[0]?.json, sent);
    assert.equal(posts[0]?.headers['content-type'], 'application/json');
    assert.equal(emu.acceptedSubmits(), 1);
    const job = [...emu.jobs.values()][0];
    assert.equal(result.requestId, job?.requestId);
    assert.ok(statusPolls(emu).length >= 1 && statusPolls(emu).length <= 4, `status polls: ${statusPolls(emu).length}`);
    assert.equal(apiRequests(emu, 'GET', `/v2/requests/${job?.requestId}`).filter((r) => !r.path.endsWith('/status')).length, 1);
    assert.deepEqual(imageGets(emu).map((r) => r.path).sort(), [`/outputs/${job?.requestId}/0.png`, `/outputs/${job?.requestId}/1.png`]);
    assert.equal(typeof result.metrics?.inference_time, 'number');
    assert.equal(typeof result.remainingCredits, 'number');
    assert.deepEqual(events[0], { type: 'submitted', requestId: job?.requestId });
    assert.deepEqual(events.filter((e) => e.type === 'status').at(-1)?.type, 'status');
    assert.equal((events.filter((e) => e.type === 'status').at(-1) as { status: string }).status, 'COMPLETED');
    assert.deepEqual(events.slice(-2).map((e) => e.type), ['downloading', 'credits']);
    assertKeyOnlyToApi(emu, c);
    assert.ok(c.log.lines.some((l) => l.includes(`request ${job?.requestId}`)), 'logs carry the request id');
  });

  it('SD 3 Medium async: samples=3 → three JPEGs; exact body', async () => {
    const c = client(emu, { userAgent: 'segmind-image-studio/0.1.0' });
    const sent = body(M, { samples: 3, scheduler: 'DPM++ 2M Karras' });
    const result = await c.generateAsync(M, sent);
    await c.dispose();
    assert.deepEqual(result.images.map((i) => i.format), ['jpeg', 'jpeg', 'jpeg']);
    assert.deepEqual(submits(emu)[0]?.json, sent);
    assert.equal(imageGets(emu).length, 3);
    for (const r of emu.requests) assert.equal(r.headers['user-agent'], 'segmind-image-studio/0.1.0');
    assertKeyOnlyToApi(emu, c);
  });

  it('downloads a large incompressible 2048² PNG intact', async () => {
    const big = await emulator({ incompressible: true });
    const c = client(big);
    const result = await c.generateAsync(L, body(L, { width: 2048, height: 2048, image_format: 'png' }));
    await c.dispose();
    await big.close();
    const img = result.images[0]?.bytes ?? new Uint8Array();
    assert.ok(img.length > 8 * 1024 * 1024, `${img.length} bytes`);
    assert.deepEqual(pngSize(img), { width: 2048, height: 2048 });
  });

  it('honours an aspect-ratio preset (the image has the preset size)', async () => {
    const c = client(emu);
    const result = await c.generateAsync(L, body(L, { aspect_ratio: '16:9 landscape 1344x768', image_format: 'png' }));
    await c.dispose();
    assert.deepEqual(pngSize(result.images[0]?.bytes ?? new Uint8Array()), { width: 1344, height: 768 });
  });

  it('async with base64: images come inside the result, nothing is downloaded', async () => {
    const c = client(emu);
    const result = await c.generateAsync(L, body(L, { base64: true, batch_size: 2, image_format: 'webp' }));
    await c.dispose();
    assert.deepEqual(result.images.map((i) => i.format), ['webp', 'webp']);
    assert.equal(imageGets(emu).length, 0);
  });

  it('awaits onSubmitted before the first status poll', async () => {
    const c = client(emu);
    let pollsWhenPersisted = -1;
    await c.generateAsync(M, body(M), {
      onSubmitted: async (id) => {
        assert.equal(typeof id, 'string');
        await new Promise((r) => setTimeout(r, 150));
        pollsWhenPersisted = statusPolls(emu).length;
      },
    });
    await c.dispose();
    assert.equal(pollsWhenPersisted, 0);
  });

  it('resumes a submitted job from another client (submit, then waitForCompletion)', async () => {
    const first = client(emu);
    const job = await first.submit(M, body(M));
    await first.dispose();
    assert.match(job.statusUrl, new RegExp(`/v2/requests/${job.requestId}/status$`));
    const second = client(emu);
    const status = await second.getStatus(job.requestId);
    assert.ok(['QUEUED', 'PROCESSING', 'COMPLETED'].includes(status.status));
    const result = await second.waitForCompletion(job.requestId, { expectedMs: 60 });
    const raw = await second.getResult(job.requestId);
    await second.dispose();
    assert.equal(raw.status, 'COMPLETED');
    assert.equal(typeof raw.output, 'string');
    assert.equal(result.images.length, 1);
    assert.equal(submits(emu).length, 1);
  });

  it('resuming an old job looks at once and predicts from slug + body', async () => {
    const c = client(emu);
    const sent = body(M);
    const job = await c.submit(M, sent);
    await new Promise((r) => setTimeout(r, 200));
    const started = Date.now();
    const result = await c.waitForCompletion(job.requestId, { slug: M, body: sent, submittedAt: Date.now() - 5000 });
    await c.dispose();
    assert.equal(result.images.length, 1);
    assert.equal(statusPolls(emu).length, 1, 'one poll: it was already done');
    assert.ok(Date.now() - started < 600, `no poll interval waited first: took ${Date.now() - started} ms`);
  });

  it('dispose() lets running generations finish, then refuses new ones', async () => {
    const c = client(emu);
    let disposed: Promise<void> | undefined;
    const running = c.generateAsync(M, body(M), { onSubmitted: () => { disposed = c.dispose(); } });
    const result = await running;
    await disposed;
    assert.equal(result.images.length, 1);
    await assert.rejects(c.generateAsync(M, body(M)), /the Segmind client was closed/);
    assert.equal(submits(emu).length, 1);
  });

  it('SD 3.5 Large sync (v1): raw WebP bytes, request id and credits from headers', async () => {
    const c = client(emu);
    const sent = body(L, { image_format: 'webp' });
    const events: JobEvent[] = [];
    const result = await c.generateSync(L, sent, { onEvent: (e) => events.push(e) });
    await c.dispose();
    assert.equal(result.images.length, 1);
    assert.equal(result.images[0]?.format, 'webp');
    const posts = submits(emu);
    assert.deepEqual(posts.map((r) => r.path), [`/v1/${L}`]);
    assert.deepEqual(posts[0]?.json, sent);
    assert.equal(result.requestId, [...emu.jobs.keys()][0]);
    assert.equal(result.remainingCredits, Math.round((1000 - (result.metrics?.cost as number)) * 10_000) / 10_000, 'the balance from x-remaining-credits');
    assert.ok((result.metrics?.cost as number) > 0, 'the cost from x-cost');
    assert.deepEqual(events.map((e) => e.type), ['downloading', 'credits']);
    assertKeyOnlyToApi(emu, c);
  });

  it('SD 3 Medium sync with samples=2 asks for base64 so both images arrive', async () => {
    const c = client(emu);
    const sent = body(M, { samples: 2 });
    const result = await c.generateSync(M, sent);
    await c.dispose();
    assert.deepEqual(result.images.map((i) => i.format), ['jpeg', 'jpeg']);
    assert.deepEqual(submits(emu)[0]?.json, { ...sent, base64: true });
  });

  it('sync with base64: true decodes the JSON image', async () => {
    const c = client(emu);
    const result = await c.generateSync(L, body(L, { base64: true, image_format: 'png' }));
    await c.dispose();
    assert.equal(result.images[0]?.format, 'png');
    assert.equal(emu.acceptedSubmits(), 1);
  });

  it('learns from finished jobs: later predictions follow the measured time', async () => {
    const c = client(emu);
    const before = c.predict(M, body(M)).expectedMs;
    for (let i = 0; i < 3; i++) await c.generateAsync(M, body(M, { seed: i }));
    const afterJobs = c.predict(M, body(M)).expectedMs;
    await c.dispose();
    assert.equal(before, 1500, '6 s × (512²/1024²)');
    assert.ok(afterJobs < 200, `learned the emulator's 60 ms processing: ${afterJobs}`);
  });
});

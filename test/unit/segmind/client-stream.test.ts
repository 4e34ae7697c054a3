// Streamed delivery (onImage): each image handed over as soon as it is downloaded, in output
// order, one job's images one at a time, at most `maxConcurrentDownloads` across all jobs, and a
// result that keeps no bytes. Against the emulator over loopback.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Emulator } from '../../emulator/emulator';
import { SegmindError } from '../../../src/segmind/errors';
import { L, M, body, client, emulator, imageGets } from './helpers';

describe('SegmindClient: images streamed to onImage', () => {
  let emu: Emulator;
  before(async () => { emu = await emulator(); });
  after(async () => { await emu.close(); });
  beforeEach(() => emu.reset());

  it('hands each image over in output order and returns summaries without bytes; the bytes are those of the buffered call', async () => {
    const c = client(emu);
    const sent = body(L, { batch_size: 3, image_format: 'png' });
    const buffered = await c.generateAsync(L, sent);
    const received: { index: number; bytes: Buffer; format: string }[] = [];
    const streamed = await c.generateAsync(L, sent, {
      onImage: async (index, image) => {
        received.push({ index, bytes: Buffer.from(image.bytes), format: image.format }); // a copy: the memory is reused afterwards
      },
    });
    await c.dispose();
    assert.deepEqual(received.map((r) => r.index), [0, 1, 2]);
    assert.deepEqual(streamed.images, buffered.images.map((i) => ({ format: 'png', mime: 'image/png', byteLength: i.bytes.byteLength })));
    for (const [i, r] of received.entries()) assert.ok(r.bytes.equals(buffered.images[i]?.bytes ?? new Uint8Array()), `image ${i + 1} is byte for byte the same`);
    assert.equal(streamed.requestId, [...emu.jobs.values()][1]?.requestId);
    assert.equal(typeof streamed.remainingCredits, 'number');
  });

  it('waitForCompletion and generateSync stream too (v1 base64 batch included)', async () => {
    const c = client(emu);
    const { requestId } = await c.submit(M, body(M, { samples: 2 }));
    const resumed: number[] = [];
    const waited = await c.waitForCompletion(requestId, { onImage: async (i) => { resumed.push(i); } });
    const synced: number[] = [];
    const sync = await c.generateSync(M, body(M, { samples: 2 }), { onImage: async (i, image) => { synced.push(i); assert.equal(image.format, 'jpeg'); } });
    await c.dispose();
    assert.deepEqual(resumed, [0, 1]);
    assert.deepEqual(waited.images.map((i) => i.format), ['jpeg', 'jpeg']);
    assert.deepEqual(synced, [0, 1]);
    assert.equal(sync.images.length, 2);
  });

  it("a job's images come one at a time, and at most maxConcurrentDownloads are out across jobs", async () => {
    const c = client(emu, { maxConcurrentDownloads: 2 });
    let inFlight = 0;
    let most = 0;
    const perJob = new Map<number, number>();
    const jobs = Array.from({ length: 4 }, (_, job) => c.generateAsync(L, body(L, { batch_size: 2, seed: 100 + job }), {
      onImage: async () => {
        perJob.set(job, (perJob.get(job) ?? 0) + 1);
        assert.equal(perJob.get(job), 1, `job ${job}: one image at a time`);
        most = Math.max(most, ++inFlight);
        await sleep(40);
        inFlight--;
        perJob.set(job, 0);
      },
    }));
    const results = await Promise.all(jobs);
    await c.dispose();
    assert.deepEqual(results.map((r) => r.images.length), [2, 2, 2, 2]);
    assert.equal(most, 2, 'two slots used, never more');
  });

  it("a rejecting onImage stops the job's remaining downloads and is what the call rejects with", async () => {
    const c = client(emu);
    const disk = new Error('disk full');
    await assert.rejects(c.generateAsync(L, body(L, { batch_size: 3 }), { onImage: async () => { throw disk; } }), (e) => e === disk);
    assert.equal(imageGets(emu).length, 1, 'images 2 and 3 were not downloaded');
    // The slot was given back: the next job streams normally.
    const ok = await c.generateAsync(L, body(L), { onImage: async () => undefined });
    await c.dispose();
    assert.equal(ok.images.length, 1);
  });

  it('cancelling while waiting for a download slot rejects as cancelled', async () => {
    const c = client(emu, { maxConcurrentDownloads: 1 });
    let release!: () => void;
    const held = new Promise<void>((r) => { release = r; });
    let entered!: () => void;
    const inside = new Promise<void>((r) => { entered = r; });
    const first = c.generateAsync(L, body(L), { onImage: async () => { entered(); await held; } });
    await inside;
    const controller = new AbortController();
    const second = c.generateAsync(L, body(L, { seed: 7 }), { signal: controller.signal, onImage: async () => assert.fail('never gets a slot') });
    await sleep(400); // completed on the emulator, now waiting for the slot
    controller.abort();
    await assert.rejects(second, (e) => e instanceof SegmindError && e.kind === 'cancelled');
    release();
    assert.equal((await first).images.length, 1);
    await c.dispose();
  });
});

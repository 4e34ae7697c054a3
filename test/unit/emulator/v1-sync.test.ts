import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { SD35L, SD3M, asJson, bytesOf, post } from './helpers';

describe('emulator v1 sync', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ queueMs: 20, processingMs: 80 });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  it('SD 3.5 Large: blocks until done, answers raw image bytes and Segmind headers', async () => {
    const started = Date.now();
    const r = await bytesOf(post(emu, `/v1/${SD35L}`, { prompt: 'a lighthouse', seed: 42, width: 320, height: 240, image_format: 'webp' }));
    assert.ok(Date.now() - started >= 95, 'waits for queue + processing');
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/webp');
    assert.equal(r.headers.get('x-seed-value'), '42');
    assert.match(r.headers.get('x-request-id') ?? '', /^[0-9a-f-]{36}$/);
    assert.ok(Number(r.headers.get('x-remaining-credits')) > 0);
    assert.ok(Number(r.headers.get('x-cost')) > 0);
    const meta = await sharp(r.bytes).metadata();
    assert.equal(meta.format, 'webp');
    assert.equal(meta.width, 320);
    assert.equal(meta.height, 240);
    assert.equal(emu.acceptedSubmits(), 1);
    const job = emu.jobs.get(r.headers.get('x-request-id') ?? '');
    assert.equal(job?.status, 'COMPLETED');
  });

  it('SD 3 Medium: a random seed (-1) is made concrete and reported in x-seed-value', async () => {
    const r = await bytesOf(post(emu, `/v1/${SD3M}`, { prompt: 'a panda', seed: -1, img_width: 512, img_height: 512 }));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'image/jpeg');
    const seed = Number(r.headers.get('x-seed-value'));
    assert.ok(Number.isInteger(seed) && seed > 0);
    assert.equal((await sharp(r.bytes).metadata()).format, 'jpeg');
  });

  it('base64: true → JSON {image: base64, seed, request_id}', async () => {
    const r = await asJson(post(emu, `/v1/${SD35L}`, { prompt: 'json', seed: 5, width: 128, height: 128, image_format: 'png', base64: true }));
    assert.equal(r.status, 200);
    assert.equal(r.headers.get('content-type'), 'application/json');
    assert.equal(r.json.seed, 5);
    const png = Buffer.from(r.json.image as string, 'base64');
    const meta = await sharp(png).metadata();
    assert.equal(meta.format, 'png');
    assert.equal(meta.width, 128);
  });

  it('base64 with several images adds an images array', async () => {
    const r = await asJson(post(emu, `/v1/${SD3M}`, { prompt: 'json', seed: 5, samples: 2, img_width: 512, img_height: 512, base64: true }));
    const images = r.json.images as string[];
    assert.equal(images.length, 2);
    assert.equal(r.json.image, images[0]);
    assert.notEqual(images[0], images[1]);
  });

  it('validation errors are 400 and create no job', async () => {
    const r = await asJson(post(emu, `/v1/${SD35L}`, { prompt: 'x', steps: 5 }));
    assert.equal(r.status, 400);
    assert.match(String(r.json.error), /steps/);
    assert.equal(emu.acceptedSubmits(), 0);
  });
});

import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { imageKeyFor, renderImage, sharedImageCache } from '../../emulator/images';
import { SD35L as SD35L_MODEL, planRender } from '../../emulator/models';
import { SD35L, SD3M, asJson, bytesOf, get, submit } from './helpers';

describe('emulator images', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ queueMs: 0, processingMs: 0 });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  async function generate(slug: string, body: Record<string, unknown>): Promise<Buffer[]> {
    const id = await submit(emu, slug, body);
    const result = await asJson(get(emu, `/v2/requests/${id}`));
    assert.equal(result.json.status, 'COMPLETED');
    const output = result.json.output as string | string[];
    const urls = Array.isArray(output) ? output : [output];
    return Promise.all(urls.map(async (u) => (await bytesOf(get(emu, u, null))).bytes));
  }

  for (const format of ['jpeg', 'png', 'webp'] as const) {
    it(`SD 3.5 Large image_format ${format} decodes as ${format}`, async () => {
      const [image] = await generate(SD35L, { prompt: 'fmt', seed: 1, width: 200, height: 120, image_format: format });
      const meta = await sharp(image).metadata();
      assert.equal(meta.format, format);
      assert.equal(meta.width, 200);
      assert.equal(meta.height, 120);
    });
  }

  const presets: [string, number, number][] = [
    ['1:1 square 1024x1024', 1024, 1024],
    ['9:16 portrait 768x1344', 768, 1344],
    ['21:9 landscape 1536x640', 1536, 640],
  ];
  for (const [preset, width, height] of presets) {
    it(`aspect_ratio "${preset}" overrides width/height`, async () => {
      const [image] = await generate(SD35L, { prompt: 'ar', seed: 1, aspect_ratio: preset, width: 64, height: 64 });
      const meta = await sharp(image).metadata();
      assert.equal(meta.width, width);
      assert.equal(meta.height, height);
    });
  }

  it('aspect_ratio "custom" uses width/height', async () => {
    const [image] = await generate(SD35L, { prompt: 'ar', seed: 1, aspect_ratio: 'custom', width: 96, height: 64 });
    const meta = await sharp(image).metadata();
    assert.deepEqual([meta.width, meta.height], [96, 64]);
  });

  it('SD 3 Medium honours img_width/img_height and answers JPEG', async () => {
    const [image] = await generate(SD3M, { prompt: 'm', seed: 9, img_width: 520, img_height: 1040 });
    const meta = await sharp(image).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 520, 1040]);
  });

  it('batch_size 4 gives 4 different images', async () => {
    const images = await generate(SD35L, { prompt: 'batch', seed: 2, width: 64, height: 64, batch_size: 4, image_format: 'png' });
    assert.equal(images.length, 4);
    assert.equal(new Set(images.map((b) => b.toString('base64'))).size, 4);
  });

  it('pixels are deterministic from prompt + seed + size, and change with each', async () => {
    const a = await generate(SD35L, { prompt: 'same', seed: 10, width: 64, height: 64, image_format: 'png' });
    const b = await generate(SD35L, { prompt: 'same', seed: 10, width: 64, height: 64, image_format: 'png' });
    const otherSeed = await generate(SD35L, { prompt: 'same', seed: 11, width: 64, height: 64, image_format: 'png' });
    const otherPrompt = await generate(SD35L, { prompt: 'different', seed: 10, width: 64, height: 64, image_format: 'png' });
    assert.deepEqual(a[0], b[0]);
    assert.notDeepEqual(a[0], otherSeed[0]);
    assert.notDeepEqual(a[0], otherPrompt[0]);
  });

  it('the pattern is recognisable, not noise: a PNG compresses far below raw size', async () => {
    const [image] = await generate(SD35L, { prompt: 'pattern', seed: 3, width: 512, height: 512, image_format: 'png' });
    assert.ok(image && image.length < (512 * 512 * 3) / 4, `PNG is ${image?.length} bytes`);
    const stats = await sharp(image).stats();
    assert.ok(stats.channels.some((c) => c.max - c.min > 50), 'has visible contrast');
  });

  it('image_quality changes the encoded size', async () => {
    const [low] = await generate(SD35L, { prompt: 'q', seed: 4, width: 256, height: 256, image_quality: 10 });
    const [high] = await generate(SD35L, { prompt: 'q', seed: 4, width: 256, height: 256, image_quality: 100 });
    assert.ok(low && high && low.length < high.length, `${low?.length} < ${high?.length}`);
  });

  it('images are rendered while the job is PROCESSING, ready before COMPLETED', async () => {
    const slow = await startEmulator({ queueMs: 50, processingMs: 60_000 });
    try {
      const body = { prompt: 'warm me up', seed: 77, width: 300, height: 200 };
      await submit(slow, SD35L, body);
      const key = imageKeyFor(planRender(SD35L_MODEL, body, () => 0), 0, false);
      for (let i = 0; i < 100 && !sharedImageCache.has(key); i++) await new Promise((r) => setTimeout(r, 20));
      assert.ok(sharedImageCache.has(key));
    } finally {
      await slow.close();
    }
  });

  it('incompressible 2048² PNG is at least 8 MB and decodes', async () => {
    const bytes = await renderImage({ model: SD35L, prompt: 'load', seed: 1, width: 2048, height: 2048, format: 'png', quality: 95, index: 0, incompressible: true });
    assert.ok(bytes.length >= 8 * 1024 * 1024, `${bytes.length} bytes`);
    const meta = await sharp(bytes).metadata();
    assert.deepEqual([meta.format, meta.width, meta.height], ['png', 2048, 2048]);
  });

  it('incompressible option reaches served images', async () => {
    const noisy = await startEmulator({ queueMs: 0, processingMs: 0, incompressible: true });
    try {
      const id = await submit(noisy, SD35L, { prompt: 'noise', seed: 1, width: 256, height: 256, image_format: 'png' });
      const result = await asJson(get(noisy, `/v2/requests/${id}`));
      const image = await bytesOf(get(noisy, result.json.output as string, null));
      assert.ok(image.bytes.length > 256 * 256 * 3 * 0.95, `${image.bytes.length} bytes`);
    } finally {
      await noisy.close();
    }
  });
});

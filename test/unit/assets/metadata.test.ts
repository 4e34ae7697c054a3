import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { embedMetadata, formatA1111Parameters, pngTextChunk, readGenerationMetadata, readImageMetadata, parseA1111Parameters, type GenerationRecord } from '../../../src/segmind/metadata';
import { crc32, pngChunks, webpChunks } from '../../../src/segmind/metadataBytes';

const record: GenerationRecord = {
  model: 'stable-diffusion-3.5-large-txt2img',
  params: {
    prompt: 'a lighthouse, at dusk: oil painting — «ü»', negative_prompt: 'blurry', steps: 30, guidance_scale: 5.5,
    sampler: 'euler', scheduler: 'sgm_uniform', seed: 1234, width: 768, height: 512, aspect_ratio: 'custom', batch_size: 1,
    image_format: 'png', image_quality: 95, base64: false,
  },
  seed: 1234,
  requestId: 'req-abc',
  index: 1,
};

async function image(format: 'png' | 'jpeg' | 'webp', alpha = false): Promise<Uint8Array> {
  const s = sharp({ create: { width: 24, height: 16, channels: alpha ? 4 : 3, background: { r: 200, g: 30, b: 90, alpha: alpha ? 0.5 : 1 } } });
  const out = format === 'png' ? s.png() : format === 'jpeg' ? s.jpeg() : alpha ? s.webp({ lossless: true }) : s.webp();
  return new Uint8Array(await out.toBuffer());
}

async function pixels(bytes: Uint8Array): Promise<Buffer> {
  return sharp(bytes).raw().toBuffer();
}

describe('A1111 parameters text', () => {
  it('has the prompt, the negative prompt, then the settings line', () => {
    assert.equal(
      formatA1111Parameters(record),
      'a lighthouse, at dusk: oil painting — «ü»\nNegative prompt: blurry\n' +
        'Steps: 30, Sampler: euler, Schedule type: sgm_uniform, CFG scale: 5.5, Seed: 1234, Size: 768x512, Model: stable-diffusion-3.5-large-txt2img',
    );
  });
  it('uses SD 3 Medium names (num_inference_steps, scheduler as sampler, img size)', () => {
    const text = formatA1111Parameters({ model: 'stable-diffusion-3-medium-txt2img', params: { prompt: 'p', num_inference_steps: 25, scheduler: 'DPM++ 2M', guidance_scale: 5, img_width: 512, img_height: 640, seed: 7 }, seed: 7 });
    assert.equal(text, 'p\nSteps: 25, Sampler: DPM++ 2M, CFG scale: 5, Seed: 7, Size: 512x640, Model: stable-diffusion-3-medium-txt2img');
  });
  it('parses text written by other tools, with quoted values and a multi-line prompt', () => {
    const parsed = parseA1111Parameters('line one\nline two\nNegative prompt: bad, ugly\nSteps: 20, Sampler: DPM++ 2M, CFG scale: 7, Seed: 99, Size: 512x768, Lora hashes: "a: 1, b: 2", Model: stable-diffusion-3-medium-txt2img');
    assert.equal(parsed.prompt, 'line one\nline two');
    assert.equal(parsed.negativePrompt, 'bad, ugly');
    assert.equal(parsed.settings['Lora hashes'], 'a: 1, b: 2');
    assert.equal(parsed.settings.Seed, '99');
  });
});

describe('PNG', () => {
  it('adds tEXt/iTXt chunks before IDAT with valid CRCs; pixels unchanged; readable back', async () => {
    const original = await image('png');
    const out = embedMetadata(original, 'png', record);
    const chunks = pngChunks(out);
    for (const c of chunks) {
      const view = new DataView(out.buffer, out.byteOffset + c.end - 4, 4);
      assert.equal(view.getUint32(0), crc32(out.subarray(c.start + 4, c.end - 4)), `CRC of ${c.type}`);
    }
    const types = chunks.map((c) => c.type);
    assert.ok(types.indexOf('iTXt') < types.indexOf('IDAT'));
    assert.equal(types.at(-1), 'IEND');
    assert.deepEqual(await pixels(out), await pixels(original));
    const meta = readImageMetadata(out);
    assert.equal(meta.parameters, formatA1111Parameters(record));
    assert.deepEqual(meta.record, { model: record.model, params: record.params, seed: 1234, requestId: 'req-abc', index: 1 });
    // sharp (libvips/libpng) reads our text chunks too
    const comments = (await sharp(out).metadata()) as { comments?: { keyword: string; text: string }[] };
    assert.ok(comments.comments?.some((c) => c.keyword === 'parameters'), JSON.stringify(comments.comments));
  });
  it('uses tEXt for Latin-1 text and replaces (not duplicates) existing entries', async () => {
    const latin = { ...record, params: { ...record.params, prompt: 'plain prompt' } };
    const once = embedMetadata(await image('png'), 'png', latin);
    const twice = embedMetadata(once, 'png', latin);
    const texts = pngChunks(twice).filter((c) => c.type === 'tEXt');
    assert.equal(texts.length, 2);
    assert.equal(twice.length, once.length);
  });
});

describe('JPEG', () => {
  it('adds COM and XMP segments after the APPn run; pixels unchanged; readable back', async () => {
    const original = await image('jpeg');
    const out = embedMetadata(original, 'jpeg', record);
    assert.deepEqual(await pixels(out), await pixels(original));
    assert.equal(out[3], 0xe1, 'XMP right after SOI when there is no APPn');
    // With a JFIF APP0 (which must come first), the metadata goes after it.
    const app0 = Buffer.from([0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0]);
    const jfif = Buffer.concat([original.subarray(0, 2), app0, original.subarray(2)]);
    const withJfif = embedMetadata(jfif, 'jpeg', record);
    assert.deepEqual(Buffer.from(withJfif.subarray(0, 20)), jfif.subarray(0, 20));
    assert.equal(withJfif[21], 0xe1);
    assert.equal(readImageMetadata(withJfif).record?.seed, 1234);
    const meta = readImageMetadata(out);
    assert.equal(meta.parameters, formatA1111Parameters(record));
    assert.equal(meta.record?.requestId, 'req-abc');
    assert.ok((await sharp(out).metadata()).xmp, 'sharp finds the XMP packet');
  });
});

describe('WebP', () => {
  for (const [label, alpha] of [['lossy VP8', false], ['lossless VP8L with alpha', true]] as const) {
    it(`converts ${label} to VP8X with an XMP chunk and a correct RIFF size`, async () => {
      const original = await image('webp', alpha);
      const out = embedMetadata(original, 'webp', record);
      const view = new DataView(out.buffer, out.byteOffset);
      assert.equal(view.getUint32(4, true), out.length - 8);
      const chunks = webpChunks(out);
      assert.equal(chunks[0]?.fourcc, 'VP8X');
      assert.equal(chunks.at(-1)?.fourcc, 'XMP ');
      const meta = await sharp(out).metadata();
      assert.equal(meta.width, 24);
      assert.equal(meta.height, 16);
      assert.equal(meta.hasAlpha, alpha);
      assert.ok(meta.xmp, 'sharp finds the XMP chunk');
      assert.deepEqual(await pixels(out), await pixels(original));
      assert.equal(readImageMetadata(out).record?.seed, 1234);
      // embedding again keeps one XMP chunk
      assert.equal(webpChunks(embedMetadata(out, 'webp', record)).filter((c) => c.fourcc === 'XMP ').length, 1);
    });
  }
});

describe('readGenerationMetadata', () => {
  it('prefers our JSON record', async () => {
    const out = embedMetadata(await image('png'), 'png', record);
    assert.equal(readGenerationMetadata(out)?.requestId, 'req-abc');
  });
  it('maps A1111 text from another tool to our parameters', async () => {
    const png = await image('png');
    const chunks = pngChunks(png);
    const idat = chunks.find((c) => c.type === 'IDAT')!;
    const text = pngTextChunk('parameters', 'a fox\nNegative prompt: dull\nSteps: 40, Sampler: Euler a, CFG scale: 6, Seed: 5, Size: 512x768, Model: stable-diffusion-3-medium-txt2img');
    const withText = Buffer.concat([png.subarray(0, idat.start), text, png.subarray(idat.start)]);
    assert.deepEqual(readGenerationMetadata(withText), {
      model: 'stable-diffusion-3-medium-txt2img',
      params: { prompt: 'a fox', negative_prompt: 'dull', num_inference_steps: 40, guidance_scale: 6, seed: 5, img_width: 512, img_height: 768, scheduler: 'Euler a' },
      seed: 5,
    });
  });
  it('returns undefined for files without metadata or garbage', async () => {
    assert.equal(readGenerationMetadata(await image('jpeg')), undefined);
    assert.equal(readGenerationMetadata(new Uint8Array([1, 2, 3])), undefined);
  });
});

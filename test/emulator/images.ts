// Deterministic test images: real PNG/JPEG/WebP (encoded by sharp) whose pixels depend only on
// prompt + seed + size + batch index. Default pattern: a two-colour diagonal gradient with stripes whose
// colours, period and direction are hashed from those inputs (recognisable, compresses well).
// `incompressible`: seeded noise instead, so a 2048² PNG is ≥ 8 MB (load benchmarks).
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import type { ImageFormat, RenderPlan } from './models';

export interface ImageKey {
  model: string;
  prompt: string;
  seed: number;
  width: number;
  height: number;
  format: ImageFormat;
  quality: number;
  index: number;
  incompressible: boolean;
}

export function imageKeyFor(plan: RenderPlan, index: number, incompressible: boolean): ImageKey {
  const { model, prompt, seed, width, height, format, quality } = plan;
  return { model, prompt, seed, width, height, format, quality, index, incompressible };
}

/** Encoded images, shared by every emulator in the process; least recently used evicted past the cap. */
export class ImageCache {
  private readonly entries = new Map<string, Promise<Buffer>>();
  private readonly sizes = new Map<string, number>();
  private bytes = 0;

  constructor(private readonly maxBytes = 768 * 1024 * 1024) {}

  /** True once the image is encoded and cached. */
  has(key: ImageKey): boolean {
    return this.sizes.has(JSON.stringify(key));
  }

  get(key: ImageKey): Promise<Buffer> {
    const id = JSON.stringify(key);
    const hit = this.entries.get(id);
    if (hit) {
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit;
    }
    const pending = renderImage(key);
    this.entries.set(id, pending);
    pending.then(
      (buf) => this.account(id, buf.length),
      () => this.entries.delete(id),
    );
    return pending;
  }

  private account(id: string, size: number): void {
    if (!this.entries.has(id)) return;
    this.sizes.set(id, size);
    this.bytes += size;
    for (const old of this.entries.keys()) {
      if (this.bytes <= this.maxBytes || old === id) break;
      const oldSize = this.sizes.get(old);
      if (oldSize === undefined) continue; // still rendering
      this.entries.delete(old);
      this.sizes.delete(old);
      this.bytes -= oldSize;
    }
  }
}

export const sharedImageCache = new ImageCache();

/** Renders and encodes one image. Pixel generation yields to the event loop between row bands. */
export async function renderImage(key: ImageKey): Promise<Buffer> {
  const digest = createHash('sha256')
    .update(JSON.stringify([key.prompt, key.seed, key.width, key.height, key.index]))
    .digest();
  const raw = key.incompressible
    ? await noisePixels(key.width, key.height, digest)
    : await patternPixels(key.width, key.height, digest);
  const image = sharp(raw, { raw: { width: key.width, height: key.height, channels: 3 } });
  switch (key.format) {
    case 'png':
      return image.png({ compressionLevel: key.incompressible ? 1 : 6 }).toBuffer();
    case 'webp':
      return image.webp({ quality: key.quality, effort: 0 }).toBuffer();
    case 'jpeg':
      return image.jpeg({ quality: key.quality }).toBuffer();
  }
}

const BAND_PIXELS = 262_144;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

async function patternPixels(width: number, height: number, digest: Buffer): Promise<Buffer> {
  const byte = (i: number) => digest[i % digest.length] ?? 0;
  const from = [byte(0), byte(1), byte(2)];
  const to = [byte(3), byte(4), byte(5)];
  const stripe = [255 - byte(6), byte(7), 255 - byte(8)];
  const period = 16 + (byte(9) % 48);
  const rising = byte(10) % 2 === 0;
  const out = Buffer.allocUnsafe(width * height * 3);
  const rowsPerBand = Math.max(1, Math.floor(BAND_PIXELS / width));
  const span = Math.max(1, width + height - 2);
  for (let y = 0; y < height; y++) {
    let o = y * width * 3;
    for (let x = 0; x < width; x++) {
      const t = (x + y) / span;
      const phase = (rising ? x + y : x - y + height * period) % period;
      const inStripe = phase < period / 4;
      for (let c = 0; c < 3; c++) {
        const base = (from[c] ?? 0) + ((to[c] ?? 0) - (from[c] ?? 0)) * t;
        out[o++] = inStripe ? (stripe[c] ?? 0) : base;
      }
    }
    if ((y + 1) % rowsPerBand === 0) await yieldToEventLoop();
  }
  return out;
}

async function noisePixels(width: number, height: number, digest: Buffer): Promise<Buffer> {
  const total = width * height * 3;
  const words = new Uint32Array(Math.ceil(total / 4));
  let state = digest.readUInt32LE(0) || 0x12345678;
  const wordsPerBand = BAND_PIXELS;
  for (let i = 0; i < words.length; i++) {
    // xorshift32: fast, deterministic, and incompressible enough for zlib.
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    words[i] = state >>> 0;
    if ((i + 1) % wordsPerBand === 0) await yieldToEventLoop();
  }
  return Buffer.from(words.buffer, 0, total);
}

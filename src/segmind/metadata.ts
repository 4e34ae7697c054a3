// Generation metadata that travels with the image file, added WITHOUT re-encoding pixels:
// PNG text chunks, a JPEG comment + XMP segment, a WebP XMP chunk. Both the AUTOMATIC1111
// `parameters` text (read by many tools) and our own JSON record. Readers for both are in
// metadataRead.ts. Never given the API key: the record holds the request body only.
import { MODELS, isModelSlug, outputSize, type ModelSlug } from '../shared/catalog';
import { buildXmp, concatBytes, crc32, latin1Bytes, isLatin1, pngChunks, utf8, webpChunks, type PngChunk, type RiffChunk } from './metadataBytes';

export { readGenerationMetadata, readImageMetadata, parseA1111Parameters, type ImageMetadata, type A1111Parameters } from './metadataRead';

export type ImageFormat = 'png' | 'jpeg' | 'webp';

/** What we embed: every API parameter sent (prompt included), the concrete seed, the request id. */
export interface GenerationRecord {
  readonly model: string;
  readonly params: Readonly<Record<string, unknown>>;
  readonly seed?: number;
  readonly requestId?: string;
  /** 1-based position in the request's output. */
  readonly index?: number;
}

export const RECORD_KEYWORD = 'segmind';
export const PARAMETERS_KEYWORD = 'parameters';
const GENERATOR = 'segmind-image-studio';

// AUTOMATIC1111 quotes a value that contains ',', ':' or a newline (its `quote()` uses JSON).
const quoteA1111 = (value: string): string => (/[,:\n]/.test(value) ? JSON.stringify(value) : value);

/** The AUTOMATIC1111 `parameters` text: prompt, `Negative prompt: …`, then `Steps: …, Sampler: …, …`. */
export function formatA1111Parameters(record: GenerationRecord): string {
  const p = record.params;
  const str = (v: unknown): string | undefined => (typeof v === 'string' || typeof v === 'number' ? String(v) : undefined);
  const model = isModelSlug(record.model) ? MODELS[record.model as ModelSlug] : undefined;
  const lines = [str(p.prompt) ?? ''];
  const negative = str(p.negative_prompt);
  if (negative) lines.push(`Negative prompt: ${negative}`);
  const settings: [string, string | undefined][] = [
    ['Steps', str(p.steps ?? p.num_inference_steps)],
    // SD 3 Medium's "scheduler" holds A1111-style sampler names ("DPM++ 2M"); SD 3.5 has both.
    ['Sampler', str(p.sampler ?? p.scheduler)],
    ['Schedule type', p.sampler !== undefined ? str(p.scheduler) : undefined],
    ['CFG scale', str(p.guidance_scale)],
    ['Seed', str(record.seed ?? p.seed)],
    ['Size', model ? (({ width, height }) => `${width}x${height}`)(outputSize(model, p as Record<string, unknown>)) : undefined],
    ['Model', record.model],
  ];
  lines.push(settings.filter((s): s is [string, string] => s[1] !== undefined).map(([k, v]) => `${k}: ${quoteA1111(v)}`).join(', '));
  return lines.join('\n');
}

/** Our JSON record (stable keys; `generator` tells readers who wrote it). */
export function formatRecordJson(record: GenerationRecord): string {
  return JSON.stringify({
    generator: GENERATOR,
    version: 1,
    model: record.model,
    params: record.params,
    ...(record.seed !== undefined ? { seed: record.seed } : {}),
    ...(record.requestId !== undefined ? { requestId: record.requestId } : {}),
    ...(record.index !== undefined ? { index: record.index } : {}),
  });
}

/** Adds the metadata to an image of `format`; the pixel data is copied byte for byte. */
export function embedMetadata(bytes: Uint8Array, format: ImageFormat, record: GenerationRecord): Uint8Array {
  return concatBytes(embedMetadataParts(bytes, format, record));
}

/**
 * The image with its metadata as consecutive parts: views into `bytes` (the pixel data is never
 * copied) and the few small new chunks. Written one after the other they make the file; a big
 * image thus costs no second copy in memory.
 */
export function embedMetadataParts(bytes: Uint8Array, format: ImageFormat, record: GenerationRecord): Uint8Array[] {
  const parameters = formatA1111Parameters(record);
  const json = formatRecordJson(record);
  switch (format) {
    case 'png':
      return embedPng(bytes, parameters, json);
    case 'jpeg':
      return embedJpeg(bytes, parameters, json);
    case 'webp':
      return embedWebp(bytes, parameters, json);
  }
}

/** Parts of an output: views into the source, adjacent ranges merged, and new bytes in between. */
class PartList {
  readonly parts: Uint8Array[] = [];
  private rangeStart = -1;
  private rangeEnd = -1;

  constructor(private readonly source: Uint8Array) {}

  /** Appends source[start, end), merged with the previous range when they touch. */
  range(start: number, end: number): void {
    if (this.rangeEnd === start) {
      this.rangeEnd = end;
      return;
    }
    this.flush();
    this.rangeStart = start;
    this.rangeEnd = end;
  }

  add(bytes: Uint8Array): void {
    this.flush();
    this.parts.push(bytes);
  }

  done(): Uint8Array[] {
    this.flush();
    return this.parts;
  }

  private flush(): void {
    if (this.rangeStart >= 0 && this.rangeEnd > this.rangeStart) this.parts.push(this.source.subarray(this.rangeStart, this.rangeEnd));
    this.rangeStart = this.rangeEnd = -1;
  }
}

// ---- PNG ----------------------------------------------------------------------------------------

/** One chunk with its length and CRC (over type + data). */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typeBytes = latin1Bytes(type);
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  out.set(typeBytes, 4);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(concatBytes([typeBytes, data])));
  return out;
}

/** tEXt when the text is Latin-1 (what most readers expect), else uncompressed iTXt (UTF-8). */
export function pngTextChunk(keyword: string, text: string): Uint8Array {
  if (isLatin1(text)) return pngChunk('tEXt', concatBytes([latin1Bytes(keyword), new Uint8Array([0]), latin1Bytes(text)]));
  // keyword \0 compression-flag(0) method(0) language \0 translated-keyword \0 text
  return pngChunk('iTXt', concatBytes([latin1Bytes(keyword), new Uint8Array([0, 0, 0, 0, 0]), utf8(text)]));
}

function textKeyword(chunk: PngChunk): string | undefined {
  if (chunk.type !== 'tEXt' && chunk.type !== 'iTXt' && chunk.type !== 'zTXt') return undefined;
  const nul = chunk.data.indexOf(0);
  return nul > 0 ? String.fromCharCode(...chunk.data.subarray(0, nul)) : undefined;
}

// Text goes before the first IDAT: readers such as Pillow's `Image.info` only see chunks found there.
function embedPng(bytes: Uint8Array, parameters: string, json: string): Uint8Array[] {
  const chunks = pngChunks(bytes);
  const parts = new PartList(bytes);
  parts.range(0, 8);
  let inserted = false;
  for (const chunk of chunks) {
    const keyword = textKeyword(chunk);
    if (keyword === PARAMETERS_KEYWORD || keyword === RECORD_KEYWORD) continue; // replaced, not duplicated
    if (!inserted && (chunk.type === 'IDAT' || chunk.type === 'IEND')) {
      parts.add(concatBytes([pngTextChunk(PARAMETERS_KEYWORD, parameters), pngTextChunk(RECORD_KEYWORD, json)]));
      inserted = true;
    }
    parts.range(chunk.start, chunk.end);
  }
  return parts.done();
}

// ---- JPEG ---------------------------------------------------------------------------------------

export const XMP_APP1_HEADER = 'http://ns.adobe.com/xap/1.0/\0';
const MAX_SEGMENT_DATA = 65533;

function jpegSegment(marker: number, data: Uint8Array): Uint8Array {
  if (data.length > MAX_SEGMENT_DATA) throw new Error('metadata too large for a JPEG segment');
  const out = new Uint8Array(4 + data.length);
  out[0] = 0xff;
  out[1] = marker;
  out[2] = (data.length + 2) >> 8;
  out[3] = (data.length + 2) & 0xff;
  out.set(data, 4);
  return out;
}

/** After SOI and the APPn segments that follow it (JFIF's APP0 must stay first): a COM with the A1111 text, an APP1 XMP with both. */
function embedJpeg(bytes: Uint8Array, parameters: string, json: string): Uint8Array[] {
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) throw new Error('not a JPEG file');
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff && (bytes[offset + 1] ?? 0) >= 0xe0 && (bytes[offset + 1] ?? 0) <= 0xef) {
    offset += 2 + (((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0));
  }
  if (offset > bytes.length) throw new Error('truncated JPEG segment');
  const comment = jpegSegment(0xfe, utf8(parameters).subarray(0, MAX_SEGMENT_DATA));
  const xmp = jpegSegment(0xe1, concatBytes([latin1Bytes(XMP_APP1_HEADER), utf8(buildXmp(parameters, json))]));
  return [bytes.subarray(0, offset), concatBytes([xmp, comment]), bytes.subarray(offset)];
}

// ---- WebP ---------------------------------------------------------------------------------------

function riffChunk(fourcc: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(8 + data.length + (data.length % 2));
  out.set(latin1Bytes(fourcc), 0);
  new DataView(out.buffer).setUint32(4, data.length, true);
  out.set(data, 8);
  return out;
}

/** Canvas size and alpha of a simple (VP8 / VP8L) WebP, from its bitstream header. */
export function webpCanvas(chunk: RiffChunk): { width: number; height: number; alpha: boolean } {
  const d = chunk.data;
  if (chunk.fourcc === 'VP8 ') {
    if (d.length < 10 || d[3] !== 0x9d || d[4] !== 0x01 || d[5] !== 0x2a) throw new Error('bad VP8 header');
    return { width: (d[6]! | (d[7]! << 8)) & 0x3fff, height: (d[8]! | (d[9]! << 8)) & 0x3fff, alpha: false };
  }
  if (chunk.fourcc === 'VP8L') {
    if (d.length < 5 || d[0] !== 0x2f) throw new Error('bad VP8L header');
    const bits = d[1]! | (d[2]! << 8) | (d[3]! << 16) | (d[4]! << 24);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1, alpha: ((bits >>> 28) & 1) === 1 };
  }
  throw new Error(`unexpected WebP chunk ${chunk.fourcc}`);
}

const VP8X_XMP_FLAG = 0x04;
const VP8X_ALPHA_FLAG = 0x10;

/** Extended format (VP8X) with the XMP flag; the XMP chunk goes last, as the container spec orders it. */
function embedWebp(bytes: Uint8Array, parameters: string, json: string): Uint8Array[] {
  const chunks = webpChunks(bytes);
  const kept = chunks.filter((c) => c.fourcc !== 'XMP ');
  const first = kept[0];
  if (!first) throw new Error('empty WebP file');
  const parts = new PartList(bytes);
  const riffHeader = new Uint8Array(12);
  parts.add(riffHeader); // filled in below, once the size is known
  if (first.fourcc === 'VP8X') {
    const header = Uint8Array.from(first.data);
    header[0] = (header[0] ?? 0) | VP8X_XMP_FLAG;
    parts.add(riffChunk('VP8X', header));
    for (const c of kept.slice(1)) parts.range(c.start, c.end);
  } else {
    const { width, height, alpha } = webpCanvas(first);
    const header = new Uint8Array(10);
    header[0] = VP8X_XMP_FLAG | (alpha ? VP8X_ALPHA_FLAG : 0);
    for (let i = 0; i < 3; i++) {
      header[4 + i] = ((width - 1) >> (8 * i)) & 0xff;
      header[7 + i] = ((height - 1) >> (8 * i)) & 0xff;
    }
    parts.add(riffChunk('VP8X', header));
    for (const c of kept) parts.range(c.start, c.end);
  }
  parts.add(riffChunk('XMP ', utf8(buildXmp(parameters, json))));
  const all = parts.done();
  const bodyLength = all.reduce((n, p) => n + p.length, 0) - riffHeader.length;
  riffHeader.set(latin1Bytes('RIFF'), 0);
  new DataView(riffHeader.buffer).setUint32(4, 4 + bodyLength, true);
  riffHeader.set(latin1Bytes('WEBP'), 8);
  return all;
}

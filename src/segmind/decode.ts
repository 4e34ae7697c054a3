// Turning what the server sent into images we trust: the `output` field (URL, list, base64, data
// URI), v1's raw bytes, and checks that the bytes are a complete PNG, JPEG or WebP — not an HTML
// error page, a JSON body or a cut-off download.
import { SegmindError, type SegmindErrorDetails } from './errors';

export type ImageFormat = 'png' | 'jpeg' | 'webp';
export interface ImageOutput { bytes: Uint8Array; format: ImageFormat; mime: string }

export const MIME_TYPES: Readonly<Record<ImageFormat, string>> = { png: 'image/png', jpeg: 'image/jpeg', webp: 'image/webp' };

/** One image of a result: to download, or already here. */
export type OutputItem = { readonly url: string } | { readonly bytes: Uint8Array };

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const PNG_IEND = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
  return bytes.length >= offset + prefix.length && prefix.every((b, i) => bytes[offset + i] === b);
}

function ascii(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** The image format from magic bytes, or undefined. */
export function sniffImageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (startsWith(bytes, PNG_SIGNATURE)) return 'png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (bytes.length >= 12 && ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return 'webp';
  return undefined;
}

/** What a non-image body looks like, for the error message. */
function describeNonImage(bytes: Uint8Array): string {
  const head = Buffer.from(bytes.subarray(0, 512)).toString('utf8').trimStart();
  if (/^<(!doctype|html|head|body|\?xml)/i.test(head) || head.startsWith('<')) return 'an HTML page';
  if (head.startsWith('{') || head.startsWith('[')) {
    const error = serverErrorText(Buffer.from(bytes).toString('utf8'));
    return error ? `a JSON message ("${error}")` : 'a JSON document';
  }
  return bytes.length === 0 ? 'an empty body' : 'data that is not a PNG, JPEG or WebP image';
}

/** The `error` (or `message`/`detail`) text of a JSON error body, if there is one. */
export function serverErrorText(text: string): string | undefined {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object') {
      for (const key of ['error', 'message', 'detail']) {
        const v = (value as Record<string, unknown>)[key];
        if (typeof v === 'string' && v.trim()) return v.trim().slice(0, 500);
        if (v && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string') return String((v as { message: string }).message).slice(0, 500);
      }
    }
  } catch {
    // not JSON: no server text
  }
  return undefined;
}

function isComplete(bytes: Uint8Array, format: ImageFormat): boolean {
  switch (format) {
    case 'png':
      return startsWith(bytes, PNG_IEND, bytes.length - PNG_IEND.length);
    case 'jpeg':
      return bytes.length >= 4 && bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9;
    case 'webp': {
      const riffSize = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
      return riffSize + 8 === bytes.length || riffSize + 9 === bytes.length; // RIFF pads odd sizes by one byte
    }
  }
}

/** Checks bytes claimed to be an image (`what` names their source in messages). Throws 'not-an-image'. */
export function decodeImage(bytes: Uint8Array, what: string, details: SegmindErrorDetails = {}): ImageOutput {
  const format = sniffImageFormat(bytes);
  if (!format) {
    throw new SegmindError('not-an-image', `${what} is ${describeNonImage(bytes)}, not an image. Try again; if it persists, the service may be having problems.`, details);
  }
  if (!isComplete(bytes, format)) {
    throw new SegmindError('not-an-image', `${what} is an incomplete ${format.toUpperCase()} image (${bytes.length} bytes; the download was cut off or padded). Try again.`, details);
  }
  return { bytes, format, mime: MIME_TYPES[format] };
}

const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/** Decodes base64 (standard or URL-safe, whitespace ignored); undefined when it is not base64. */
export function decodeBase64(text: string): Uint8Array | undefined {
  const compact = /\s/.test(text) ? text.replace(/\s+/g, '') : text;
  if (compact.length < 8 || !BASE64.test(compact)) return undefined;
  const bytes = Buffer.from(compact, compact.includes('-') || compact.includes('_') ? 'base64url' : 'base64');
  // A view, not `new Uint8Array(bytes)`: that would copy a whole image once more.
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function outputItem(value: unknown, details: SegmindErrorDetails): OutputItem {
  if (typeof value === 'string') {
    const text = value.trim();
    const dataUri = /^data:([^;,]*)(;[^,]*)?,(.*)$/s.exec(text);
    if (dataUri) {
      const mime = dataUri[1] ?? '';
      if (!/^image\/(png|jpeg|jpg|webp)$/i.test(mime) || !/;base64$/i.test(dataUri[2] ?? '')) {
        throw new SegmindError('malformed', `The server returned a data URI of type "${mime || 'unknown'}", not a base64 PNG, JPEG or WebP image.`, details);
      }
      const bytes = decodeBase64(dataUri[3] ?? '');
      if (bytes) return { bytes };
    } else if (/^[a-z][a-z0-9+.-]*:/i.test(text)) {
      // base64 never contains ':', so anything with a scheme is a URL (checked before download).
      return { url: text };
    } else {
      const bytes = decodeBase64(text);
      if (bytes) return { bytes };
    }
  } else if (value && typeof value === 'object' && !Array.isArray(value)) {
    // Some services wrap each image: {"image": "..."} / {"url": "..."} / {"base64": "..."}.
    for (const key of ['url', 'image', 'base64', 'data']) {
      const inner = (value as Record<string, unknown>)[key];
      if (typeof inner === 'string') return outputItem(inner, details);
    }
  }
  throw new SegmindError('malformed', `The server's result has an output this extension does not understand (${describeShape(value)}). Please report it.`, details);
}

function describeShape(value: unknown): string {
  if (value === undefined || value === null) return 'no output';
  if (typeof value === 'string') return `a text of ${value.length} characters`;
  if (Array.isArray(value)) return `a list of ${value.length}`;
  return typeof value === 'object' ? `an object with keys ${Object.keys(value).slice(0, 5).join(', ')}` : typeof value;
}

/** The images named by a result's `output`: one string, a list, base64, data URIs or URLs. */
export function parseOutput(output: unknown, details: SegmindErrorDetails = {}): OutputItem[] {
  const items = Array.isArray(output) ? output : [output];
  if (items.length === 0) {
    throw new SegmindError('malformed', 'The server reported the job as completed but returned no images. Try again.', details);
  }
  return items.map((item) => outputItem(item, details));
}

/** v1 `base64: true`: a JSON object whose image field(s) hold base64 or data URIs. */
export function parseSyncJson(value: unknown, details: SegmindErrorDetails = {}): OutputItem[] {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const record = value as Record<string, unknown>;
    for (const key of ['images', 'output', 'image', 'data']) {
      if (record[key] !== undefined) return parseOutput(record[key], details);
    }
  }
  throw new SegmindError('malformed', `The server's answer has a shape this extension does not understand (${describeShape(value)}). Please report it.`, details);
}

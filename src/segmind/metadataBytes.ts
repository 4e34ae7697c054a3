// Byte-level helpers for image metadata: CRC-32, text encodings, the PNG and RIFF/WebP chunk
// walkers, and the XMP packet we write and read. Pure, no Node or vscode imports.

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG uses it (ISO 3309). */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
export const fromUtf8 = (bytes: Uint8Array): string => new TextDecoder('utf-8', { fatal: false }).decode(bytes);
// eslint-disable-next-line no-control-regex
export const isLatin1 = (text: string): boolean => /^[\u0000-\u00ff]*$/.test(text);
export const latin1Bytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
export const fromLatin1 = (bytes: Uint8Array): string => {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
};

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface PngChunk { readonly type: string; readonly data: Uint8Array; readonly start: number; readonly end: number }

/** The chunks of a PNG, in order; throws on a truncated or non-PNG file. */
export function pngChunks(bytes: Uint8Array): PngChunk[] {
  if (bytes.length < 8 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) throw new Error('not a PNG file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: PngChunk[] = [];
  let offset = 8;
  while (offset + 12 <= bytes.length) {
    const length = view.getUint32(offset);
    const end = offset + 12 + length;
    if (end > bytes.length) throw new Error('truncated PNG chunk');
    const type = String.fromCharCode(...bytes.subarray(offset + 4, offset + 8));
    chunks.push({ type, data: bytes.subarray(offset + 8, offset + 8 + length), start: offset, end });
    offset = end;
    if (type === 'IEND') break;
  }
  return chunks;
}

export interface RiffChunk { readonly fourcc: string; readonly data: Uint8Array; readonly start: number; readonly end: number }

/** The chunks of a RIFF/WEBP file; throws on a truncated or non-WebP file. */
export function webpChunks(bytes: Uint8Array): RiffChunk[] {
  const tag = (at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));
  if (bytes.length < 12 || tag(0) !== 'RIFF' || tag(8) !== 'WEBP') throw new Error('not a WebP file');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: RiffChunk[] = [];
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const size = view.getUint32(offset + 4, true);
    const end = offset + 8 + size + (size % 2);
    if (offset + 8 + size > bytes.length) throw new Error('truncated WebP chunk');
    chunks.push({ fourcc: tag(offset), data: bytes.subarray(offset + 8, offset + 8 + size), start: offset, end: Math.min(end, bytes.length) });
    offset = end;
  }
  return chunks;
}

// ---- XMP ----------------------------------------------------------------------------------------

const XMP_NS = 'https://github.com/segmind-studio/segmind-image-studio/ns/1.0/';

const escapeXml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|quot|apos|amp|#(\d+)|#x([0-9a-f]+));/gi, (whole, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    return ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[name.toLowerCase()] ?? whole;
  });

/** An XMP packet with the A1111 text as exif:UserComment and our JSON record as segmind:record. */
export function buildXmp(parameters: string, json: string): string {
  return [
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?>',
    '<x:xmpmeta xmlns:x="adobe:ns:meta/">',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">',
    `<rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:segmind="${XMP_NS}">`,
    `<exif:UserComment><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(parameters)}</rdf:li></rdf:Alt></exif:UserComment>`,
    `<segmind:record>${escapeXml(json)}</segmind:record>`,
    '</rdf:Description>',
    '</rdf:RDF>',
    '</x:xmpmeta>',
    '<?xpacket end="w"?>',
  ].join('\n');
}

/** The A1111 text and JSON record from an XMP packet (ours, or any with exif:UserComment). */
export function parseXmp(xmp: string): { parameters?: string; json?: string } {
  const record = /<segmind:record>([\s\S]*?)<\/segmind:record>/.exec(xmp)?.[1];
  const comment = /<exif:UserComment>[\s\S]*?<rdf:li[^>]*>([\s\S]*?)<\/rdf:li>/.exec(xmp)?.[1];
  return {
    ...(comment !== undefined ? { parameters: unescapeXml(comment) } : {}),
    ...(record !== undefined ? { json: unescapeXml(record) } : {}),
  };
}

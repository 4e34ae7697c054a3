// Reads generation metadata back from PNG, JPEG and WebP files: our JSON record, and the
// AUTOMATIC1111 `parameters` text that we and other tools (A1111, Forge, Fooocus, …) write.
import { MODELS, isModelSlug } from '../shared/catalog';
import { fromLatin1, fromUtf8, parseXmp, pngChunks, webpChunks } from './metadataBytes';

/** What a file carries: the raw A1111 text and/or our JSON record, parsed. */
export interface ImageMetadata {
  readonly parameters?: string;
  readonly record?: { readonly model: string; readonly params: Record<string, unknown>; readonly seed?: number; readonly requestId?: string; readonly index?: number };
}

/** The AUTOMATIC1111 text, split: prompt, negative prompt, and the `Key: value` settings of the last line. */
export interface A1111Parameters {
  readonly prompt: string;
  readonly negativePrompt?: string;
  readonly settings: Readonly<Record<string, string>>;
}

const XMP_APP1_HEADER = 'http://ns.adobe.com/xap/1.0/\0';

function parseRecord(json: string | undefined): ImageMetadata['record'] {
  if (!json) return undefined;
  try {
    const value = JSON.parse(json) as Record<string, unknown>;
    if (typeof value.model !== 'string' || typeof value.params !== 'object' || value.params === null) return undefined;
    return {
      model: value.model,
      params: value.params as Record<string, unknown>,
      ...(typeof value.seed === 'number' ? { seed: value.seed } : {}),
      ...(typeof value.requestId === 'string' ? { requestId: value.requestId } : {}),
      ...(typeof value.index === 'number' ? { index: value.index } : {}),
    };
  } catch {
    return undefined;
  }
}

/** PNG tEXt (Latin-1) and uncompressed iTXt (UTF-8) entries by keyword. zTXt is skipped. */
function pngTexts(bytes: Uint8Array): Map<string, string> {
  const texts = new Map<string, string>();
  for (const chunk of pngChunks(bytes)) {
    const nul = chunk.data.indexOf(0);
    if (nul <= 0) continue;
    const keyword = fromLatin1(chunk.data.subarray(0, nul));
    if (chunk.type === 'tEXt') texts.set(keyword, fromLatin1(chunk.data.subarray(nul + 1)));
    if (chunk.type === 'iTXt' && chunk.data[nul + 1] === 0) {
      // keyword \0 flag method language \0 translated \0 text
      const languageEnd = chunk.data.indexOf(0, nul + 3);
      const translatedEnd = languageEnd < 0 ? -1 : chunk.data.indexOf(0, languageEnd + 1);
      if (translatedEnd >= 0) texts.set(keyword, fromUtf8(chunk.data.subarray(translatedEnd + 1)));
    }
  }
  return texts;
}

function jpegTexts(bytes: Uint8Array): { comment?: string; xmp?: string } {
  const out: { comment?: string; xmp?: string } = {};
  let offset = 2;
  while (offset + 4 <= bytes.length && bytes[offset] === 0xff) {
    const marker = bytes[offset + 1] ?? 0;
    if (marker === 0xda || marker === 0xd9) break; // start of scan / end of image: no more metadata
    const length = ((bytes[offset + 2] ?? 0) << 8) | (bytes[offset + 3] ?? 0);
    const data = bytes.subarray(offset + 4, offset + 2 + length);
    if (marker === 0xfe && out.comment === undefined) out.comment = fromUtf8(data);
    if (marker === 0xe1 && fromLatin1(data.subarray(0, XMP_APP1_HEADER.length)) === XMP_APP1_HEADER) {
      out.xmp = fromUtf8(data.subarray(XMP_APP1_HEADER.length));
    }
    offset += 2 + length;
  }
  return out;
}

/** Everything we can read from an image's metadata; empty for other files or unreadable ones. */
export function readImageMetadata(bytes: Uint8Array): ImageMetadata {
  try {
    if (bytes[0] === 0x89 && bytes[1] === 0x50) {
      const texts = pngTexts(bytes);
      const parameters = texts.get('parameters');
      const record = parseRecord(texts.get('segmind'));
      return { ...(parameters !== undefined ? { parameters } : {}), ...(record ? { record } : {}) };
    }
    if (bytes[0] === 0xff && bytes[1] === 0xd8) {
      const { comment, xmp } = jpegTexts(bytes);
      const fromXmp = xmp ? parseXmp(xmp) : {};
      const parameters = fromXmp.parameters ?? comment;
      const record = parseRecord(fromXmp.json);
      return { ...(parameters !== undefined ? { parameters } : {}), ...(record ? { record } : {}) };
    }
    const xmpChunk = webpChunks(bytes).find((c) => c.fourcc === 'XMP ');
    if (!xmpChunk) return {};
    const fromXmp = parseXmp(fromUtf8(xmpChunk.data));
    const record = parseRecord(fromXmp.json);
    return { ...(fromXmp.parameters !== undefined ? { parameters: fromXmp.parameters } : {}), ...(record ? { record } : {}) };
  } catch {
    return {};
  }
}

/** Splits `Key: value, Key: "quoted, value", …` respecting A1111's JSON quoting. */
function parseSettingsLine(line: string): Record<string, string> {
  const settings: Record<string, string> = {};
  const re = /\s*([\w ()/+.-]+?):\s*("(?:\\.|[^"\\])*"|[^,]*)(?:,|$)/g;
  for (const m of line.matchAll(re)) {
    const key = m[1]?.trim();
    let value = m[2]?.trim() ?? '';
    if (value.startsWith('"')) {
      try {
        value = JSON.parse(value) as string;
      } catch {
        /* keep it as written */
      }
    }
    if (key) settings[key] = value;
  }
  return settings;
}

/** Parses the A1111 `parameters` text. The settings line is the last one that starts with `Steps:`. */
export function parseA1111Parameters(text: string): A1111Parameters {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let settingsLine = '';
  const last = lines[lines.length - 1] ?? '';
  if (/^\s*Steps:\s/.test(last) || /^\s*[\w ]+: [^,]*,\s*[\w ]+: /.test(last)) settingsLine = lines.pop() ?? '';
  const negativeAt = lines.findIndex((l) => l.startsWith('Negative prompt:'));
  const promptLines = negativeAt >= 0 ? lines.slice(0, negativeAt) : lines;
  const negativeLines = negativeAt >= 0 ? lines.slice(negativeAt) : [];
  const negative = negativeLines.join('\n').replace(/^Negative prompt:\s?/, '');
  return {
    prompt: promptLines.join('\n').trim(),
    ...(negativeAt >= 0 ? { negativePrompt: negative.trim() } : {}),
    settings: parseSettingsLine(settingsLine),
  };
}

const toNumber = (s: string | undefined): number | undefined => (s !== undefined && s.trim() !== '' && Number.isFinite(Number(s)) ? Number(s) : undefined);

/** Our model's parameters from A1111 text written by another tool (when `Model:` names one of ours). */
function paramsFromA1111(model: keyof typeof MODELS, a: A1111Parameters): Record<string, unknown> {
  const spec = MODELS[model];
  const params: Record<string, unknown> = { prompt: a.prompt };
  if (a.negativePrompt) params.negative_prompt = a.negativePrompt;
  const steps = toNumber(a.settings.Steps);
  if (steps !== undefined) params[spec.stepsParam] = steps;
  const cfg = toNumber(a.settings['CFG scale']);
  if (cfg !== undefined) params.guidance_scale = cfg;
  const seed = toNumber(a.settings.Seed);
  if (seed !== undefined) params.seed = seed;
  const size = /^(\d+)x(\d+)$/.exec(a.settings.Size ?? '');
  const [w, h] = model === 'stable-diffusion-3-medium-txt2img' ? ['img_width', 'img_height'] : ['width', 'height'];
  if (size) Object.assign(params, { [w]: Number(size[1]), [h]: Number(size[2]) });
  const sampler = a.settings.Sampler;
  if (sampler && model === 'stable-diffusion-3-medium-txt2img') params.scheduler = sampler;
  if (sampler && model === 'stable-diffusion-3.5-large-txt2img') {
    params.sampler = sampler;
    if (a.settings['Schedule type']) params.scheduler = a.settings['Schedule type'];
  }
  return params;
}

/** How an image was made, for "Reproduce" and the gallery: our record first, else A1111 text. */
export function readGenerationMetadata(bytes: Uint8Array): { model: string; params: Record<string, unknown>; seed?: number; requestId?: string } | undefined {
  const meta = readImageMetadata(bytes);
  if (meta.record) return meta.record;
  if (meta.parameters === undefined) return undefined;
  const parsed = parseA1111Parameters(meta.parameters);
  const model = parsed.settings.Model ?? '';
  const params = isModelSlug(model) ? paramsFromA1111(model, parsed) : { prompt: parsed.prompt, ...(parsed.negativePrompt ? { negative_prompt: parsed.negativePrompt } : {}) };
  const seed = toNumber(parsed.settings.Seed);
  return { model, params, ...(seed !== undefined ? { seed } : {}) };
}

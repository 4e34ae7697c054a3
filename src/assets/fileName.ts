// File names for saved images: template expansion, names that are safe on every OS, and the first
// free `name-N` variant. Pure (no vscode, no fs): the caller passes what it needs.

export interface FileNameVariables {
  /** When the image was saved (local time is used for ${date} and ${time}). */
  readonly date: Date;
  readonly prompt: string;
  readonly model: string;
  readonly seed: number;
  /** 1-based position in the request's output. */
  readonly index: number;
  readonly requestId?: string;
}

/** Longest base name (UTF-8 bytes) we produce: leaves room for `-NNN` and the extension under 255. */
export const MAX_BASE_NAME_BYTES = 120;
/** Longest ${prompt} slug, in characters. */
export const MAX_PROMPT_SLUG = 48;
export const FALLBACK_BASE_NAME = 'image';

// Windows refuses these as a file's name, with any extension ("con.png"), in any case.
export const RESERVED_NAMES = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// Forbidden on Windows (and '/' everywhere), plus C0/C1 control characters and DEL.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[<>:"/\\|?*\u0000-\u001f\u007f-\u009f]/g;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** YYYY-MM-DD in local time. */
export function formatDate(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** HH-mm-ss in local time (no colons: they are not allowed in Windows file names). */
export function formatTime(date: Date): string {
  return `${pad(date.getHours())}-${pad(date.getMinutes())}-${pad(date.getSeconds())}`;
}

/** Lower-case words joined by '-', accents folded, at most `maxLength` characters, cut at a word end. */
export function slugify(text: string, maxLength = MAX_PROMPT_SLUG): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  let slug = '';
  for (const word of words) {
    const next = slug ? `${slug}-${word}` : word;
    if (next.length > maxLength) {
      if (!slug) slug = word.slice(0, maxLength);
      break;
    }
    slug = next;
  }
  return slug;
}

/** Cuts `text` to at most `maxBytes` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, maxBytes: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= maxBytes) return text;
  let out = '';
  let bytes = 0;
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (bytes + size > maxBytes) break;
    out += ch;
    bytes += size;
  }
  return out;
}

/**
 * A base name (no extension) every OS accepts: unsafe and control characters become '-', no leading
 * dots (hidden files), no trailing dots or spaces (Windows drops them), no reserved device names,
 * at most MAX_BASE_NAME_BYTES bytes, never empty.
 */
export function safeBaseName(name: string, maxBytes = MAX_BASE_NAME_BYTES): string {
  // Format characters (bidi overrides such as U+202E, zero-width joiners) can disguise a name ("gnp.exe").
  let safe = name.normalize('NFC').replace(/\p{Cf}/gu, '').replace(UNSAFE_CHARACTERS, '-').replace(/-{2,}/g, '-');
  safe = truncateUtf8(safe, maxBytes);
  safe = safe.replace(/^[\s.-]+/u, '').replace(/[\s.-]+$/u, '');
  if (!safe) return FALLBACK_BASE_NAME;
  const dot = safe.indexOf('.');
  const stem = dot < 0 ? safe : safe.slice(0, dot);
  if (RESERVED_NAMES.test(stem.trim())) safe = `${stem}_${safe.slice(stem.length)}`;
  return safe;
}

/** Expands `${date}` `${time}` `${prompt}` `${model}` `${seed}` `${index}` `${requestId}`; unknown variables stay as text. */
export function expandFileNameTemplate(template: string, vars: FileNameVariables): string {
  const values: Record<string, string> = {
    date: formatDate(vars.date),
    time: formatTime(vars.date),
    prompt: slugify(vars.prompt) || FALLBACK_BASE_NAME,
    model: vars.model,
    seed: String(vars.seed),
    index: String(vars.index),
    requestId: vars.requestId ?? 'sync',
  };
  const expanded = template.replace(/\$\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
  return safeBaseName(expanded);
}

/** The file name for one image: expanded template + the real image type's extension. */
export function imageFileName(template: string, vars: FileNameVariables, extension: string): string {
  return `${expandFileNameTemplate(template, vars)}.${extension}`;
}

/** Extension for an image format. */
export function extensionFor(format: 'png' | 'jpeg' | 'webp'): string {
  return format === 'jpeg' ? 'jpg' : format;
}

/** `name.ext`, `name-2.ext`, `name-3.ext`, …: the candidates, in order. */
export function candidateName(fileName: string, attempt: number): string {
  if (attempt <= 1) return fileName;
  const dot = fileName.lastIndexOf('.');
  const base = dot > 0 ? fileName.slice(0, dot) : fileName;
  const ext = dot > 0 ? fileName.slice(dot) : '';
  return `${base}-${attempt}${ext}`;
}

/** The error when all `attempts` candidates were taken; with one attempt (an exact name), that the file exists. */
export function noFreeNameError(fileName: string, attempts: number): Error {
  return new Error(attempts === 1 ? `${fileName} already exists` : `no free file name like ${fileName}`);
}

/** The first candidate for which `exists` says no; never overwrites. Throws after `maxAttempts`. */
export async function uniqueFileName(
  fileName: string,
  exists: (name: string) => boolean | Promise<boolean>,
  maxAttempts = 10_000,
): Promise<string> {
  for (let attempt = 1; attempt <= maxAttempts; attempt++) {
    const name = candidateName(fileName, attempt);
    if (!(await exists(name))) return name;
  }
  throw new Error(`No free file name like ${fileName} after ${maxAttempts} attempts`);
}

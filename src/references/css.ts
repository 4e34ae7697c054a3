// url(…) references in CSS, SCSS, Less, Sass and Stylus, found by walking the stylesheet's tokens so
// that comments and strings (`content: "url(x.png)"`) hide what they contain, as they do for the browser.
import { blockCommentEnd, lineEnd, matchAt, skipSpace } from './scanning';
import type { FoundReference } from './types';

/** Preprocessors where `//` starts a comment that runs to the end of the line. */
const LINE_COMMENT_LANGUAGES = new Set(['scss', 'less', 'sass', 'stylus']);

/** Variables and interpolations (`$x`, `@x`, `#{…}`, `@{…}`, `var(--x)`) name no file until compiled. */
const DYNAMIC_TARGET = /^[$@]|#\{|@\{|var\(/;

const WORD = /[\w-]+/y;
/** An unquoted url's characters: no whitespace, quotes or parentheses unless escaped. */
const UNQUOTED_URL = /(?:[^\s"'()\\]|\\[\s\S])*/y;

export function findCssReferences(source: string, languageId: string): FoundReference[] {
  const lineComments = LINE_COMMENT_LANGUAGES.has(languageId);
  const found: FoundReference[] = [];
  let i = 0;
  while (i < source.length) {
    if (source.startsWith('/*', i)) i = blockCommentEnd(source, i);
    else if (lineComments && source.startsWith('//', i)) i = lineEnd(source, i);
    else if (source[i] === '"' || source[i] === "'") i = readString(source, i).end;
    else if (/[\w-]/.test(source[i]!)) {
      const word = matchAt(WORD, source, i);
      const url = word.toLowerCase() === 'url' && source[i + 3] === '(' ? readUrl(source, i) : undefined;
      if (url && !DYNAMIC_TARGET.test(url.target)) found.push(url);
      i = url?.end ?? i + word.length;
    } else i++;
  }
  return found;
}

/** `url(` at `start`: its target and extent, or undefined when it is not a well-formed url token. */
function readUrl(source: string, start: number): FoundReference | undefined {
  let i = skipSpace(source, start + 4);
  let target: string;
  if (source[i] === '"' || source[i] === "'") {
    const string = readString(source, i);
    if (!string.closed) return undefined;
    target = string.value;
    i = skipSpace(source, string.end);
  } else {
    const raw = matchAt(UNQUOTED_URL, source, i);
    target = decodeEscapes(raw);
    i = skipSpace(source, i + raw.length);
  }
  return source[i] === ')' ? { start, end: i + 1, target } : undefined;
}

function readString(source: string, start: number): { value: string; end: number; closed: boolean } {
  const quote = source[start];
  for (let i = start + 1; i < source.length; i++) {
    if (source[i] === '\\') i++;
    else if (source[i] === quote) return { value: decodeEscapes(source.slice(start + 1, i)), end: i + 1, closed: true };
    else if (source[i] === '\n') return { value: '', end: i, closed: false };
  }
  return { value: '', end: source.length, closed: false };
}

/** CSS escapes: `\"`, `\\`, hex code points (`\26 `, `\a `) and escaped line breaks (which vanish). */
function decodeEscapes(text: string): string {
  return text.replace(/\\(?:([0-9a-f]{1,6})[ \t\n]?|(\r\n|[\n\r\f])|([\s\S]))/gi, (_, hex?: string, _newline?: string, char?: string) => {
    if (hex) return String.fromCodePoint(Math.min(parseInt(hex, 16), 0x10ffff) || 0xfffd);
    return char ?? '';
  });
}

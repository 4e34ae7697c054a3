// <img> elements in JSX/TSX. The file is script, which htmlparser2 cannot read, so each `<img` is parsed
// on its own after comments are blanked; only quoted attribute values are literals (see ./html).
import { scanTags } from './html';
import { blockCommentEnd, lineEnd } from './scanning';
import type { FoundReference } from './types';

/** The <img> elements of a JSX/TSX file; offsets are into `source`. */
export function findJsxReferences(source: string): FoundReference[] {
  const found: FoundReference[] = [];
  const code = blankScriptComments(source);
  for (const tag of code.matchAll(/<img[\s/>]/g)) {
    // Enough text for any real tag; the parser stops at the first one.
    for (const reference of scanTags(code.slice(tag.index, tag.index + MAX_TAG_LENGTH), { jsx: true }, true)) {
      found.push({ ...reference, start: reference.start + tag.index, end: reference.end + tag.index });
    }
  }
  return found;
}

const MAX_TAG_LENGTH = 16_384;

/**
 * The source with its JavaScript comments turned to spaces (offsets and lines kept), so a commented-out
 * <img> is not a reference. Strings are skipped so `'src/*.png'` opens no comment.
 */
function blankScriptComments(source: string): string {
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < source.length) {
    const comment = commentEnd(source, i);
    if (comment !== undefined) {
      out += source.slice(copied, i) + source.slice(i, comment).replace(/[^\r\n]/g, ' ');
      copied = i = comment;
    } else {
      i = stringEnd(source, i) ?? i + 1;
    }
  }
  return out + source.slice(copied);
}

function commentEnd(source: string, i: number): number | undefined {
  if (source.startsWith('/*', i)) return blockCommentEnd(source, i);
  // A `//` after other code on the line may be in a URL in JSX text; only whole-line comments count.
  const startsLine = () => /^[ \t]*$/.test(source.slice(source.lastIndexOf('\n', i - 1) + 1, i));
  return source.startsWith('//', i) && startsLine() ? lineEnd(source, i) : undefined;
}

function stringEnd(source: string, i: number): number | undefined {
  const quote = source[i];
  if (quote !== '"' && quote !== "'" && quote !== '`') return undefined;
  for (let j = i + 1; j < source.length; j++) {
    const c = source[j];
    if (c === '\\') j++;
    else if (c === quote) return j + 1;
    else if (c === '\n' && quote !== '`') return j; // only template literals span lines
  }
  return source.length;
}

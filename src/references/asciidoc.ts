// AsciiDoc image macros: block `image::target[attributes]` on its own line and inline `image:target[…]`,
// read line by line as Asciidoctor does. Listing, literal, passthrough and comment blocks, comment
// lines and literal paragraphs hide what they contain; `:imagesdir:` sets where relative targets start.
import { lengthToPixels } from './lengths';
import type { FoundReference } from './types';

/** Delimiters of blocks whose content is not parsed for macros: ----, ...., ++++, ////, ```. */
const VERBATIM_DELIMITER = /^(?:-{4,}|\.{4,}|\+{4,}|\/{4,}|`{3,})/;
const BLOCK_IMAGE = /^image::(\S|\S.*?\S)\[(.*)\]\s*$/;
// Asciidoctor's own inline pattern: the target has no leading `:`/space and ends before the first `[`.
const INLINE_IMAGE = /(\\?)image:([^:\s[](?:[^\n[]*[^\s[])?)\[((?:[^\]\\]|\\.)*)\]/g;
const IMAGESDIR_ENTRY = /^:imagesdir(!?):(?:\s+(.*?))?\s*$/;
const BLOCK_TITLE = /^\.([^.\s].*)$/;

export function findAsciidocReferences(source: string): FoundReference[] {
  const found: FoundReference[] = [];
  let verbatimUntil: string | undefined;
  let literalParagraph = false;
  let previousBlank = true;
  let imagesdir: string | undefined;
  let title: string | undefined;
  let offset = 0;
  for (const line of source.split(/(?<=\n)/)) {
    const text = line.replace(/\r?\n$/, '');
    const start = offset;
    offset += line.length;
    const blank = text.trim() === '';
    if (verbatimUntil !== undefined) {
      if (text.trimEnd() === verbatimUntil) verbatimUntil = undefined;
    } else if (VERBATIM_DELIMITER.test(text)) {
      verbatimUntil = /^`{3,}/.test(text) ? /^`+/.exec(text)![0] : text.trimEnd();
      title = undefined;
    } else if (blank) {
      literalParagraph = false;
      title = undefined;
    } else if ((previousBlank && /^\s/.test(text)) || literalParagraph) {
      literalParagraph = true; // an indented paragraph is shown as typed
    } else if (text.startsWith('//')) {
      // a comment line
    } else if (IMAGESDIR_ENTRY.test(text)) {
      const [, unset, value] = IMAGESDIR_ENTRY.exec(text)!;
      imagesdir = unset || !value ? undefined : value;
    } else if (BLOCK_TITLE.test(text)) {
      title = BLOCK_TITLE.exec(text)![1];
    } else {
      const block = BLOCK_IMAGE.exec(text);
      const lineReferences = block
        ? [imageReference(start, start + text.trimEnd().length, block[1]!, block[2]!, title)]
        : inlineImages(text, start);
      for (const reference of lineReferences) {
        // `{attribute}` references name no file until Asciidoctor substitutes them.
        if (!/\{[\w-]+\}/.test(reference.target)) found.push(imagesdir ? { ...reference, baseDirectory: imagesdir } : reference);
      }
      title = undefined;
    }
    previousBlank = blank;
  }
  return found;
}

function inlineImages(text: string, lineStart: number): FoundReference[] {
  const images: FoundReference[] = [];
  for (const match of text.matchAll(INLINE_IMAGE)) {
    if (match[1]) continue; // `\image:` is escaped
    images.push(imageReference(lineStart + match.index, lineStart + match.index + match[0].length, match[2]!, match[3]!, undefined));
  }
  return images;
}

function imageReference(start: number, end: number, target: string, attributeList: string, blockTitle: string | undefined): FoundReference {
  const { positional, named } = parseAttributeList(attributeList);
  return {
    start,
    end,
    target,
    alt: named.get('alt') ?? positional[0],
    title: named.get('title') ?? blockTitle,
    width: lengthToPixels(named.get('width') ?? positional[1]),
    height: lengthToPixels(named.get('height') ?? positional[2]),
  };
}

/** `A fox,300,200` or `"A, quoted \"fox\"",width=300`: positional and named attributes, quotes undone. */
function parseAttributeList(list: string): { positional: (string | undefined)[]; named: Map<string, string> } {
  const positional: (string | undefined)[] = [];
  const named = new Map<string, string>();
  const entry = /\s*(?:([\w-]+)\s*=\s*)?(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|([^,]*))\s*(?:,|$)/gy;
  for (let match = entry.exec(list); match && match.index < list.length; match = entry.exec(list)) {
    const [, name, doubleQuoted, singleQuoted, plain] = match;
    const value = (doubleQuoted ?? singleQuoted ?? plain ?? '').replace(/\\(.)/g, '$1').trim();
    if (name) named.set(name, value);
    else positional.push(value === '' ? undefined : value);
    if (match[0].length === 0) break;
  }
  return { positional, named };
}

// reStructuredText `.. image::` and `.. figure::` directives (also as substitution definitions), with
// their :alt:, :width:, :height: options and a figure's caption. Read line by line by indentation, as
// docutils does: literal blocks (`::` paragraphs, code directives) and comments hide what they contain.
import { lengthToPixels } from './lengths';
import type { FoundReference } from './types';

const IMAGE_DIRECTIVE = /^(\s*)\.\.\s+(?:\|[^|]+\|\s+)?(image|figure)::(?:\s+(.*))?$/i;
/** Explicit markup whose indented body is not parsed for directives: comments and code. */
const LITERAL_BODY = /^\s*\.\.(?:\s+(?:code|code-block|sourcecode|parsed-literal|raw|math)::|\s*$|\s+(?![\w:.-]+::|_|\[|\|)\S)/i;
const EXPLICIT_MARKUP = /^\s*\.\.(?:\s|$)/;
/** A paragraph ending in `::` makes the indented block after it literal. */
const LITERAL_BLOCK_INTRODUCTION = /(?<!\\)::\s*$/;
const OPTION = /^(\s+):([\w-]+):(?:\s+(.*))?$/;

interface Line {
  readonly text: string;
  readonly start: number;
}

const indentOf = (text: string): number => /^\s*/.exec(text)![0].length;
const isBlank = (line: Line | undefined): boolean => line !== undefined && line.text.trim() === '';

export function findRstReferences(source: string): FoundReference[] {
  const lines = splitLines(source);
  const found: FoundReference[] = [];
  let literalAbove: number | undefined; // lines indented deeper than this are literal text
  for (let n = 0; n < lines.length; n++) {
    const { text } = lines[n]!;
    if (text.trim() === '') continue;
    const indent = indentOf(text);
    if (literalAbove !== undefined && indent > literalAbove) continue;
    literalAbove = undefined;
    const directive = IMAGE_DIRECTIVE.exec(text);
    if (directive) {
      const image = readImageDirective(lines, n, directive);
      found.push(image.reference);
      n = image.lastLine;
    } else if (LITERAL_BODY.test(text) || (!EXPLICIT_MARKUP.test(text) && LITERAL_BLOCK_INTRODUCTION.test(text))) {
      literalAbove = indent;
    }
  }
  return found;
}

function splitLines(source: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  for (const line of source.split(/(?<=\n)/)) {
    lines.push({ text: line.replace(/\r?\n$/, ''), start });
    start += line.length;
  }
  return lines;
}

/** The directive starting at line `first`: its argument (continued on indented lines), options and caption. */
function readImageDirective(lines: readonly Line[], first: number, directive: RegExpExecArray): { reference: FoundReference; lastLine: number } {
  const indent = directive[1]!.length;
  const inBody = (line: Line | undefined) => line !== undefined && !isBlank(line) && indentOf(line.text) > indent;
  let argument = directive[3] ?? '';
  let n = first;
  while (inBody(lines[n + 1]) && !OPTION.test(lines[n + 1]!.text)) argument += ` ${lines[++n]!.text}`;
  const options = new Map<string, string>();
  let option: string | undefined;
  while (inBody(lines[n + 1])) {
    const text = lines[++n]!.text;
    const match = OPTION.exec(text);
    if (match) options.set((option = match[2]!.toLowerCase()), match[3]?.trim() ?? '');
    else if (option) options.set(option, `${options.get(option)} ${text.trim()}`.trim());
  }
  const optionsEnd = lines[n]!.start + lines[n]!.text.length;
  const caption = directive[2]!.toLowerCase() === 'figure' ? readCaption(lines, n + 1, inBody) : undefined;
  return {
    reference: {
      start: lines[first]!.start + indent,
      end: optionsEnd,
      target: directiveUri(argument),
      alt: options.get('alt'),
      title: caption?.text,
      width: lengthToPixels(options.get('width')),
      height: lengthToPixels(options.get('height')),
    },
    lastLine: caption?.lastLine ?? n,
  };
}

/** A figure's caption: the first paragraph of its body, after a blank line. */
function readCaption(lines: readonly Line[], from: number, inBody: (line: Line | undefined) => boolean): { text: string; lastLine: number } | undefined {
  let n = from;
  while (isBlank(lines[n])) n++;
  if (n === from || !inBody(lines[n])) return undefined;
  const paragraph: string[] = [];
  for (; inBody(lines[n]); n++) paragraph.push(lines[n]!.text.trim());
  return { text: paragraph.join(' '), lastLine: n - 1 };
}

/** docutils' reading of a URI argument: unescaped whitespace is dropped, `\ ` is a space. */
function directiveUri(argument: string): string {
  return argument.replace(/\\(.)|\s+/g, (_match, escaped?: string) => escaped ?? '');
}

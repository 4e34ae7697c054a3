// Image references in Markdown, parsed by markdown-it as VS Code's own preview parses it: inline images,
// reference-style images (`![alt][id]` with `[id]: path "title"` anywhere in the document) and <img> tags
// in inline or block HTML. Code spans, code blocks, escapes and HTML comments are markdown-it's to judge.
import MarkdownIt from 'markdown-it';
import { findHtmlReferences } from './html';
import { LineTable } from './lines';
import { MarkdownSourceMap } from './markdownSource';
import type { FoundReference } from './types';

type Markdown = MarkdownIt.MarkdownIt;
type Token = MarkdownIt.Token;

/** Where, in the inline text being parsed, each token of the recorded rules came from. */
interface SpanEnv extends MarkdownIt.Env {
  readonly spans: Map<Token, { readonly start: number; readonly end: number }>;
}

let parser: Markdown | undefined;

function markdownParser(): Markdown {
  if (parser) return parser;
  const md = new MarkdownIt({ html: true });
  // Nothing is rendered: keep destinations as written instead of URL-normalised, and refuse no scheme
  // (javascript:, file:), so every reference is found and then classified.
  md.normalizeLink = (url) => url;
  md.validateLink = () => true;
  recordSpans(md, 'image');
  recordSpans(md, 'html_inline');
  parser = md;
  return md;
}

/** Wraps an inline rule so the tokens it makes remember where they start and end (markdown-it keeps only lines). */
function recordSpans(md: Markdown, ruleName: string): void {
  const rule = md.inline.ruler.__rules__.find((r) => r.name === ruleName)?.fn;
  if (!rule) throw new Error(`markdown-it has no inline rule '${ruleName}'`);
  md.inline.ruler.at(ruleName, (state, silent) => {
    const start = state.pos;
    if (!rule(state, silent)) return false;
    const token = state.tokens[state.tokens.length - 1];
    if (!silent && token) (state.env as SpanEnv).spans.set(token, { start, end: state.pos });
    return true;
  });
}

export function findMarkdownReferences(source: string): FoundReference[] {
  const md = markdownParser();
  const env: SpanEnv = { spans: new Map() };
  const sourceMap = new MarkdownSourceMap(new LineTable(source));
  const found: FoundReference[] = [];
  // Table cells have no line of their own: they are on the line of the row opened before them.
  let line = 0;
  for (const block of md.parse(source, env)) {
    line = block.map?.[0] ?? line;
    if (block.type === 'html_block') {
      found.push(...mapped(findHtmlReferences(block.content), sourceMap.locate(block.content, line)));
    } else if (block.type === 'inline') {
      found.push(...inlineReferences(md, block, env, sourceMap.locate(block.content, line)));
    }
  }
  return found;
}

function inlineReferences(md: Markdown, block: Token, env: SpanEnv, toSource: (offset: number) => number): FoundReference[] {
  const found: FoundReference[] = [];
  // Top-level tokens only: an image nested in another's alt text was parsed from that alt alone, so its
  // span is not an offset into this content (links keep their images at the top level).
  for (const token of block.children ?? []) {
    const span = env.spans.get(token);
    if (!span) continue;
    if (token.type === 'html_inline') {
      found.push(...mapped(findHtmlReferences(token.content), (offset) => toSource(span.start + offset)));
    } else if (token.type === 'image') {
      found.push({
        start: toSource(span.start),
        end: toSource(span.end),
        target: String(token.attrGet('src') ?? ''),
        alt: md.renderer.renderInlineAsText(token.children ?? [], md.options, env),
        title: token.attrGet('title')?.toString(),
      });
    }
  }
  return found;
}

const mapped = (references: readonly FoundReference[], toSource: (offset: number) => number): FoundReference[] =>
  references.map((r) => ({ ...r, start: toSource(r.start), end: toSource(r.end) }));

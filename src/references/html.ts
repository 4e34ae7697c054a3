// <img> references in HTML-like markup (HTML, PHP, Vue, Svelte, HTML inside Markdown) and JSX tags, read
// with htmlparser2: comments, <script>/<style> text and attribute quoting follow the HTML tokenizer.
import type * as Htmlparser2 from 'htmlparser2' with { 'resolution-mode': 'import' };
import { lengthToPixels } from './lengths';
import type { FoundReference } from './types';

// htmlparser2 ships only as an ES module: esbuild bundles it into the CommonJS finder bundle, and
// Node ≥ 20.19 (the unit tests) requires it natively.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Parser } = require('htmlparser2') as typeof Htmlparser2;

interface Attribute {
  readonly value: string;
  /** How the value was written: `"`/`'` quoted, null unquoted, undefined without a value. */
  readonly quote: string | null | undefined;
}

export interface Dialect {
  /** JSX: names are case-sensitive (`<Img>` is a component) and only quoted values are literals. */
  readonly jsx: boolean;
}

/** Every <img> of an HTML-like document; offsets are into `markup`. */
export function findHtmlReferences(markup: string): FoundReference[] {
  return scanTags(markup, { jsx: false });
}

/** The <img> elements with a literal src; with `firstTagOnly`, reading stops at the first <img> tag. */
export function scanTags(markup: string, dialect: Dialect, firstTagOnly = false): FoundReference[] {
  const found: FoundReference[] = [];
  let attributes = new Map<string, Attribute>();
  const parser = new Parser(
    {
      onopentagname: () => {
        attributes = new Map();
      },
      onattribute: (name, value, quote) => {
        if (!attributes.has(name)) attributes.set(name, { value, quote }); // the first of duplicates counts, as in browsers
      },
      onopentag: (name) => {
        if (name !== 'img') return;
        const reference = imageReference(attributes, dialect, parser.startIndex, parser.endIndex + 1);
        if (reference) found.push(reference);
        if (firstTagOnly) parser.pause();
      },
    },
    { decodeEntities: true, lowerCaseTags: !dialect.jsx, lowerCaseAttributeNames: !dialect.jsx, recognizeSelfClosing: true },
  );
  parser.end(markup);
  return found;
}

function imageReference(attributes: ReadonlyMap<string, Attribute>, dialect: Dialect, start: number, end: number): FoundReference | undefined {
  const target = literal(attributes.get('src'), dialect);
  // A template's placeholder (`{{ x }}`, `{x}`, `<?= $x ?>`) names no file until the page is rendered.
  if (target === undefined || /[{}<>]/.test(target)) return undefined;
  return {
    start,
    end,
    target,
    alt: literal(attributes.get('alt'), dialect),
    title: literal(attributes.get('title'), dialect),
    width: pixels(attributes.get('width'), dialect),
    height: pixels(attributes.get('height'), dialect),
  };
}

/** The attribute's text, unless it has no value or is a JSX expression (`src={x}`: unquoted in JSX). */
function literal(attribute: Attribute | undefined, dialect: Dialect): string | undefined {
  if (!attribute || attribute.quote === undefined) return undefined;
  return dialect.jsx && attribute.quote === null ? undefined : attribute.value;
}

/** A size attribute: `300`, `300px`; in JSX also the number expression `{300}`. */
function pixels(attribute: Attribute | undefined, dialect: Dialect): number | undefined {
  const numberExpression = dialect.jsx && attribute?.quote === null ? /^\{\s*([\d.]+)\s*\}$/.exec(attribute.value)?.[1] : undefined;
  return lengthToPixels(numberExpression ?? literal(attribute, dialect));
}

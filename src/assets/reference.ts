// The text that references a saved image from a document, per language: Markdown image link,
// <img>, CSS url(), LaTeX, reStructuredText, AsciiDoc, or the plain path. Pure.

export type ReferenceStyle = 'markdown' | 'html' | 'jsx' | 'css' | 'latex' | 'rst' | 'asciidoc' | 'plain';

const STYLE_BY_LANGUAGE: Readonly<Record<string, ReferenceStyle>> = {
  markdown: 'markdown', mdx: 'markdown', quarto: 'markdown', rmd: 'markdown',
  html: 'html', vue: 'html', svelte: 'html', php: 'html', astro: 'html', handlebars: 'html', razor: 'html',
  javascriptreact: 'jsx', typescriptreact: 'jsx',
  css: 'css', scss: 'css', less: 'css', sass: 'css', stylus: 'css', postcss: 'css',
  latex: 'latex', tex: 'latex', 'latex-expl3': 'latex',
  restructuredtext: 'rst',
  asciidoc: 'asciidoc',
};

/** Every language the insert feature writes a reference in (plain-text files aside). */
export const REFERENCE_LANGUAGES: readonly string[] = Object.keys(STYLE_BY_LANGUAGE);

export function referenceStyle(languageId: string): ReferenceStyle {
  return STYLE_BY_LANGUAGE[languageId] ?? 'plain';
}

export const MAX_ALT_LENGTH = 100;

/** Alt text from a prompt: one line, whitespace collapsed, cut at a word end with '…'. */
export function altFromPrompt(prompt: string, maxLength = MAX_ALT_LENGTH): string {
  const text = prompt.replace(/\s+/g, ' ').trim();
  if (text.length <= maxLength) return text;
  const cut = text.slice(0, maxLength - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > maxLength / 2 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

/**
 * POSIX path of `target` relative to the folder `fromDir` (both '/'-separated, same root).
 * `a/b` from `a` → `b`; `img/x.png` from `docs` → `../img/x.png`.
 */
export function relativePosixPath(fromDir: string, target: string): string {
  const from = fromDir.split('/').filter(Boolean);
  const to = target.split('/').filter(Boolean);
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  const up = from.slice(common).map(() => '..');
  return [...up, ...to.slice(common)].join('/');
}

/** Percent-encodes what a URL path in a document must not contain raw (spaces, parentheses, #, ?, non-ASCII). */
export function encodeUrlPath(path: string): string {
  return encodeURI(path).replace(/[()#?]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const escapeMarkdownAlt = (s: string): string => s.replace(/[\\[\]]/g, (c) => `\\${c}`);

const escapeCssString = (s: string): string => s.replace(/["\\]/g, (c) => `\\${c}`).replace(/\n/g, '\\a ');

// In LaTeX file arguments, %, # and braces break the macro; spaces work in modern TeX with braces.
const escapeLatexPath = (s: string): string => s.replace(/[%#{}\\]/g, '_');

// AsciiDoc: ']' ends the attribute list; quoting keeps commas (attribute separators) inside the alt.
const asciidocAlt = (s: string): string => (/[,"\]=]/.test(s) ? `"${s.replace(/["\\]/g, (c) => `\\${c}`).replace(/]/g, '\\]')}"` : s);

/** The reference text for one image, in the syntax of `languageId`. */
export function referenceText(languageId: string, relativePath: string, prompt: string): string {
  const alt = altFromPrompt(prompt);
  switch (referenceStyle(languageId)) {
    case 'markdown':
      return `![${escapeMarkdownAlt(alt)}](${encodeUrlPath(relativePath)})`;
    case 'html':
      return `<img src="${escapeHtml(encodeUrlPath(relativePath))}" alt="${escapeHtml(alt)}">`;
    case 'jsx':
      // JSX requires void elements to be closed; `{`/`}` in the alt would open an expression.
      return `<img src="${escapeHtml(encodeUrlPath(relativePath))}" alt="${escapeHtml(alt).replace(/[{}]/g, '')}" />`;
    case 'css':
      return `url("${escapeCssString(relativePath)}")`;
    case 'latex':
      return `\\includegraphics{${escapeLatexPath(relativePath)}}`;
    case 'rst':
      return `.. image:: ${relativePath}`;
    case 'asciidoc':
      return `image::${relativePath.replace(/ /g, '%20')}[${asciidocAlt(alt)}]`;
    case 'plain':
      return relativePath;
  }
}

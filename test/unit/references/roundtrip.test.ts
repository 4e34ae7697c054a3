// Everything the insert feature writes (src/assets/reference.ts) must be found again, pointing at the file
// it was written for, with the alt text it was written with.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { altFromPrompt, referenceStyle, referenceText, relativePosixPath } from '../../../src/assets/reference';
import { find } from './helpers';

const LANGUAGES = [
  'markdown', 'mdx', 'quarto', 'rmd',
  'html', 'vue', 'svelte', 'php', 'astro', 'handlebars', 'razor',
  'javascriptreact', 'typescriptreact',
  'css', 'scss', 'less', 'sass', 'stylus', 'postcss',
  'latex', 'tex', 'latex-expl3',
  'restructuredtext',
  'asciidoc',
];

/** Where the insert feature puts a reference: on its own line after the selected one, inside the language's usual surroundings. */
const SURROUNDINGS: Readonly<Record<string, (reference: string) => string>> = {
  markdown: (r) => `# Title\n\nA paragraph with \`code\`.\n${r}\nMore text.\n`,
  html: (r) => `<!DOCTYPE html>\n<body>\n  <p>Intro</p>\n${r}\n</body>\n`,
  jsx: (r) => `export const Page = () => (\n  <main>\n    <p>Intro</p>\n${r}\n  </main>\n);\n`,
  css: (r) => `.hero {\n  background-image:\n${r};\n}\n`,
  latex: (r) => `\\begin{figure}\n  \\centering\n${r}\n  \\caption{A fox in the snow}\n\\end{figure}\n`,
  rst: (r) => `Title\n=====\n\nIntro.\n\n${r}\n`,
  asciidoc: (r) => `= Title\n\nIntro.\n${r}\n`,
};

const DOCUMENT = 'docs/guide/page';
const PROMPT = 'A red fox, "quoted" [x] & <friends>';
const SIMPLE = 'assets/generated/a-red-fox-42.png';
const AWKWARD = 'assets/my images/cat (1) ü.webp';
// docutils drops unescaped whitespace from an image URI, so a path with spaces written as the insert
// feature writes it names another file in reStructuredText; only the simple path round-trips there.
const pathsFor = (style: string): string[] => (style === 'rst' ? [SIMPLE] : [SIMPLE, AWKWARD]);
const WRITES_ALT = new Set(['markdown', 'html', 'jsx', 'asciidoc']);

describe('round trip: what the insert feature writes is found', () => {
  for (const language of LANGUAGES) {
    const style = referenceStyle(language);
    for (const file of pathsFor(style)) {
      it(`${language}: ${file}`, () => {
        assert.ok(SURROUNDINGS[style], `${language} is a language the insert feature writes to`);
        const written = referenceText(language, relativePosixPath('docs/guide', file), PROMPT);
        const text = SURROUNDINGS[style](written);
        const found = find(language, text, DOCUMENT);
        assert.equal(found.length, 1, JSON.stringify(found));
        const [reference] = found;
        assert.equal(text.slice(reference!.range.start.offset, reference!.range.end.offset), written);
        assert.equal(reference!.path, file);
        assert.deepEqual(reference!.classification, { generatable: true, format: file.endsWith('.png') ? 'png' : 'webp' });
        if (WRITES_ALT.has(style)) assert.equal(reference!.alt, altFromPrompt(PROMPT));
        else assert.equal(reference!.alt, undefined);
        const fileWords = file === SIMPLE ? 'a red fox 42' : 'cat (1) ü';
        assert.equal(reference!.prompt, WRITES_ALT.has(style) ? altFromPrompt(PROMPT) : style === 'latex' ? 'A fox in the snow' : fileWords);
      });
    }
  }
});

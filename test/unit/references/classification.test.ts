import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GENERATABLE_FORMATS, generatableFormatOf, writableFormats } from '../../../src/references';
import { resolveTarget, type TargetSyntax } from '../../../src/references/resolve';
import { fileNameWords } from '../../../src/references/prompt';
import { MODELS } from '../../../src/shared/catalog';
import { find, only } from './helpers';

const URL_TARGETS: TargetSyntax = { urlEncoded: true, rootedIsWorkspace: true };

describe('target resolution', () => {
  const cases: [string, string, ReturnType<typeof resolveTarget>][] = [
    ['img/a.png', 'docs/guide.md', { kind: 'path', path: 'docs/img/a.png' }],
    ['./img/../b.png', 'docs/guide.md', { kind: 'path', path: 'docs/b.png' }],
    ['../assets/c.png', 'docs/guide.md', { kind: 'path', path: 'assets/c.png' }],
    ['/assets/d.png', 'docs/deep/guide.md', { kind: 'path', path: 'assets/d.png' }],
    ['my%20image%231.png?raw=1#top', 'README.md', { kind: 'path', path: 'my image#1.png' }],
    ['100%.png', 'README.md', { kind: 'path', path: '100%.png' }],
    ['../../x.png', 'docs/guide.md', { kind: 'outside-workspace' }],
    ['/../x.png', 'guide.md', { kind: 'outside-workspace' }],
    ['C:\\images\\x.png', 'guide.md', { kind: 'outside-workspace' }],
    ['c:/images/x.png', 'guide.md', { kind: 'outside-workspace' }],
    ['\\\\server\\share\\x.png', 'guide.md', { kind: 'outside-workspace' }],
    ['https://example.com/x.png', 'guide.md', { kind: 'url' }],
    ['//cdn.example.com/x.png', 'guide.md', { kind: 'url' }],
    ['data:image/png;base64,AAAA', 'guide.md', { kind: 'url' }],
    ['file:///tmp/x.png', 'guide.md', { kind: 'url' }],
    ['mailto:a@b.c', 'guide.md', { kind: 'url' }],
  ];
  for (const [target, document, expected] of cases) {
    it(`${target} from ${document}`, () => assert.deepEqual(resolveTarget(target, document, URL_TARGETS), expected));
  }

  it('keeps file-name targets literal where the language has no URLs', () => {
    assert.deepEqual(resolveTarget('a%20b.png?x', 'doc.tex', { urlEncoded: false, rootedIsWorkspace: false }), { kind: 'path', path: 'a%20b.png?x' });
    assert.deepEqual(resolveTarget('/x.png', 'doc.tex', { urlEncoded: false, rootedIsWorkspace: false }), { kind: 'outside-workspace' });
  });

  it('puts a base directory between the document and relative targets only', () => {
    assert.deepEqual(resolveTarget('a.png', 'docs/x.adoc', URL_TARGETS, 'images'), { kind: 'path', path: 'docs/images/a.png' });
    assert.deepEqual(resolveTarget('/a.png', 'docs/x.adoc', URL_TARGETS, 'images'), { kind: 'path', path: 'a.png' });
    assert.deepEqual(resolveTarget('a.png', 'docs/x.adoc', URL_TARGETS, 'https://cdn.example.com/img'), { kind: 'url' });
  });
});

describe('classification', () => {
  it('generates only the formats the catalog\'s models write', () => {
    assert.deepEqual(writableFormats(MODELS['stable-diffusion-3.5-large-txt2img']), ['jpeg', 'png', 'webp']);
    assert.deepEqual(writableFormats(MODELS['stable-diffusion-3-medium-txt2img']), ['jpeg']);
    assert.deepEqual([...GENERATABLE_FORMATS].sort(), ['jpeg', 'png', 'webp']);
    const formats = ['a.png', 'b.JPG', 'c.jpeg', 'd.webp', 'e.gif', 'f.svg', 'g.avif', 'h', 'png'].map(generatableFormatOf);
    assert.deepEqual(formats, ['png', 'jpeg', 'jpeg', 'webp', undefined, undefined, undefined, undefined, undefined]);
  });

  it('says why a reference cannot be generated', () => {
    const text = '![a](a.gif) ![b](b.svg) ![c](https://x.com/c.png) ![d](data:image/png;base64,AA) ![e](../../e.png) ![f](f.jpg)';
    const found = find('markdown', text, 'docs/page.md');
    assert.deepEqual(found.map((r) => r.classification), [
      { generatable: false, reason: 'unsupported-format' },
      { generatable: false, reason: 'unsupported-format' },
      { generatable: false, reason: 'url' },
      { generatable: false, reason: 'url' },
      { generatable: false, reason: 'outside-workspace' },
      { generatable: true, format: 'jpeg' },
    ]);
    assert.deepEqual(found.map((r) => r.path), ['docs/a.gif', 'docs/b.svg', undefined, undefined, undefined, 'docs/f.jpg']);
  });
});

describe('prompt', () => {
  it('is the alt text, else the title, else the file name\'s words', () => {
    assert.equal(only('html', '<img src="x.png" alt="  An   owl " title="Ignored">').prompt, 'An owl');
    assert.equal(only('html', '<img src="x.png" alt="" title="The title">').prompt, 'The title');
    assert.equal(only('html', '<img src="img/hero-banner_dark.png">').prompt, 'hero banner dark');
    assert.equal(only('html', '<img src="https://x.com/sunset-sky.jpg?w=1">').prompt, 'sunset sky');
    assert.equal(only('html', '<img src="data:image/png;base64,AA">').prompt, '');
  });

  it('drops the extension and splits on separators', () => {
    assert.equal(fileNameWords('a/b/hero-banner_dark.png'), 'hero banner dark');
    assert.equal(fileNameWords('night sky.v2+final.jpeg'), 'night sky v2 final');
    assert.equal(fileNameWords('.png'), '');
  });
});

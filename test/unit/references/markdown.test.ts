import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { find, only, sources } from './helpers';

describe('markdown references', () => {
  it('finds inline images with their alt text, title and exact range', () => {
    const text = '# Guide\n\nSee ![A *red* fox](img/fox.png "The fox") here.\n';
    const reference = only('markdown', text, 'docs/guide.md');
    assert.equal(text.slice(reference.range.start.offset, reference.range.end.offset), '![A *red* fox](img/fox.png "The fox")');
    assert.deepEqual(reference.range.start, { offset: 13, line: 2, character: 4 });
    assert.deepEqual(reference.range.end, { offset: 50, line: 2, character: 41 });
    assert.equal(reference.target, 'img/fox.png');
    assert.equal(reference.path, 'docs/img/fox.png');
    assert.equal(reference.alt, 'A red fox');
    assert.equal(reference.title, 'The fox');
    assert.equal(reference.prompt, 'A red fox');
  });

  it('finds reference-style images with the definition\'s target and title, wherever it is defined', () => {
    const text = '![Logo][logo] and ![Hero][] and ![Hero]\n\n[logo]: <assets/my logo.png> "Our logo"\n[hero]: hero.webp\n';
    assert.deepEqual(sources('markdown', text), ['![Logo][logo]', '![Hero][]', '![Hero]']);
    const [logo, full, shortcut] = find('markdown', text, 'README.md');
    assert.equal(logo?.target, 'assets/my logo.png');
    assert.equal(logo?.path, 'assets/my logo.png');
    assert.equal(logo?.title, 'Our logo');
    assert.equal(full?.path, 'hero.webp');
    assert.equal(shortcut?.path, 'hero.webp');
  });

  it('does not take an undefined reference label or a plain link for an image', () => {
    assert.deepEqual(find('markdown', '![missing][nowhere] and [a link](x.png)\n'), []);
  });

  it('finds <img> tags in inline and block HTML, with width and height', () => {
    const text = 'Text <img src="inline.png" alt="Inline"> more.\n\n<div align="center">\n  <img src="block.jpg" alt="Block" width="640" height="480">\n</div>\n';
    assert.deepEqual(sources('markdown', text), ['<img src="inline.png" alt="Inline">', '<img src="block.jpg" alt="Block" width="640" height="480">']);
    const block = find('markdown', text)[1]!;
    assert.deepEqual([block.width, block.height, block.range.start.line, block.range.start.character], [640, 480, 3, 2]);
  });

  it('maps positions inside lists, block quotes, headings and tables, and on CRLF lines', () => {
    const text = '# ![Head](h.png)\r\n\r\n> - quoted ![Q](q.png)\r\n\r\n| a | b |\r\n|---|---|\r\n| ![C](c.png) | ![C](c.png) |\r\n';
    assert.deepEqual(sources('markdown', text), ['![Head](h.png)', '![Q](q.png)', '![C](c.png)', '![C](c.png)']);
    const cells = find('markdown', text).slice(2).map((r) => [r.range.start.line, r.range.start.character]);
    assert.deepEqual(cells, [[6, 2], [6, 16]]);
  });

  it('maps positions in table cells whose escaped pipes markdown-it has unescaped', () => {
    assert.deepEqual(sources('markdown', '| a | b |\n|---|---|\n| x \\| ![E](e.png) | ![F](f.png) |\n'), ['![E](e.png)', '![F](f.png)']);
  });

  it('finds an image inside a link and one written over two lines', () => {
    assert.deepEqual(sources('markdown', '[![Badge](badge.png)](https://example.com)\n\n![two\nlines](two.png)\n'), ['![Badge](badge.png)', '![two\nlines](two.png)']);
  });

  it('leaves code, comments and escaped text alone', () => {
    const text = [
      'Inline `![code](code.png)` span.',
      '',
      '    ![indented](indented.png)',
      '',
      '```md',
      '![fenced](fenced.png)',
      '<img src="fenced.png">',
      '```',
      '',
      '<!-- ![commented](commented.png) <img src="commented.png"> -->',
      '',
      '\\![escaped](escaped.png) and `<img src="code.png">`',
      '',
    ].join('\n');
    assert.deepEqual(find('markdown', text), []);
  });

  it('reads URL-encoded and backslash-escaped destinations', () => {
    const reference = only('markdown', '![x](my%20image\\_1.png)', 'docs/a.md');
    assert.equal(reference.target, 'my%20image_1.png');
    assert.equal(reference.path, 'docs/my image_1.png');
  });

  it('finds the same in MDX, Quarto and R Markdown', () => {
    for (const language of ['mdx', 'quarto', 'rmd']) assert.deepEqual(sources(language, '![a](a.png)'), ['![a](a.png)'], language);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { find, only, sources } from './helpers';

describe('HTML-like references', () => {
  it('finds <img> with decoded attributes, title and pixel sizes', () => {
    const text = '<p>Hi</p>\n<IMG SRC="a&amp;b.png" ALT="Tom &amp; Jerry" title="Cartoon" width="300px" height=200>';
    const reference = only('html', text, 'site/index.html');
    assert.equal(text.slice(reference.range.start.offset, reference.range.end.offset), '<IMG SRC="a&amp;b.png" ALT="Tom &amp; Jerry" title="Cartoon" width="300px" height=200>');
    assert.deepEqual([reference.target, reference.path, reference.alt, reference.title], ['a&b.png', 'site/a&b.png', 'Tom & Jerry', 'Cartoon']);
    assert.deepEqual([reference.width, reference.height], [300, 200]);
  });

  it('ignores relative sizes and takes the first of duplicate attributes', () => {
    const reference = only('html', '<img src="first.png" src="second.png" width="50%" height="auto">');
    assert.equal(reference.target, 'first.png');
    assert.deepEqual([reference.width, reference.height], [undefined, undefined]);
  });

  it('leaves comments, scripts, styles, templates and other tags alone', () => {
    const text = [
      '<!-- <img src="commented.png"> -->',
      '<script>const html = \'<img src="script.png">\';</script>',
      '<style>/* <img src="style.png"> */</style>',
      '<img src="{{ image }}"><img src="<?= $file ?>"><img alt="no source">',
      '<image href="svg.png"/><imgx src="x.png"><picture><source srcset="s.png"></picture>',
      '&lt;img src="escaped.png"&gt;',
    ].join('\n');
    assert.deepEqual(find('html', text), []);
  });

  it('reads PHP, Vue and Svelte files as HTML, skipping bound and expression sources', () => {
    assert.deepEqual(sources('php', '<?php echo $x->y; ?>\n<img src="php.png" alt="P">'), ['<img src="php.png" alt="P">']);
    assert.deepEqual(sources('vue', '<template>\n  <img :src="dynamic" alt="d">\n  <img src="./assets/logo.png" alt="Vue">\n</template>'), ['<img src="./assets/logo.png" alt="Vue">']);
    assert.deepEqual(sources('svelte', '<img src={photo} alt="a">\n<img src="static.webp" alt="b">'), ['<img src="static.webp" alt="b">']);
  });
});

describe('JSX references', () => {
  it('finds <img> with literal src, also over several lines, with number sizes', () => {
    const text = 'export const A = () => (\n  <div>\n    <img\n      src="hero.png"\n      alt="Hero"\n      width={640} height="480" />\n  </div>\n);\n';
    const reference = only('typescriptreact', text, 'src/App.tsx');
    assert.equal(text.slice(reference.range.start.offset, reference.range.end.offset), '<img\n      src="hero.png"\n      alt="Hero"\n      width={640} height="480" />');
    assert.deepEqual([reference.path, reference.alt, reference.width, reference.height], ['src/hero.png', 'Hero', 640, 480]);
    assert.deepEqual(reference.range.start, { offset: 37, line: 2, character: 4 });
  });

  it('leaves expressions, components, comments and unrelated code alone', () => {
    const text = [
      "const images = import.meta.glob('./img/*.png');",
      'for (let i = 0; i<n; i++) total += i;',
      '// <img src="line-comment.png" />',
      '/* <img src="block-comment.png" /> */',
      'export const B = () => <>',
      '  {/* <img src="jsx-comment.png" /> */}',
      '  <img src={logo} alt="expression" />',
      '  <img src={"literal-in-braces.png"} alt="braces" />',
      '  <Img src="component.png" />',
      '  <img src="after.jpg" alt="After" />',
      '</>;',
    ].join('\n');
    assert.deepEqual(sources('javascriptreact', text), ['<img src="after.jpg" alt="After" />']);
  });
});

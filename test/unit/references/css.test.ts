import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { find, only, sources } from './helpers';

describe('CSS references', () => {
  it('finds quoted and unquoted url() with escapes undone', () => {
    const text = '.a { background: URL( "img/a \\"b\\".png" ) no-repeat; }\n.b { background-image: url(img/b\\(1\\).png), url(\'c.webp\'); }';
    assert.deepEqual(sources('css', text, 'styles/site.css'), ['URL( "img/a \\"b\\".png" )', 'url(img/b\\(1\\).png)', "url('c.webp')"]);
    assert.deepEqual(find('css', text, 'styles/site.css').map((r) => r.path), ['styles/img/a "b".png', 'styles/img/b(1).png', 'styles/c.webp']);
  });

  it('decodes hex escapes (the space after one is part of it) and URL-encoding', () => {
    assert.equal(only('css', 'a { b: url("caf\\e9 %26 bar.png") }', 'x.css').path, 'café& bar.png');
  });

  it('leaves comments, strings, variables and malformed urls alone', () => {
    const text = [
      '/* url(comment.png) */',
      'a::after { content: "url(string.png)"; }',
      'b { background: myurl(prefix.png); mask: url(var(--image)); }',
      'c { background: url(two words.png); }',
    ].join('\n');
    assert.deepEqual(find('css', text), []);
  });

  it('treats // as a comment in SCSS and Less but not in CSS, and skips interpolation', () => {
    const text = '// url(line.png)\n.a { b: url(#{$base}/x.png), url($image), url("@{dir}/y.png"), url(z.png); }';
    assert.deepEqual(sources('scss', text), ['url(z.png)']);
    assert.deepEqual(sources('less', text), ['url(z.png)']);
    assert.deepEqual(sources('css', '// url(not-a-comment.png)'), ['url(not-a-comment.png)']);
  });
});

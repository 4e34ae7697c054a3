import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { find, only, sources } from './helpers';

describe('AsciiDoc references', () => {
  it('finds block images with block title, alt and size', () => {
    const text = '= Guide\n\n.The hero\nimage::hero.png[Hero image,640,480]\n';
    const reference = only('asciidoc', text, 'docs/guide.adoc');
    assert.equal(text.slice(reference.range.start.offset, reference.range.end.offset), 'image::hero.png[Hero image,640,480]');
    assert.deepEqual([reference.path, reference.alt, reference.title, reference.width, reference.height], ['docs/hero.png', 'Hero image', 'The hero', 640, 480]);
  });

  it('finds inline images and named, quoted attributes', () => {
    const text = 'Click image:icons/save.png[Save] or image:my%20pic.webp["A, quoted \\"pic\\" [x\\]",title=Pic,width=32].';
    assert.deepEqual(sources('asciidoc', text), ['image:icons/save.png[Save]', 'image:my%20pic.webp["A, quoted \\"pic\\" [x\\]",title=Pic,width=32]']);
    const quoted = find('asciidoc', text, 'a.adoc')[1]!;
    assert.deepEqual([quoted.path, quoted.alt, quoted.title, quoted.width], ['my pic.webp', 'A, quoted "pic" [x]', 'Pic', 32]);
  });

  it('resolves relative targets from :imagesdir: until it is unset', () => {
    const text = ':imagesdir: images\n\nimage::a.png[]\n\n:imagesdir!:\nimage::b.png[]\nimage::/root.png[]';
    assert.deepEqual(find('asciidoc', text, 'docs/x.adoc').map((r) => r.path), ['docs/images/a.png', 'docs/b.png', 'root.png']);
  });

  it('leaves listings, literals, passthroughs, comments and escapes alone', () => {
    const text = [
      '----', 'image::listing.png[]', '----',
      '....', 'image::literal.png[]', '....',
      '++++', '<img src="pass.png">', '++++',
      '////', 'image::comment-block.png[]', '////',
      '```', 'image::fenced.png[]', '```',
      '// image::comment-line.png[]',
      '',
      '  image::indented-literal.png[]',
      '',
      'An \\image:escaped.png[] one.',
      'image::{figures}/attribute.png[]',
    ].join('\n');
    assert.deepEqual(find('asciidoc', text), []);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { altFromPrompt, encodeUrlPath, referenceText, relativePosixPath } from '../../../src/assets/reference';

describe('relative paths', () => {
  it('goes down, up and across', () => {
    assert.equal(relativePosixPath('', 'assets/a.png'), 'assets/a.png');
    assert.equal(relativePosixPath('docs', 'docs/a.png'), 'a.png');
    assert.equal(relativePosixPath('docs/guide', 'assets/generated/a.png'), '../../assets/generated/a.png');
    assert.equal(relativePosixPath('assets', 'assets/generated/a.png'), 'generated/a.png');
  });
});

describe('reference text', () => {
  const path = 'my images/cat (1).png';
  const prompt = 'a [cat] "on" <mat> & friends';
  const cases: [string, string][] = [
    ['markdown', '![a \\[cat\\] "on" <mat> & friends](my%20images/cat%20%281%29.png)'],
    ['html', '<img src="my%20images/cat%20%281%29.png" alt="a [cat] &quot;on&quot; &lt;mat&gt; &amp; friends">'],
    ['vue', '<img src="my%20images/cat%20%281%29.png" alt="a [cat] &quot;on&quot; &lt;mat&gt; &amp; friends">'],
    ['svelte', '<img src="my%20images/cat%20%281%29.png" alt="a [cat] &quot;on&quot; &lt;mat&gt; &amp; friends">'],
    ['php', '<img src="my%20images/cat%20%281%29.png" alt="a [cat] &quot;on&quot; &lt;mat&gt; &amp; friends">'],
    ['typescriptreact', '<img src="my%20images/cat%20%281%29.png" alt="a [cat] &quot;on&quot; &lt;mat&gt; &amp; friends" />'],
    ['javascriptreact', '<img src="my%20images/cat%20%281%29.png" alt="a [cat] &quot;on&quot; &lt;mat&gt; &amp; friends" />'],
    ['css', 'url("my images/cat (1).png")'],
    ['scss', 'url("my images/cat (1).png")'],
    ['less', 'url("my images/cat (1).png")'],
    ['latex', '\\includegraphics{my images/cat (1).png}'],
    ['restructuredtext', '.. image:: my images/cat (1).png'],
    ['asciidoc', 'image::my%20images/cat%20(1).png["a [cat\\] \\"on\\" <mat> & friends"]'],
    ['plaintext', 'my images/cat (1).png'],
    ['python', 'my images/cat (1).png'],
  ];
  for (const [language, expected] of cases) {
    it(language, () => assert.equal(referenceText(language, path, prompt), expected));
  }
  it('encodes non-ASCII, # and ? in URL paths', () => {
    assert.equal(encodeUrlPath('ü/a#b?.png'), '%C3%BC/a%23b%3F.png');
  });
  it('escapes quotes and backslashes in CSS strings', () => {
    assert.equal(referenceText('css', 'a"b\\c.png', 'x'), 'url("a\\"b\\\\c.png")');
  });
  it('keeps asciidoc alt text unquoted when it is simple', () => {
    assert.equal(referenceText('asciidoc', 'a.png', 'a cat'), 'image::a.png[a cat]');
  });
});

describe('alt text', () => {
  it('is one line and shortened at a word end', () => {
    assert.equal(altFromPrompt('  a\n  cat\tsleeping  '), 'a cat sleeping');
    const long = altFromPrompt('word '.repeat(60));
    assert.ok(long.length <= 100, String(long.length));
    assert.ok(long.endsWith('word…'), long);
  });
});

import { shiftOffset } from '../../../src/assets/anchor';

describe('insertion anchor', () => {
  const change = (rangeOffset: number, rangeLength: number, text: string) => ({ rangeOffset, rangeLength, text });
  it('shifts with edits before it and ignores edits after it', () => {
    assert.equal(shiftOffset(10, [change(0, 0, 'abc')]), 13);
    assert.equal(shiftOffset(10, [change(2, 5, '')]), 5);
    assert.equal(shiftOffset(10, [change(12, 3, 'xxxxxxx')]), 10);
  });
  it('stays put for typing exactly at the anchor', () => {
    assert.equal(shiftOffset(10, [change(10, 0, 'typed')]), 10);
  });
  it('moves to the end of a replacement that covers it', () => {
    assert.equal(shiftOffset(10, [change(8, 4, 'XY')]), 10);
    assert.equal(shiftOffset(10, [change(0, 1, 'ab'), change(8, 4, 'XYZ')]), 12);
  });
  it('handles several changes in one event (any order)', () => {
    assert.equal(shiftOffset(10, [change(20, 0, 'q'), change(5, 0, '12'), change(1, 1, '')]), 11);
  });
});

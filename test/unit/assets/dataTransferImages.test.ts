import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { altFromFileName, isImagePath, parseUriList } from '../../../src/imageDrop/dataTransferImages';

describe('dropped images', () => {
  it('reads text/uri-list as RFC 2483 says: one URI a line, comments and blank lines skipped', () => {
    assert.deepEqual(parseUriList('# copied\r\nfile:///a/b.png\r\n\r\n  file:///c.jpg  \n'), ['file:///a/b.png', 'file:///c.jpg']);
  });
  it('knows image files by extension, in any case', () => {
    assert.deepEqual(['a.PNG', 'b.jpeg', 'c.svg', 'd.webp', 'e.txt', 'png', 'f.png.zip'].map(isImagePath), [true, true, true, true, false, false, false]);
  });
  it('makes alt text from the file name words', () => {
    assert.equal(altFromFileName('/x/hero-banner_dark.v2.png'), 'hero banner dark v2');
    assert.equal(altFromFileName('.png'), 'image');
  });
});

// Exact save paths: inside the workspace, the extension picks the format (and the model must be able
// to write it), a batch is name.ext, name-2.ext, …, and a returned image of another format is refused.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { allowedExtensions, exactFileName, formatMismatch, formatOfFileName, formatParameters, parseExactImagePath } from '../../../src/assets/exactPath';
import { MODELS } from '../../../src/shared/catalog';

const SD35 = MODELS['stable-diffusion-3.5-large-txt2img'];
const SD3M = MODELS['stable-diffusion-3-medium-txt2img'];

describe('exact image paths', () => {
  it('parses a workspace-relative file into folder, name and format (extension case-insensitive)', () => {
    const parsed = parseExactImagePath('docs\\images/./Hero Shot.JPEG');
    assert.deepEqual(parsed.ok && parsed.value, { folder: ['docs', 'images'], fileName: 'Hero Shot.JPEG', format: 'jpeg', path: 'docs/images/Hero Shot.JPEG' });
    const root = parseExactImagePath('logo.webp');
    assert.deepEqual(root.ok && [root.value.folder, root.value.format], [[], 'webp']);
  });

  const refused: [string, RegExp][] = [
    ['../outside.png', /goes up out of the workspace/], ['/etc/x.png', /absolute path/], ['C:\\x.png', /on a drive/],
    ['file:///tmp/x.png', /is a URI/], ['~/x.png', /absolute path/], ['a/b?.png', /characters that are not allowed/],
    ['docs/CON.png', /reserves for devices/], ['docs/', /names no file/], ['', /names no file/],
    ['docs/readme.md', /must end with \.png, \.jpg, \.jpeg, \.webp/], ['docs/.png', /must end with/], ['img/x.gif', /extension picks the image format/],
  ];
  for (const [path, why] of refused) {
    it(`refuses ${JSON.stringify(path)}`, () => {
      const parsed = parseExactImagePath(path);
      assert.equal(parsed.ok, false);
      if (!parsed.ok) {
        assert.match(parsed.message, why);
        assert.match(parsed.message, /Use a workspace-relative file such as "images\/hero\.png"\.$/);
      }
    });
  }

  it('names a batch name.ext, name-2.ext, name-3.ext', () => {
    assert.deepEqual([0, 1, 2].map((i) => exactFileName('hero.png', i)), ['hero.png', 'hero-2.png', 'hero-3.png']);
  });

  it('maps the extension to the model\'s format parameter; SD 3 Medium writes JPEG only', () => {
    assert.deepEqual(formatParameters(SD35, 'png'), { ok: true, params: { image_format: 'png' } });
    assert.deepEqual(formatParameters(SD35, 'jpeg'), { ok: true, params: { image_format: 'jpeg' } });
    assert.deepEqual(formatParameters(SD3M, 'jpeg'), { ok: true, params: {} });
    assert.deepEqual(formatParameters(SD3M, 'webp'), { ok: false, message: 'Stable Diffusion 3 Medium cannot write WEBP images: the path must end with .jpg or .jpeg' });
    assert.deepEqual(allowedExtensions(SD35), ['png', 'jpg', 'jpeg', 'webp']);
    assert.deepEqual(allowedExtensions(SD3M), ['jpg', 'jpeg']);
  });

  it('refuses to put an image of another format under the name', () => {
    assert.equal(formatOfFileName('a.JPG'), 'jpeg');
    assert.equal(formatOfFileName('png'), undefined);
    assert.equal(formatMismatch('a.jpg', 'jpeg'), undefined);
    assert.equal(formatMismatch('a-2.png', 'jpeg'), 'Segmind returned a JPG image, not the PNG that a-2.png asks for');
  });
});

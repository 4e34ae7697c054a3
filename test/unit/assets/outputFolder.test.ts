import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { resolveOutputFolder } from '../../../src/assets/outputFolder';

const vars = { date: new Date(2026, 10, 23), model: 'stable-diffusion-3-medium-txt2img', documentDir: 'docs/guide' };

describe('output folder', () => {
  it('expands variables into workspace-relative segments', () => {
    const r = resolveOutputFolder('assets/${date}/${model}', vars);
    assert.deepEqual(r.ok && r.segments, ['assets', '2026-11-23', 'stable-diffusion-3-medium-txt2img']);
    const d = resolveOutputFolder('${documentDir}/images', vars);
    assert.equal(d.ok && d.path, 'docs/guide/images');
  });
  it('treats ${documentDir} without a document as the root', () => {
    const r = resolveOutputFolder('${documentDir}/img', { ...vars, documentDir: undefined });
    assert.equal(r.ok && r.path, 'img');
  });
  it('normalises backslashes, "." and empty segments; "" is the root', () => {
    const r = resolveOutputFolder('./a\\b//c/', vars);
    assert.equal(r.ok && r.path, 'a/b/c');
    const root = resolveOutputFolder('', vars);
    assert.deepEqual(root.ok && root.segments, []);
  });
  const refused: [string, string][] = [
    ['../outside', 'parent'], ['a/../../b', 'parent'], ['a/..', 'parent'], ['..\\x', 'parent'],
    ['/etc', 'absolute'], ['\\\\server\\share', 'absolute'], ['~/pictures', 'absolute'], ['file:///tmp', 'absolute'],
    ['C:\\images', 'drive'], ['c:images', 'drive'],
    ['a/b?c', 'invalid-character'], ['a/b\u0000', 'invalid-character'], ['dir./x', 'invalid-character'],
  ];
  for (const [folder, kind] of refused) {
    it(`refuses ${JSON.stringify(folder)} (${kind})`, () => {
      const r = resolveOutputFolder(folder, vars);
      assert.equal(r.ok, false);
      if (!r.ok) {
        assert.equal(r.error.kind, kind);
        assert.match(r.error.message, /^The output folder ".*" .*\. Use a folder inside the workspace, such as "assets\/generated"\.$/s);
      }
    });
  }
});

describe('output folder: Windows device names and invisible characters', () => {
  for (const folder of ['assets/CON', 'nul/images', 'assets/com1.x/y', 'a/LPT9']) {
    it(`refuses ${folder}`, () => {
      const r = resolveOutputFolder(folder, vars);
      assert.equal(r.ok ? 'accepted' : r.error.kind, 'reserved-name');
    });
  }
  it('refuses bidi overrides, accepts "console"', () => {
    assert.equal(resolveOutputFolder('a\u202eb', vars).ok, false);
    assert.equal(resolveOutputFolder('console/x', vars).ok, true);
  });
});

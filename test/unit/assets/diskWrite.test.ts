// saveNewFile: parts written in order into a temporary file, linked under the first free name,
// never overwriting, nothing half-written or temporary left behind.
import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, it } from 'node:test';
import { saveNewFile } from '../../../src/assets/diskWrite';

describe('saveNewFile', () => {
  let dir: string;
  beforeEach(async () => { dir = await mkdtemp(path.join(os.tmpdir(), 'segmind-diskwrite-')); });
  afterEach(async () => { await rm(dir, { recursive: true, force: true }); });

  it('writes the parts one after the other', async () => {
    const big = new Uint8Array(3 * 1024 * 1024).fill(7);
    const file = await saveNewFile(dir, 'a.png', [new Uint8Array([1, 2]), big.subarray(10), new Uint8Array([3])]);
    assert.equal(file, path.join(dir, 'a.png'));
    const bytes = await readFile(file);
    assert.equal(bytes.length, 2 + big.length - 10 + 1);
    assert.deepEqual([...bytes.subarray(0, 3)], [1, 2, 7]);
    assert.equal(bytes[bytes.length - 1], 3);
    assert.deepEqual(await readdir(dir), ['a.png']);
  });

  it('never overwrites: the next free name-N, also when saves race', async () => {
    await writeFile(path.join(dir, 'a.png'), 'mine');
    const files = await Promise.all(Array.from({ length: 5 }, (_, i) => saveNewFile(dir, 'a.png', [new Uint8Array([i])])));
    assert.deepEqual(files.map((f) => path.basename(f)).sort(), ['a-2.png', 'a-3.png', 'a-4.png', 'a-5.png', 'a-6.png']);
    assert.equal(await readFile(path.join(dir, 'a.png'), 'utf8'), 'mine');
    assert.deepEqual((await readdir(dir)).filter((n) => n.endsWith('.tmp')), []);
  });

  it('with one attempt (an exact path) refuses an existing name: the file untouched, no temporary left', async () => {
    await writeFile(path.join(dir, 'hero.png'), 'mine');
    await assert.rejects(saveNewFile(dir, 'hero.png', [new Uint8Array([1])], 1), { message: 'hero.png already exists' });
    assert.equal(await readFile(path.join(dir, 'hero.png'), 'utf8'), 'mine');
    assert.deepEqual(await readdir(dir), ['hero.png']);
    const racing = await Promise.allSettled(Array.from({ length: 4 }, (_, i) => saveNewFile(dir, 'race.png', [new Uint8Array([i])], 1)));
    assert.equal(racing.filter((r) => r.status === 'fulfilled').length, 1, 'exactly one of racing exact saves wins');
    assert.deepEqual((await readdir(dir)).sort(), ['hero.png', 'race.png']);
  });

  it('fails cleanly (nothing written) when the folder does not exist', async () => {
    await assert.rejects(saveNewFile(path.join(dir, 'missing'), 'a.png', [new Uint8Array([1])]), /ENOENT/);
    assert.deepEqual(await readdir(dir), []);
  });
});

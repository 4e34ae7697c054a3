// The thumbnail cache: least recently used out first within the byte budget, keyed by the source's
// URI, mtime and size (an edited image gets a new thumbnail), its index surviving a restart; and the
// pipeline that asks the webview for the missing ones, accepting only what it asked for.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LruIndex } from '../../../src/gallery/grid/lru';
import { ThumbnailCache, sourceKey, type ThumbnailFiles } from '../../../src/gallery/grid/thumbnailCache';
import { ThumbnailPipeline } from '../../../src/gallery/grid/thumbnailPipeline';
import type { GalleryExtensionMessage } from '../../../src/shared/galleryMessages';

class MemoryFiles implements ThumbnailFiles {
  readonly files = new Map<string, Uint8Array>();
  readonly sources = new Map<string, { mtime: number; size: number }>();
  async statSource(uri: string) {
    return this.sources.get(uri);
  }
  async read(name: string) {
    return this.files.get(name);
  }
  async write(name: string, bytes: Uint8Array) {
    this.files.set(name, bytes);
  }
  async delete(name: string) {
    this.files.delete(name);
  }
}

test('LRU: evicts the least recently used beyond the budget, never the one just added', () => {
  const lru = new LruIndex(100);
  assert.deepEqual(lru.add('a', 40), []);
  assert.deepEqual(lru.add('b', 40), []);
  lru.touch('a');
  assert.deepEqual(lru.add('c', 40), ['b']);
  assert.deepEqual(lru.entries(), [['a', 40], ['c', 40]]);
  assert.deepEqual(lru.add('huge', 500), ['a', 'c'], 'alone over budget: kept, everything else goes');
  assert.deepEqual(lru.resize(10), ['huge']);
  const restored = LruIndex.from([['x', 5], ['bad'], 'junk', ['y', 7]], 100);
  assert.deepEqual([restored.count, restored.bytes], [2, 12]);
});

test('cache: stores, finds, evicts files and keeps its index across a restart', async () => {
  const files = new MemoryFiles();
  const cache = new ThumbnailCache(files, 10);
  const a = sourceKey({ uri: 'file:///a.png', mtime: 1, size: 100 });
  assert.notEqual(a, sourceKey({ uri: 'file:///a.png', mtime: 2, size: 100 }), 'an edited source is a new key');
  assert.equal(await cache.store(a, 'image/webp', new Uint8Array(6)), `${a}.webp`);
  assert.equal(await cache.lookup(a), `${a}.webp`);
  await cache.store('b', 'image/jpeg', new Uint8Array(6));
  assert.equal(files.files.has(`${a}.webp`), false, 'evicted from disk');
  assert.equal(await cache.lookup(a), undefined);
  await cache.flush();
  const again = new ThumbnailCache(files, 10);
  assert.equal(await again.lookup('b'), 'b.jpg');
  assert.deepEqual(await again.stats(), { count: 1, bytes: 6 });
});

const WEBP = Buffer.from('UklGRiQAAABXRUJQVlA4IBgAAAAwAQCdASoBAAEAAwA0JaQAA3AA/vuUAAA=', 'base64');

test('pipeline: cached ones at once, missing files reported, a few makes in flight, newest wishes first', async () => {
  const files = new MemoryFiles();
  const posted: GalleryExtensionMessage[] = [];
  const cache = new ThumbnailCache(files, 1e6);
  const pipeline = new ThumbnailPipeline({ cache, files, thumbUrl: (n) => `t/${n}`, sourceUrl: (u) => `s/${u}`, post: (m) => posted.push(m) });
  for (let i = 0; i < 6; i++) files.sources.set(`file:///${i}.png`, { mtime: i, size: 10 });
  await cache.store(sourceKey({ uri: 'file:///0.png', mtime: 0, size: 10 }), 'image/webp', WEBP);
  const want = (ids: number[]) => pipeline.want(ids.map((i) => ({ id: `e${i}`, uri: `file:///${i}.png` })));
  await want([0, 1, 2, 3, 4, 9]);
  const thumbs = posted.find((m) => m.type === 'thumbs');
  assert.deepEqual(thumbs, { type: 'thumbs', thumbs: [{ id: 'e0', src: `t/${sourceKey({ uri: 'file:///0.png', mtime: 0, size: 10 })}.webp` }], missing: ['e9'] });
  const makes = () => posted.filter((m) => m.type === 'makeThumb').map((m) => (m as { src: string }).src);
  assert.deepEqual(makes(), ['s/file:///1.png', 's/file:///2.png', 's/file:///3.png'], 'three at a time');
  // Scrolled on: 4 is no longer wanted, 5 is.
  await want([5]);
  const key1 = sourceKey({ uri: 'file:///1.png', mtime: 1, size: 10 });
  await pipeline.made({ type: 'thumbMade', key: key1, mime: 'image/webp', data: WEBP.toString('base64') });
  assert.deepEqual(makes().slice(3), ['s/file:///5.png']);
  assert.deepEqual(posted.at(-1), { type: 'thumbs', thumbs: [{ id: 'e1', src: `t/${key1}.webp` }] });
  const key2 = sourceKey({ uri: 'file:///2.png', mtime: 2, size: 10 });
  await pipeline.made({ type: 'thumbMade', key: key2, mime: 'image/jpeg', data: WEBP.toString('base64') });
  assert.deepEqual(posted.at(-1), { type: 'thumbs', thumbs: [], missing: ['e2'] }, 'bytes that are not the declared JPEG: refused');
  await pipeline.made({ type: 'thumbMade', key: 'never-asked', mime: 'image/webp', data: WEBP.toString('base64') });
  assert.equal(files.files.has('never-asked.webp'), false);
});

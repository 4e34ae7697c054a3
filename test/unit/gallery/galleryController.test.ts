// The order in which the history reaches a freshly loaded grid: the first screenful alone, the rest
// only once the webview says its first screen is shown (or after a bound), so that thousands of items
// do not queue ahead of the first thumbnails; a changed history is sent at once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GalleryController } from '../../../src/gallery/grid/galleryController';
import { ThumbnailCache, type ThumbnailFiles } from '../../../src/gallery/grid/thumbnailCache';
import { ThumbnailPipeline } from '../../../src/gallery/grid/thumbnailPipeline';
import { History, type HistoryEntry } from '../../../src/history/history';
import type { GalleryExtensionMessage, ItemsMessage } from '../../../src/shared/galleryMessages';
import { MemoryStore } from '../../integration/memoryStore';

const noFiles: ThumbnailFiles = {
  statSource: async () => undefined,
  read: async () => undefined,
  write: async () => undefined,
  delete: async () => undefined,
};

async function gallery(count: number) {
  const history = new History(new MemoryStore());
  const entries: HistoryEntry[] = Array.from({ length: count }, (_, i) => ({
    id: `e${i}`, createdAt: 1_700_000_000_000 + i, uri: `file:///w/${i}.png`, path: `${i}.png`, model: 'm', prompt: `p${i}`, params: {}, seed: i,
  }));
  for (const entry of entries) await history.add(entry);
  const posted: GalleryExtensionMessage[] = [];
  const pipeline = new ThumbnailPipeline({ cache: new ThumbnailCache(noFiles, 1e6), files: noFiles, thumbUrl: (n) => n, sourceUrl: (u) => u, post: (m) => posted.push(m) });
  const controller = new GalleryController({
    history, pipeline, modelNames: {}, post: (m) => posted.push(m), runAction: async () => undefined, openGenerator: () => undefined, warn: () => undefined,
  });
  const items = () => posted.filter((m): m is ItemsMessage => m.type === 'items');
  return { controller, history, items };
}

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

test('after ready: the first screenful alone, the rest once the first screen is shown', async () => {
  const { controller, items } = await gallery(2500);
  const sent = controller.onMessage({ type: 'ready' });
  await turns(20);
  assert.deepEqual(items().map((m) => [m.items.length, m.replace, m.complete]), [[200, true, false]]);
  await controller.onMessage({ type: 'firstScreenShown' });
  await sent;
  const all = items();
  assert.deepEqual(all.map((m) => m.complete), [false, false, false, true]);
  assert.equal(all.reduce((n, m) => n + m.items.length, 0), 2500);
  assert.equal(new Set(all.flatMap((m) => m.items.map((i) => i.id))).size, 2500);
});

test('a webview that never says its first screen is shown still gets the rest, within a second', async () => {
  const { controller, items } = await gallery(500);
  const started = performance.now();
  await controller.onMessage({ type: 'ready' });
  const waited = performance.now() - started;
  assert.ok(waited >= 900 && waited < 3000, `waited ${waited.toFixed(0)} ms`);
  assert.equal(items().at(-1)?.complete, true);
});

test('a changed history is sent whole at once; a detached view gets nothing more', async () => {
  const { controller, history, items } = await gallery(500);
  const sent = controller.onMessage({ type: 'ready' });
  await controller.onMessage({ type: 'firstScreenShown' });
  await sent;
  const before = items().length;
  controller.historyChanged();
  await turns(10);
  assert.equal(items().slice(before).at(-1)?.complete, true);

  const again = controller.onMessage({ type: 'ready' });
  controller.detached();
  await again;
  const afterDetach = items().length;
  await history.add({ id: 'late', createdAt: 1, uri: 'file:///w/late.png', path: 'late.png', model: 'm', prompt: '', params: {}, seed: 1 });
  controller.historyChanged();
  await turns(10);
  assert.equal(items().length, afterDetach, 'nothing is sent to a detached view');
});

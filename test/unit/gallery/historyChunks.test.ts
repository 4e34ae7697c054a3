// The history at 10,000 images: stored in chunks, so one save writes one chunk (plus the manifest
// when a chunk is added or emptied), migrated from the single v1 array, and read once.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History, HISTORY_KEY, type HistoryEntry, type HistoryStore } from '../../../src/history/history';
import { CHUNK_SIZE, MANIFEST_KEY } from '../../../src/history/historyChunks';

class CountingStore implements HistoryStore {
  readonly data = new Map<string, unknown>();
  readonly writes: string[] = [];
  reads = 0;
  get<T>(key: string): T | undefined {
    this.reads++;
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    this.writes.push(key);
    if (value === undefined) this.data.delete(key);
    else this.data.set(key, structuredClone(value));
  }
}

function entry(i: number): HistoryEntry {
  return { id: `e${i}`, createdAt: i, uri: `file:///w/${i}.png`, path: `${i}.png`, model: 'm', prompt: `p${i}`, params: {}, seed: i };
}

test('a v1 array is moved into chunks once, and the old key removed', async () => {
  const store = new CountingStore();
  store.data.set(HISTORY_KEY, Array.from({ length: 600 }, (_, i) => entry(i)));
  const history = new History(store);
  assert.equal(history.entries().length, 600);
  await history.add(entry(600));
  assert.equal(store.data.has(HISTORY_KEY), false);
  const manifest = store.data.get(MANIFEST_KEY) as { chunks: string[] };
  assert.equal(manifest.chunks.length, Math.ceil(601 / CHUNK_SIZE));
  const again = new History(store);
  assert.deepEqual(again.entries().map((e) => e.id).slice(0, 2), ['e600', 'e599']);
  assert.equal(again.findByUri('file:///w/7.png')?.id, 'e7');
});

test('with 10,000 entries a save writes one chunk of at most CHUNK_SIZE entries; reads come from memory', async () => {
  const store = new CountingStore();
  const history = new History(store);
  for (let i = 0; i < 10_000; i++) await history.add(entry(i));
  store.writes.length = 0;
  const readsBefore = store.reads;
  await history.add(entry(10_000));
  assert.deepEqual(store.writes, [store.writes[0]]);
  assert.ok(((store.data.get(store.writes[0] ?? '') as unknown[]) ?? []).length <= CHUNK_SIZE);
  store.writes.length = 0;
  await history.remove('e5');
  assert.equal(store.writes.length, 1);
  assert.equal(history.get('e5'), undefined);
  assert.equal(history.size, 10_000);
  for (let i = 0; i < 100; i++) history.findByUri(`file:///w/${i}.png`);
  assert.equal(store.reads, readsBefore, 'no store read after the first load');
});

test('the limit drops the oldest entries and deletes chunks that become empty', async () => {
  const store = new CountingStore();
  const history = new History(store, CHUNK_SIZE);
  for (let i = 0; i < CHUNK_SIZE * 2; i++) await history.add(entry(i));
  assert.equal(history.size, CHUNK_SIZE);
  assert.equal(history.entries().at(-1)?.id, `e${CHUNK_SIZE}`);
  const manifest = store.data.get(MANIFEST_KEY) as { chunks: string[] };
  assert.equal(manifest.chunks.length, 1);
  assert.equal([...store.data.keys()].filter((k) => k.startsWith(`${MANIFEST_KEY}.`)).length, 1);
});

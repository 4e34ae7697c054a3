// The gallery's history: newest first, survives a "restart" (a new History on the same store),
// concurrent adds are not lost, malformed stored values are skipped; records, variations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { History, HISTORY_KEY, type HistoryEntry, type HistoryStore } from '../../../src/history/history';
import { DEFAULT_MODEL } from '../../../src/shared/catalog';
import { guidanceSweep, newSeedVariations } from '../../../src/gallery/variations';
import { recordFromEntry, recordForFile } from '../../../src/panel/imageRecord';

class MemoryStore implements HistoryStore {
  readonly data = new Map<string, unknown>();
  writes = 0;
  get<T>(key: string): T | undefined {
    return structuredClone(this.data.get(key)) as T | undefined;
  }
  async update(key: string, value: unknown): Promise<void> {
    await new Promise((r) => setTimeout(r, 1)); // writes are asynchronous, like workspaceState
    this.writes++;
    this.data.set(key, structuredClone(value));
  }
}

function entry(id: string, createdAt: number, extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id, createdAt, uri: `file:///w/assets/generated/${id}.png`, path: `assets/generated/${id}.png`,
    model: 'stable-diffusion-3.5-large-txt2img', prompt: `prompt ${id}`,
    params: { steps: 30, guidance_scale: 5.5, seed: 7 }, seed: 7, ...extra,
  };
}

test('entries are kept newest first and survive a new History on the same store', async () => {
  const store = new MemoryStore();
  const history = new History(store);
  let changes = 0;
  history.onDidChange(() => changes++);
  await history.add(entry('a', 1000));
  await history.add(entry('c', 3000));
  await history.add(entry('b', 2000));
  assert.deepEqual(history.entries().map((e) => e.id), ['c', 'b', 'a']);
  assert.equal(changes, 3);
  const afterRestart = new History(store);
  assert.deepEqual(afterRestart.entries().map((e) => e.id), ['c', 'b', 'a']);
  assert.equal(afterRestart.findByUri('file:///w/assets/generated/b.png')?.id, 'b');
});

test('adds that race are all kept; same id replaces; remove and relocate', async () => {
  const history = new History(new MemoryStore());
  await Promise.all([1, 2, 3, 4, 5].map((i) => history.add(entry(`e${i}`, i))));
  assert.equal(history.entries().length, 5);
  await history.add(entry('e3', 3, { prompt: 'changed' }));
  assert.equal(history.entries().length, 5);
  assert.equal(history.get('e3')?.prompt, 'changed');
  await history.remove('e1');
  assert.equal(history.get('e1'), undefined);
  await history.relocate('e2', 'file:///w/moved.png', 'moved.png');
  assert.equal(history.get('e2')?.path, 'moved.png');
});

test('the history is capped and skips malformed stored values', async () => {
  const store = new MemoryStore();
  store.data.set(HISTORY_KEY, [entry('ok', 5), { id: 'broken' }, 'junk', null]);
  const history = new History(store, 3);
  assert.deepEqual(history.entries().map((e) => e.id), ['ok']);
  for (let i = 0; i < 5; i++) await history.add(entry(`n${i}`, 10 + i));
  assert.deepEqual(history.entries().map((e) => e.id), ['n4', 'n3', 'n2']);
});

test('a record rebuilds the exact request from a history entry or from embedded metadata', async () => {
  const e = entry('r', 0, { prompt: 'cat', params: { steps: 40, seed: 99, guidance_scale: 7, unknown: 1 }, seed: 99 });
  const record = recordFromEntry(e);
  assert.deepEqual(record, { model: e.model, params: { prompt: 'cat', steps: 40, guidance_scale: 7, seed: 99 }, seed: 99, source: 'history' });
  const history = new History(new MemoryStore());
  let read = 0;
  const fromMeta = await recordForFile('file:///elsewhere.png', history, async () => { read++; return new Uint8Array([1]); },
    () => ({ model: 'stable-diffusion-3-medium-txt2img', params: { prompt: 'dog', num_inference_steps: 20 }, seed: 5 }), DEFAULT_MODEL);
  assert.equal(read, 1);
  assert.deepEqual(fromMeta, { model: 'stable-diffusion-3-medium-txt2img', params: { prompt: 'dog', num_inference_steps: 20, seed: 5 }, seed: 5, source: 'metadata' });
  assert.equal(await recordForFile('file:///x.png', history, async () => new Uint8Array(), () => undefined, DEFAULT_MODEL), undefined);
  const foreign = await recordForFile('file:///x.png', history, async () => new Uint8Array(), () => ({ model: 'juggernautXL', params: { prompt: 'owl', steps: 12 }, seed: 3 }), DEFAULT_MODEL);
  assert.deepEqual(foreign, { model: 'stable-diffusion-3.5-large-txt2img', params: { prompt: 'owl', steps: 12, seed: 3 }, seed: 3, source: 'metadata', foreignModel: 'juggernautXL' });
});

test('variations: new seeds drop the seed; the sweep is guidance 3/5/7 × 2 seeds, one image each', () => {
  const record = recordFromEntry(entry('v', 0, { params: { steps: 30, batch_size: 3, seed: 1 }, seed: 1 }));
  assert.ok(record);
  const four = newSeedVariations(record, 4);
  assert.equal(four.length, 4);
  assert.ok(four.every((p) => !('seed' in p.params) && p.params.prompt === 'prompt v'));
  const sweep = guidanceSweep(record, [1, 2]);
  assert.deepEqual(sweep.map((p) => [p.params.guidance_scale, p.params.seed, p.params.batch_size]), [[3, 1, 1], [3, 2, 1], [5, 1, 1], [5, 2, 1], [7, 1, 1], [7, 2, 1]]);
  assert.equal(sweep[0]?.label, 'guidance 3 · seed 1');
});

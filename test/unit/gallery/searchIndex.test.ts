// The grid's search: every word in prompt, negative prompt, model (id or name), seed or file name;
// filters by model, folder and date; newest or oldest first; results grouped by local day; fast at 10,000.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { GalleryItem } from '../../../src/shared/galleryMessages';
import { dayLabel, rangeStart } from '../../../media/gallery/days';
import { EMPTY_QUERY, SearchIndex, folderOf } from '../../../media/gallery/searchIndex';

const HOUR = 3_600_000;
const NOW = new Date(2026, 10, 23, 15, 0).getTime();
const NAMES = { 'sd35': 'Stable Diffusion 3.5 Large', 'sd3m': 'Stable Diffusion 3 Medium' };

function item(id: string, createdAt: number, extra: Partial<GalleryItem> = {}): GalleryItem {
  return { id, createdAt, model: 'sd35', prompt: `prompt ${id}`, seed: 7, path: `assets/generated/${id}.png`, credits: null, ...extra };
}

const items = [
  item('old', NOW - 50 * HOUR, { prompt: 'A red Lighthouse at dusk', seed: 424242 }),
  item('y', NOW - 24 * HOUR, { model: 'sd3m', negativePrompt: 'blurry, watermark', path: 'art/owls/y.png' }),
  item('t1', NOW - HOUR, { prompt: 'an owl on a branch' }),
  item('t2', NOW, { prompt: 'a fox in the snow', path: 'art/owls/t2.jpg' }),
];
const index = new SearchIndex(items, NAMES);
const ids = (text: string, extra = {}) => index.search({ ...EMPTY_QUERY, text, ...extra }, NOW).order.map((i) => items[i]?.id);

test('every word must occur, in any searchable field, case-insensitively', () => {
  assert.deepEqual(ids('lighthouse red'), ['old']);
  assert.deepEqual(ids('424242'), ['old']);
  assert.deepEqual(ids('WATERMARK'), ['y'], 'negative prompt');
  assert.deepEqual(ids('medium'), ['y'], 'model name');
  assert.deepEqual(ids('t2.jpg'), ['t2'], 'file name');
  assert.deepEqual(ids('lighthouse blue'), []);
  assert.deepEqual(ids(''), ['t2', 't1', 'y', 'old'], 'newest first');
});

test('filters by model, folder and date; sorts oldest first', () => {
  assert.deepEqual(ids('', { model: 'sd3m' }), ['y']);
  assert.deepEqual(ids('', { folder: 'art/owls' }), ['t2', 'y']);
  assert.deepEqual(ids('', { date: 'today' }), ['t2', 't1']);
  assert.deepEqual(ids('', { date: 'week' }), ['t2', 't1', 'y', 'old']);
  assert.deepEqual(ids('', { sort: 'oldest' }), ['old', 'y', 't1', 't2']);
  assert.equal(folderOf('a.png'), '');
  assert.equal(rangeStart('any', NOW), Number.NEGATIVE_INFINITY);
});

test('results are grouped by local day with Today / Yesterday labels; facets count models and folders', () => {
  const result = index.search(EMPTY_QUERY, NOW);
  assert.deepEqual(result.groups.map((g) => [dayLabel(g.key, NOW), g.start, g.count]), [['Today', 0, 2], ['Yesterday', 2, 1], ['Sat, 21 Nov 2026', 3, 1]]);
  const facets = index.facets();
  assert.deepEqual([...facets.models], [['sd35', 3], ['sd3m', 1]]);
  assert.equal(facets.folders.get('art/owls'), 2);
});

test('10,000 images: indexed and searched in well under the 100 ms budget', () => {
  const many = Array.from({ length: 10_000 }, (_, i) => item(`i${i}`, NOW - i * 60_000, { prompt: `image ${i} of a ${i % 7 === 0 ? 'lighthouse' : 'forest'} scene`, seed: i }));
  const started = performance.now();
  const big = new SearchIndex(many, NAMES);
  const built = performance.now() - started;
  const searchStarted = performance.now();
  const result = big.search({ ...EMPTY_QUERY, text: 'lighthouse scene' }, NOW);
  const searched = performance.now() - searchStarted;
  assert.equal(result.order.length, Math.ceil(10_000 / 7));
  assert.ok(built < 500 && searched < 100, `index ${built.toFixed(1)} ms, search ${searched.toFixed(1)} ms`);
});

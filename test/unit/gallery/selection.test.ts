// Grid selection and Compare's parameter diff.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GridSelection } from '../../../media/gallery/selection';
import { diffParams } from '../../../media/gallery/paramDiff';
import { restoreGalleryState } from '../../../media/gallery/state';

const order = ['a', 'b', 'c', 'd', 'e'];
const none = { toggle: false, range: false };

test('click selects one; Ctrl+click toggles; Shift+click selects the range from the anchor', () => {
  const s = new GridSelection();
  s.pick(order, 1, none);
  assert.deepEqual(s.ids(), ['b']);
  s.pick(order, 3, { toggle: true, range: false });
  assert.deepEqual(s.ids().sort(), ['b', 'd']);
  s.pick(order, 1, { toggle: true, range: false });
  assert.deepEqual(s.ids(), ['d']);
  s.pick(order, 0, { toggle: false, range: true });
  assert.deepEqual(s.ids().sort(), ['a', 'b'], 'from the anchor (the last clicked, b) back to a');
  assert.equal(s.focused, 'a');
  s.retain((id) => id !== 'b');
  assert.equal(s.has('b'), false);
  s.selectAll(order);
  assert.equal(s.size, 5);
});

test('compare lists every parameter, prompt first, and marks the differing ones', () => {
  const rows = diffParams({ prompt: 'owl', seed: 1, steps: 30 }, { prompt: 'owl', seed: 2, guidance_scale: 5 });
  assert.deepEqual(rows.map((r) => [r.name, r.differs]), [['prompt', false], ['guidance_scale', true], ['seed', true], ['steps', true]]);
});

test('saved state is checked: unknown values fall back, the selection is capped', () => {
  const restored = restoreGalleryState({ query: { text: 'owl', date: 'forever', sort: 'sideways' }, scrollTop: -5, selected: ['a', 3, 'b'] });
  assert.deepEqual(restored.query, { text: 'owl', model: '', folder: '', date: 'any', sort: 'newest' });
  assert.equal(restored.scrollTop, 0);
  assert.deepEqual(restored.selected, ['a', 'b']);
  assert.equal(restoreGalleryState(undefined).query.text, '');
});

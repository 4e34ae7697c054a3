// A day header's cost: what we learned, summed, and the images whose cost is unknown said as such.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dayCostText } from '../../../media/gallery/dayCost';

test('sums the known costs of a day', () => {
  assert.equal(dayCostText([0.25, 0.5, 0.125]), ' · 0.875 credits');
  assert.equal(dayCostText([1]), ' · 1 credit');
  assert.equal(dayCostText([0.1, 0.2]), ' · 0.3 credits', 'no floating-point tail');
});

test('says how many images have no known cost, and never invents a total', () => {
  assert.equal(dayCostText([0.5, null, null]), ' · 0.5 credits + 2 unknown');
  assert.equal(dayCostText([null, null]), ' · cost unknown');
  assert.equal(dayCostText([]), '');
});

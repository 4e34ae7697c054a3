import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mean, median, percentile, summarize } from '../../bench/stats';

describe('percentile', () => {
  it('interpolates between closest ranks like numpy', () => {
    const samples = [15, 20, 35, 40, 50];
    assert.equal(percentile(samples, 0), 15);
    assert.equal(percentile(samples, 100), 50);
    assert.equal(percentile(samples, 50), 35);
    assert.equal(percentile(samples, 40), 29); // rank 1.6 → 20 + 0.6 × 15
    assert.ok(Math.abs(percentile(samples, 95) - 48) < 1e-9); // rank 3.8 → 40 + 0.8 × 10
  });

  it('does not depend on input order and does not sort the caller\'s array', () => {
    const samples = [9, 1, 5, 3, 7];
    assert.equal(percentile(samples, 50), 5);
    assert.deepEqual(samples, [9, 1, 5, 3, 7]);
  });

  it('returns the only value for one sample and NaN for none', () => {
    assert.equal(percentile([42], 95), 42);
    assert.ok(Number.isNaN(percentile([], 50)));
  });

  it('refuses p outside 0–100', () => {
    assert.throws(() => percentile([1], 101), RangeError);
    assert.throws(() => percentile([1], -1), RangeError);
    assert.throws(() => percentile([1], Number.NaN), RangeError);
  });
});

describe('median, mean, summarize', () => {
  it('median of an even count is the midpoint', () => {
    assert.equal(median([1, 2, 3, 4]), 2.5);
  });

  it('mean and summary', () => {
    assert.equal(mean([1, 2, 3, 6]), 3);
    assert.ok(Number.isNaN(mean([])));
    const { p95, ...rest } = summarize([4, 1, 3, 2]);
    assert.deepEqual(rest, { count: 4, min: 1, p50: 2.5, max: 4, mean: 2.5 });
    assert.ok(Math.abs(p95 - 3.85) < 1e-9);
  });
});

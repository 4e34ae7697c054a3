import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelayMs, retryDecision, serverRetryDelayMs, type AttemptOutcome } from '../../../src/segmind/retry';

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const ctx = { now: NOW, remainingMs: 600_000, random: () => 0.5 };
const status = (s: number, headers: Record<string, string> = {}): AttemptOutcome => ({ type: 'response', status: s, headers });

describe('retry rules', () => {
  it('repeats GETs on 429, 5xx and network errors, not on other 4xx', () => {
    for (const s of [429, 500, 502, 503, 504]) assert.equal(retryDecision('get', status(s), 1, ctx).retry, true, String(s));
    assert.equal(retryDecision('get', { type: 'network' }, 1, ctx).retry, true);
    assert.equal(retryDecision('get', { type: 'refused' }, 1, ctx).retry, true);
    for (const s of [400, 401, 403, 404, 406, 422]) assert.equal(retryDecision('get', status(s), 1, ctx).retry, false, String(s));
  });

  it('re-sends a submit only when it was certainly refused', () => {
    assert.equal(retryDecision('submit', status(429), 1, ctx).retry, true);
    assert.equal(retryDecision('submit', { type: 'refused' }, 1, ctx).retry, true);
    for (const s of [500, 502, 503, 504, 408]) {
      assert.deepEqual(retryDecision('submit', status(s), 1, ctx), { retry: false, reason: 'the submit may have been accepted' }, String(s));
    }
    assert.deepEqual(retryDecision('submit', { type: 'network' }, 1, ctx), { retry: false, reason: 'the submit may have been accepted' });
  });

  it('gives up after the attempt limits', () => {
    assert.equal(retryDecision('get', status(500), 4, ctx).retry, true);
    assert.deepEqual(retryDecision('get', status(500), 5, ctx), { retry: false, reason: 'gave up after 5 attempts' });
    assert.equal(retryDecision('submit', { type: 'refused' }, 5, ctx).retry, false);
    assert.equal(retryDecision('submit', status(429, { 'retry-after': '1' }), 50, ctx).retry, true, '429s are waited out');
    assert.equal(retryDecision('submit', status(429, { 'retry-after': '1' }), 100, ctx).retry, false);
  });

  it('honours Retry-After (seconds and HTTP date) and x-rate-limit-reset-at-utc', () => {
    assert.deepEqual(retryDecision('submit', status(429, { 'retry-after': '3' }), 1, ctx), { retry: true, delayMs: 3050 });
    const date = new Date(NOW + 7000).toUTCString();
    assert.deepEqual(retryDecision('get', status(503, { 'retry-after': date }), 1, ctx), { retry: true, delayMs: 7050 });
    const iso = new Date(NOW + 2500).toISOString();
    assert.deepEqual(retryDecision('submit', status(429, { 'x-rate-limit-reset-at-utc': iso }), 1, ctx), { retry: true, delayMs: 2550 });
    assert.equal(serverRetryDelayMs({ 'x-rate-limit-reset-at-utc': '2026-01-01T12:00:04' }, NOW), 4000, 'no zone = UTC');
    assert.equal(serverRetryDelayMs({ 'x-rate-limit-reset-at-utc': String((NOW + 9000) / 1000) }, NOW), 9000, 'epoch seconds');
    assert.equal(serverRetryDelayMs({ 'x-rate-limit-reset-at-utc': String(NOW + 1000) }, NOW), 1000, 'epoch ms');
    assert.equal(serverRetryDelayMs({ 'retry-after': new Date(NOW - 5000).toUTCString() }, NOW), 0, 'past date');
    assert.equal(serverRetryDelayMs({ 'retry-after': 'soon' }, NOW), undefined);
    assert.equal(serverRetryDelayMs({}, NOW), undefined);
  });

  it('refuses a wait that would pass the deadline', () => {
    assert.deepEqual(retryDecision('submit', status(429, { 'retry-after': '60' }), 1, { ...ctx, remainingMs: 30_000 }),
      { retry: false, reason: 'the wait would pass the deadline' });
  });

  it('backs off exponentially with full jitter, capped', () => {
    assert.equal(backoffDelayMs(1, () => 0.999), 299);
    assert.equal(backoffDelayMs(2, () => 0.999), 599);
    assert.equal(backoffDelayMs(4, () => 0.5), 1200);
    assert.equal(backoffDelayMs(20, () => 0.999), 9990);
    assert.equal(backoffDelayMs(3, () => 0), 0);
    assert.equal(retryDecision('get', { type: 'network' }, 2, { ...ctx, random: () => 0.25 }).retry && 150, 150);
  });
});

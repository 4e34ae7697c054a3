import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MODELS } from '../../../src/shared/catalog';
import {
  DEFAULT_POLL_POLICY, DurationHistory, baseProcessingMs, finishDensity, finishQuantile, nextPollDelay, predictProcessing, type DurationSample,
} from '../../../src/segmind/polling';

const L = MODELS['stable-diffusion-3.5-large-txt2img'];
const M = MODELS['stable-diffusion-3-medium-txt2img'];

/** Deterministic PRNG for the simulated workload (seed printed on failure). */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const quantile = (xs: number[], p: number): number => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(p * xs.length))] ?? NaN;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

interface SimResult { p50: number; p95: number; polls: number; baseP50: number; basePolls: number }

/**
 * Issue 7's workload: queue U[0,3 s], processing = documented time × speed × U[0.9,1.1]. Our poller
 * (the real policy + predictor, learning from finished jobs) against a fixed 1 s poll.
 */
function simulate(seed: number, jobs: number, speed = 1, learn = false): SimResult {
  const rnd = mulberry32(seed);
  const history = new DurationHistory();
  const latency: number[] = [], polls: number[] = [], baseLatency: number[] = [], basePolls: number[] = [];
  for (let i = 0; i < jobs; i++) {
    const [model, params] = i % 2 ? [L, { prompt: 'x' }] : [M, { prompt: 'x', num_inference_steps: 25 }];
    const baseMs = baseProcessingMs(model, params);
    const queue = rnd() * 3000;
    const processing = baseMs * speed * (0.9 + 0.2 * rnd());
    const done = queue + processing;
    basePolls.push(Math.ceil(done / 1000));
    baseLatency.push(Math.ceil(done / 1000) * 1000 - done);
    const { expectedMs, spread } = predictProcessing(baseMs, learn ? history.all : []);
    let t = 0, count = 0, lastQueuedAt = 0;
    let processingSeenAt: number | undefined;
    for (;;) {
      const phase = processingSeenAt === undefined ? 'QUEUED' : 'PROCESSING';
      const delay = nextPollDelay({
        phase, sinceSubmitMs: t, pollsSoFar: count, remainingMs: 600_000 - t, expectedProcessingMs: expectedMs, spread,
        ...(processingSeenAt === undefined ? {} : { sinceProcessingEarliestMs: t - lastQueuedAt, sinceProcessingLatestMs: t - processingSeenAt }),
      });
      assert.ok(delay >= DEFAULT_POLL_POLICY.minIntervalMs && delay <= DEFAULT_POLL_POLICY.maxIntervalMs, `delay ${delay}`);
      t += delay;
      count++;
      if (t >= done) break;
      if (t < queue) lastQueuedAt = t;
      else processingSeenAt ??= t;
    }
    latency.push(t - done);
    polls.push(count);
    history.add({ baseMs, actualMs: processing });
  }
  return { p50: quantile(latency, 0.5), p95: quantile(latency, 0.95), polls: mean(polls), baseP50: quantile(baseLatency, 0.5), basePolls: mean(basePolls) };
}

describe('poll policy', () => {
  it('beats a fixed 1 s poll on latency with no more status requests (issue 7 workload)', () => {
    for (const seed of [1, 2, 3]) {
      const r = simulate(seed, 2000);
      const info = `seed ${seed}: ${JSON.stringify(r)}`;
      assert.ok(r.p50 <= 115, info);
      assert.ok(r.p95 <= 250, info);
      assert.ok(r.p50 <= 0.25 * r.baseP50, info);
      assert.ok(r.polls <= r.basePolls * 0.97, `3 % margin for noise: ${info}`);
    }
  });

  it('learns a service that is 40 % faster than documented', () => {
    // Short jobs leave little room: the queue polls weigh more, so allow 5 % over the baseline here.
    const r = simulate(7, 400, 0.6, true);
    assert.ok(r.p50 <= 130 && r.p95 <= 400 && r.polls <= r.basePolls * 1.05, JSON.stringify(r));
  });

  it('learns a service that is 50 % slower than documented', () => {
    const r = simulate(8, 400, 1.5, true);
    assert.ok(r.p50 <= 120 && r.p95 <= 400 && r.polls <= r.basePolls, JSON.stringify(r));
  });

  it('polls the queue every 800 ms, then backs off to 2 s', () => {
    const queued = (sinceSubmitMs: number) => nextPollDelay({ phase: 'QUEUED', sinceSubmitMs, pollsSoFar: 1, remainingMs: 1e6, expectedProcessingMs: 6000 });
    assert.equal(queued(0), 800);
    assert.equal(queued(4000), 800);
    assert.equal(queued(7000), 1300);
    assert.equal(queued(60_000), 2000);
    const short = (expectedProcessingMs: number) => nextPollDelay({ phase: 'QUEUED', sinceSubmitMs: 0, pollsSoFar: 0, remainingMs: 1e6, expectedProcessingMs });
    assert.equal(short(1000), 250, 'a quarter of a short job');
    assert.equal(short(100), 100, 'but not below 100 ms');
    assert.equal(nextPollDelay({ phase: 'QUEUED', sinceSubmitMs: 0, pollsSoFar: 0, remainingMs: 1e6 }), 800, 'unknown job');
  });

  it('sleeps until the finish window opens, then polls densely, then backs off', () => {
    const processing = (earliest: number, latest: number, pollsSoFar = 2) => nextPollDelay({
      phase: 'PROCESSING', sinceSubmitMs: earliest + 800, sinceProcessingEarliestMs: earliest, sinceProcessingLatestMs: latest,
      expectedProcessingMs: 10_000, spread: 0.1, pollsSoFar, remainingMs: 1e6,
    });
    assert.equal(processing(800, 0), 5000, 'capped long sleep');
    // Window [1.0 s, 3.8 s] from now; its first 0.8 s ramp holds 20 % of the finishes, so the first
    // poll waits for the 10 % point: 1.0 + √(0.1 × 2 × 0.8 × 2.0) ≈ 1.57 s.
    const first = processing(8000, 7200);
    assert.ok(first >= 1560 && first <= 1600, `until the job is 10 % likely done: ${first}`);
    const inWindow = processing(9500, 8700);
    assert.ok(inWindow >= 50 && inWindow <= 300, `dense: ${inWindow}`);
    assert.equal(processing(12_000, 11_020, 30), 50, 'just past the window: minimum gap');
    assert.equal(processing(12_000, 11_200, 30), 100, 'overrun 200 ms: half of it');
    assert.equal(processing(13_000, 12_200, 30), 600, 'overrun 1.2 s: half of it');
    assert.equal(processing(60_000, 59_200, 30), 2000, 'capped');
  });

  it('never sleeps past the deadline, and copes with an unknown expectation', () => {
    assert.equal(nextPollDelay({ phase: 'QUEUED', sinceSubmitMs: 0, pollsSoFar: 0, remainingMs: 120 }), 120);
    assert.equal(nextPollDelay({ phase: 'QUEUED', sinceSubmitMs: 0, pollsSoFar: 0, remainingMs: -5 }), 0);
    assert.equal(nextPollDelay({ phase: 'PROCESSING', sinceSubmitMs: 100, sinceProcessingEarliestMs: 100, pollsSoFar: 1, remainingMs: 1e6 }), 200);
    assert.equal(nextPollDelay({ phase: 'PROCESSING', sinceSubmitMs: 60_000, sinceProcessingEarliestMs: 60_000, pollsSoFar: 1, remainingMs: 1e6 }), 1000);
  });
});

describe('finish density', () => {
  it('is a trapezoid that integrates to 1', () => {
    const w = { s0: -1000, s1: 0, p0: 9000, p1: 11000 };
    let mass = 0;
    for (let t = 7000; t < 13000; t += 1) mass += finishDensity(w, t + 0.5);
    assert.ok(Math.abs(mass - 1) < 1e-3, String(mass));
    assert.equal(finishDensity(w, 7999), 0);
    assert.equal(finishDensity(w, 11001), 0);
    assert.equal(finishDensity(w, 10000), 1 / 2000, 'flat top');
    assert.equal(finishDensity(w, 8500), 0.5 / 2000, 'half-way up the ramp');
    assert.equal(finishDensity({ s0: 0, s1: 0, p0: 100, p1: 300 }, 200), 1 / 200, 'known start: uniform');
  });
});

describe('finish quantile', () => {
  it('inverts the trapezoid: ramps, flat top, ends', () => {
    const w = { s0: -1000, s1: 0, p0: 9000, p1: 11000 }; // finish in [8 s, 11 s], flat 9–10 s
    const near = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) <= 25, `${actual} vs ${expected}`);
    near(finishQuantile(w, 0.1), 8000 + Math.sqrt(0.1 * 2 * 1000 * 2000)); // on the rising ramp
    near(finishQuantile(w, 0.5), 9500); // symmetric
    near(finishQuantile(w, 0.9), 11000 - Math.sqrt(0.1 * 2 * 1000 * 2000));
    assert.equal(finishQuantile(w, 0), 8000, 'q = 0: the window opens');
    assert.equal(finishQuantile(w, 1), 11000, 'q = 1: the window closes');
  });

  it('is linear when the start is known, and the window start when there is no spread', () => {
    assert.ok(Math.abs(finishQuantile({ s0: 0, s1: 0, p0: 1000, p1: 2000 }, 0.25) - 1250) <= 10);
    assert.equal(finishQuantile({ s0: 0, s1: 0, p0: 1000, p1: 1000 }, 0.5), 1000);
  });
});

describe('processing predictor', () => {
  it('scales the documented time with steps × megapixels × images', () => {
    assert.equal(baseProcessingMs(L, {}), 17_500);
    assert.equal(baseProcessingMs(M, {}), 6_000);
    assert.equal(baseProcessingMs(L, { steps: 60 }), 35_000);
    assert.equal(baseProcessingMs(L, { aspect_ratio: '16:9 landscape 1344x768' }), 17_500 * (1344 * 768) / (1024 * 1024));
    assert.equal(baseProcessingMs(M, { img_width: 512, img_height: 512, samples: 2 }), 3_000);
  });

  it('starts from the documented time and default spread, then follows the median ratio', () => {
    assert.deepEqual(predictProcessing(10_000, []), { expectedMs: 10_000, spread: 0.12 });
    const one = predictProcessing(10_000, [{ baseMs: 1000, actualMs: 500 }]);
    assert.ok(Math.abs(one.expectedMs - 10_000 * (2.5 / 3)) < 1e-6, 'one sample moves it part-way');
    const many: DurationSample[] = [0.5, 0.52, 0.48, 0.5, 0.51, 0.49, 3].map((r) => ({ baseMs: 1000, actualMs: 1000 * r }));
    const p = predictProcessing(10_000, many);
    assert.equal(p.expectedMs, 5000, 'median ignores the outlier');
    assert.equal(p.spread, 0.5, 'the outlier widens the window (capped)');
    const steady = predictProcessing(10_000, many.slice(0, 6));
    assert.ok(steady.spread >= 0.04 && steady.spread < 0.06, String(steady.spread));
  });

  it('keeps only the recent, valid samples', () => {
    const h = new DurationHistory();
    h.add({ baseMs: 0, actualMs: 10 });
    h.add({ baseMs: 10, actualMs: Number.NaN });
    for (let i = 0; i < 30; i++) h.add({ baseMs: 1000, actualMs: 1000 + i });
    assert.equal(h.all.length, 20);
    assert.equal(h.all[0]?.actualMs, 1010);
  });
});

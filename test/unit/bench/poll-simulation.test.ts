import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_POLL_POLICY } from '../../../src/segmind/polling';
import { simulateBaselineJob, simulateOurFleet, simulateOurJob, simulateWorkload, type SimulationCosts } from '../../bench/poll-simulation';
import { mean } from '../../bench/stats';
import { drawWorkload, type BenchJobSpec } from '../../bench/workload';

const costs: SimulationCosts = { rttMs: 4, finishMs: 20, baselineIntervalMs: 1_000 };

function job(overrides: Partial<BenchJobSpec>): BenchJobSpec {
  return { index: 0, model: 'stable-diffusion-3-medium-txt2img', width: 1024, height: 1024, steps: 25, imageSeed: 1, queueMs: 500, nominalProcessingMs: 6_000, processingMs: 6_000, outlier: false, ...overrides };
}

describe('simulateBaselineJob', () => {
  it('polls at once and then every second, like the official SDK', () => {
    // Completes 2.5 s after submit: polls at ~0, ~1, ~2 and ~3 s; the fourth sees COMPLETED.
    const result = simulateBaselineJob(job({ queueMs: 502, processingMs: 2_000 }), costs);
    assert.equal(result.statusRequests, 4);
    assert.ok(result.latencyMs > 500 && result.latencyMs < 540, `latency ${result.latencyMs}`);
  });

  it('finds a job that is already done on its first poll', () => {
    const result = simulateBaselineJob(job({ queueMs: 0, processingMs: 0 }), costs);
    assert.equal(result.statusRequests, 1);
    assert.equal(result.latencyMs, 4 + 20 + 2);
  });
});

describe('simulateOurJob', () => {
  it('sees every job complete, never before it is done, and pays at least the finishing cost', () => {
    for (const spec of drawWorkload(99, 40).jobs) {
      const result = simulateOurJob(spec, DEFAULT_POLL_POLICY, costs);
      assert.ok(result.latencyMs >= costs.finishMs, `job ${spec.index}: ${result.latencyMs} ms`);
      assert.ok(result.statusRequests >= 1);
    }
  });

  it('uses the delay function it is given', () => {
    let calls = 0;
    const everyFiftyMs = () => {
      calls++;
      return 50;
    };
    const result = simulateOurJob(job({ queueMs: 100, processingMs: 1_000 }), undefined, costs, everyFiftyMs);
    assert.equal(result.statusRequests, calls);
    assert.ok(result.statusRequests >= 20 && result.statusRequests <= 22, `${result.statusRequests} polls`);
    assert.ok(result.latencyMs <= 50 + 4 + 20 + 2);
  });
});

describe('simulateWorkload', () => {
  it('judges the four latency targets: a 50 ms poller is fast but costs far more requests', () => {
    const { jobs } = drawWorkload(7, 40);
    const eager = simulateWorkload(jobs, undefined, costs, () => 50);
    assert.ok(eager.ours.all.p95Ms < 100);
    assert.ok(eager.ours.meanStatusRequests > 5 * eager.baseline.meanStatusRequests);
    assert.equal(eager.meetsTargets, false);
  });
});

describe('simulateOurFleet', () => {
  it('learns the run\'s bias from the jobs that finish first, as the client does', () => {
    const { bias, jobs } = drawWorkload(7, 40);
    assert.ok(bias < 0.8, `a fast run: ×${bias}`);
    const fleet = simulateOurFleet(jobs, DEFAULT_POLL_POLICY, costs);
    const alone = jobs.map((spec) => simulateOurJob(spec, DEFAULT_POLL_POLICY, costs));
    const latency = (runs: { latencyMs: number }[]) => mean(runs.map((r) => r.latencyMs));
    assert.ok(latency(fleet) < 0.7 * latency(alone), `fleet ${latency(fleet).toFixed(0)} ms vs alone ${latency(alone).toFixed(0)} ms`);
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { pick, seededRandom, uniform, uniformInt } from '../../bench/random';
import { rateLimitFloorMs } from '../../bench/rate-limit-math';
import { drawWorkload, jobPrompt, nominalProcessingMs, requestBody, timingTable } from '../../bench/workload';

describe('seededRandom', () => {
  it('repeats the same sequence for the same seed and differs for another', () => {
    const a = seededRandom(7);
    const b = seededRandom(7);
    const c = seededRandom(8);
    const seqA = [a(), a(), a()];
    assert.deepEqual([b(), b(), b()], seqA);
    assert.notDeepEqual([c(), c(), c()], seqA);
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const random = seededRandom(12345);
    const buckets = new Array<number>(10).fill(0);
    for (let i = 0; i < 10_000; i++) {
      const x = random();
      assert.ok(x >= 0 && x < 1);
      buckets[Math.floor(x * 10)]!++;
    }
    for (const count of buckets) assert.ok(count > 850 && count < 1150, `bucket count ${count}`);
  });

  it('helpers respect their bounds', () => {
    const random = seededRandom(1);
    for (let i = 0; i < 1000; i++) {
      const u = uniform(random, 2, 3);
      assert.ok(u >= 2 && u < 3);
      const n = uniformInt(random, 1, 3);
      assert.ok(n === 1 || n === 2 || n === 3);
    }
    assert.equal(pick(random, ['only']), 'only');
    assert.throws(() => pick(random, []));
  });
});

describe('nominalProcessingMs', () => {
  it('is the reference time at the reference size and steps', () => {
    assert.equal(nominalProcessingMs('stable-diffusion-3.5-large-txt2img', 30, 1024, 1024), 17_500);
    assert.equal(nominalProcessingMs('stable-diffusion-3-medium-txt2img', 25, 1024, 1024), 6_000);
  });

  it('scales with steps × megapixels', () => {
    assert.equal(nominalProcessingMs('stable-diffusion-3.5-large-txt2img', 15, 1024, 1024), 8_750);
    assert.equal(nominalProcessingMs('stable-diffusion-3-medium-txt2img', 50, 512, 512), 3_000);
    assert.equal(nominalProcessingMs('stable-diffusion-3-medium-txt2img', 25, 2048, 2048), 24_000);
  });
});

describe('drawWorkload', () => {
  const { bias, jobs } = drawWorkload(20261123, 400);
  const factor = (j: (typeof jobs)[number]) => j.processingMs / nominalProcessingMs(j.model, j.steps, j.width, j.height);

  it('is reproducible from its seed', () => {
    assert.deepEqual(drawWorkload(20261123, 400), { bias, jobs });
    assert.notDeepEqual(drawWorkload(20261124, 400), { bias, jobs });
  });

  it('keeps queue times within 0–3 s, ordinary jobs within ±15 % of the run\'s bias, outliers within 0.4–3× the formula', () => {
    for (const job of jobs) {
      assert.ok(job.queueMs >= 0 && job.queueMs <= 3_000, `queue ${job.queueMs}`);
      const [low, high] = job.outlier ? [0.4, 3] : [bias * 0.85, bias * 1.15];
      assert.ok(factor(job) >= low - 0.001 && factor(job) <= high + 0.001, `job ${job.index}: ×${factor(job)}`);
    }
  });

  it('draws one bias per run, anywhere within ±25 %, which the formula does not know', () => {
    const biases = Array.from({ length: 200 }, (_, seed) => drawWorkload(seed, 1).bias);
    assert.ok(biases.every((b) => b >= 0.75 && b <= 1.25));
    assert.ok(Math.min(...biases) < 0.78 && Math.max(...biases) > 1.22, 'the whole range');
  });

  it('makes about one job in ten an outlier, on both sides of the prediction', () => {
    const outliers = jobs.filter((j) => j.outlier);
    assert.ok(outliers.length >= 28 && outliers.length <= 52, `${outliers.length} of 400`);
    assert.ok(outliers.some((j) => factor(j) < 0.6) && outliers.some((j) => factor(j) > 2.5));
  });

  it('mixes both models evenly, spreads the per-job spread and the queue over their whole range', () => {
    const large = jobs.filter((j) => j.model === 'stable-diffusion-3.5-large-txt2img').length;
    assert.equal(large, 200);
    const ordinary = jobs.filter((j) => !j.outlier).map((j) => factor(j) / bias);
    assert.ok(Math.min(...ordinary) < 0.87 && Math.max(...ordinary) > 1.13);
    const queues = jobs.map((j) => j.queueMs);
    assert.ok(Math.min(...queues) < 200 && Math.max(...queues) > 2_800);
  });

  it('keeps the longest job (a 3× outlier of the biggest) near a minute', () => {
    for (const job of jobs) assert.ok(job.queueMs + job.processingMs < 65_000, `job ${job.index} takes ${job.queueMs + job.processingMs} ms`);
  });
});

describe('request bodies and timing table', () => {
  const [job] = drawWorkload(3, 1).jobs;

  it('uses each model\'s own parameter names', () => {
    const large = { ...job!, model: 'stable-diffusion-3.5-large-txt2img' as const };
    const medium = { ...job!, model: 'stable-diffusion-3-medium-txt2img' as const };
    assert.deepEqual(Object.keys(requestBody(large, 'p')).sort(), ['aspect_ratio', 'height', 'prompt', 'seed', 'steps', 'width']);
    assert.deepEqual(Object.keys(requestBody(medium, 'p')).sort(), ['img_height', 'img_width', 'num_inference_steps', 'prompt', 'seed']);
  });

  it('gives each fleet its own prompt with the same timing', () => {
    const table = timingTable(['ours', 'baseline'], [job!]);
    assert.notEqual(jobPrompt('ours', job!), jobPrompt('baseline', job!));
    assert.deepEqual(table[jobPrompt('ours', job!)], { queueMs: job!.queueMs, processingMs: job!.processingMs });
    assert.deepEqual(table[jobPrompt('baseline', job!)], table[jobPrompt('ours', job!)]);
  });
});

describe('rateLimitFloorMs', () => {
  it('is nine full windows plus one job for 50 jobs at 5 per window', () => {
    assert.equal(rateLimitFloorMs(50, 5, 10_000, 300), 90_300);
    assert.equal(rateLimitFloorMs(51, 5, 10_000, 300), 100_300);
    assert.equal(rateLimitFloorMs(5, 5, 10_000, 300), 300);
    assert.equal(rateLimitFloorMs(0, 5, 10_000, 300), 0);
  });
});

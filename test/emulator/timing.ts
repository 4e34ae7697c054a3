// Job timing: a seeded PRNG and a "behaves like the real service" timing model for benchmarks.
import { SERVER_MODELS, SD35L, planRender } from './models';
import type { EmulatorJob } from './types';

/** mulberry32: a tiny seeded PRNG returning floats in [0, 1). Deterministic for a given seed. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Processing time without jitter: the page's reference duration (SD 3.5 Large 1024², 30 steps = 17.5 s;
 * SD 3 Medium 1024², 25 steps = 6 s) scaled by steps × total megapixels (all images of the batch).
 */
export function referenceProcessingMs(job: Pick<EmulatorJob, 'model' | 'params'>): number {
  const model = SERVER_MODELS.get(job.model) ?? SD35L;
  const plan = planRender(model, job.params, () => 0);
  const megapixels = (plan.width * plan.height * plan.count) / (1024 * 1024);
  return model.reference.ms * (plan.steps / model.reference.steps) * (megapixels / model.reference.megapixels);
}

export interface RealisticTimingOptions {
  /** Uniform queue wait upper bound; default 3000 ms (lower bound 0). */
  maxQueueMs?: number;
  /** Uniform relative jitter on processing; default 0.1 (±10%). */
  jitter?: number;
}

/**
 * Timing functions for EmulatorOptions that behave like the real service: queue 0–3 s uniform, processing
 * = referenceProcessingMs × (1 ± 10%) uniform. Queue and processing draw from separate seeded streams, so
 * the n-th job gets the same durations whatever order the calls interleave in.
 */
export function realisticTiming(seed: number, options: RealisticTimingOptions = {}): {
  queueMs: (job: EmulatorJob) => number;
  processingMs: (job: EmulatorJob) => number;
} {
  const maxQueueMs = options.maxQueueMs ?? 3000;
  const jitter = options.jitter ?? 0.1;
  const queueRandom = mulberry32(seed);
  const processingRandom = mulberry32(seed ^ 0x9e3779b9);
  return {
    queueMs: () => Math.round(queueRandom() * maxQueueMs),
    processingMs: (job) => Math.round(referenceProcessingMs(job) * (1 - jitter + 2 * jitter * processingRandom())),
  };
}

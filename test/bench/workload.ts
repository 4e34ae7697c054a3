// The issue's fixed, seeded workload: job parameters and how long the emulator takes for each.
// Durations are defined here, independently of the client's catalog, so tuning the client
// can never change the workload it is measured on.
import { pick, seededRandom, uniform } from './random';

export type BenchModel = 'stable-diffusion-3.5-large-txt2img' | 'stable-diffusion-3-medium-txt2img';

/** Processing time at 1024×1024 and the reference step count (the model pages' averages). */
export const REFERENCE_TIMING: Readonly<Record<BenchModel, { readonly ms: number; readonly steps: number }>> = {
  'stable-diffusion-3.5-large-txt2img': { ms: 17_500, steps: 30 },
  'stable-diffusion-3-medium-txt2img': { ms: 6_000, steps: 25 },
};

const MEGAPIXEL_1024 = 1024 * 1024;

/** Processing time without jitter: the reference time scaled by steps × megapixels. */
export function nominalProcessingMs(model: BenchModel, steps: number, width: number, height: number): number {
  const ref = REFERENCE_TIMING[model];
  return ref.ms * (steps / ref.steps) * ((width * height) / MEGAPIXEL_1024);
}

export interface BenchJobSpec {
  readonly index: number;
  readonly model: BenchModel;
  readonly width: number;
  readonly height: number;
  readonly steps: number;
  /** Seed sent to the API (makes the emulator's image deterministic). */
  readonly imageSeed: number;
  readonly queueMs: number;
  readonly nominalProcessingMs: number;
  /** nominal × uniform(0.9, 1.1). */
  readonly processingMs: number;
}

export interface WorkloadShape {
  readonly sizes: Readonly<Record<BenchModel, readonly (readonly [number, number])[]>>;
  readonly steps: Readonly<Record<BenchModel, readonly number[]>>;
  readonly queueMs: readonly [number, number];
  readonly jitter: number;
}

/**
 * Issue 7's workload: the two models alternate (an even mix whatever the seed), sizes around
 * one megapixel (1024² twice as likely),
 * a few step counts around each default, queue 0–3 s, ±10% jitter. The longest job stays
 * under ~25 s so one fleet takes about that long.
 */
export const ISSUE_WORKLOAD: WorkloadShape = {
  sizes: {
    'stable-diffusion-3.5-large-txt2img': [[1024, 1024], [1024, 1024], [896, 1152], [1152, 896], [832, 1216], [1344, 768]],
    'stable-diffusion-3-medium-txt2img': [[1024, 1024], [1024, 1024], [768, 1344], [1216, 832], [512, 512]],
  },
  steps: {
    'stable-diffusion-3.5-large-txt2img': [20, 25, 30, 30, 35],
    'stable-diffusion-3-medium-txt2img': [20, 25, 25, 30, 40],
  },
  queueMs: [0, 3_000],
  jitter: 0.1,
};

/** Draws `count` jobs; the same seed always gives the same list. */
export function drawWorkload(seed: number, count: number, shape: WorkloadShape = ISSUE_WORKLOAD): BenchJobSpec[] {
  const random = seededRandom(seed);
  const jobs: BenchJobSpec[] = [];
  for (let index = 0; index < count; index++) {
    const model: BenchModel = index % 2 === 0 ? 'stable-diffusion-3.5-large-txt2img' : 'stable-diffusion-3-medium-txt2img';
    const [width, height] = pick(random, shape.sizes[model]);
    const steps = pick(random, shape.steps[model]);
    const queueMs = Math.round(uniform(random, shape.queueMs[0], shape.queueMs[1]));
    const nominal = nominalProcessingMs(model, steps, width, height);
    const processingMs = Math.round(nominal * uniform(random, 1 - shape.jitter, 1 + shape.jitter));
    const imageSeed = Math.floor(random() * 1_000_000_000);
    jobs.push({ index, model, width, height, steps, imageSeed, queueMs, nominalProcessingMs: Math.round(nominal), processingMs });
  }
  return jobs;
}

/** The request body each model's API expects for a job (its own parameter names). */
export function requestBody(job: BenchJobSpec, prompt: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  if (job.model === 'stable-diffusion-3.5-large-txt2img') {
    return { prompt, steps: job.steps, aspect_ratio: 'custom', width: job.width, height: job.height, seed: job.imageSeed, ...extra };
  }
  return { prompt, num_inference_steps: job.steps, img_width: job.width, img_height: job.height, seed: job.imageSeed, ...extra };
}

/** A prompt that names the fleet and job, so the emulator can look up the job's timing by prompt. */
export function jobPrompt(fleet: string, job: BenchJobSpec): string {
  return `bench ${fleet} #${job.index}: a lighthouse on a cliff at dusk, ${job.width}x${job.height}`;
}

/** Timing table keyed by prompt, for the emulator host. */
export type TimingTable = Record<string, { readonly queueMs: number; readonly processingMs: number }>;

export function timingTable(fleets: readonly string[], jobs: readonly BenchJobSpec[]): TimingTable {
  const table: TimingTable = {};
  for (const fleet of fleets) {
    for (const job of jobs) table[jobPrompt(fleet, job)] = { queueMs: job.queueMs, processingMs: job.processingMs };
  }
  return table;
}

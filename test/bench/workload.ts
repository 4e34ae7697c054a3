// The issue's fixed, seeded workload: job parameters and how long the emulator takes for each.
// Durations are defined here, independently of the client's catalog, so tuning the client
// can never change the workload it is measured on. They stray from the formula the client
// predicts with (issue 12): a per-run bias, a per-job spread and outliers, none of which the
// client is told.
import { pick, seededRandom, uniform } from './random';

export type BenchModel = 'stable-diffusion-3.5-large-txt2img' | 'stable-diffusion-3-medium-txt2img';

/** Processing time at 1024×1024 and the reference step count (the model pages' averages). */
export const REFERENCE_TIMING: Readonly<Record<BenchModel, { readonly ms: number; readonly steps: number }>> = {
  'stable-diffusion-3.5-large-txt2img': { ms: 17_500, steps: 30 },
  'stable-diffusion-3-medium-txt2img': { ms: 6_000, steps: 25 },
};

const MEGAPIXEL_1024 = 1024 * 1024;

/** The formula's processing time (the client's prediction too): the reference time scaled by steps × megapixels. */
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
  /** What the emulator takes: nominal × the run's bias × the job's spread, or nominal × an outlier factor. */
  readonly processingMs: number;
  readonly outlier: boolean;
}

/** How real durations stray from the formula. Factors multiply the formula's time; all uniform. */
export interface DurationModel {
  /** The run's bias lies in [1 − maxBias, 1 + maxBias]: other hardware, other load. */
  readonly maxBias: number;
  /** Each ordinary job lies within ±spread of the biased time. */
  readonly spread: number;
  /** Share of outliers, drawn from outlierRange of the formula's time whatever the bias. */
  readonly outlierShare: number;
  readonly outlierRange: readonly [number, number];
}

export interface WorkloadShape {
  readonly sizes: Readonly<Record<BenchModel, readonly (readonly [number, number])[]>>;
  readonly steps: Readonly<Record<BenchModel, readonly number[]>>;
  readonly queueMs: readonly [number, number];
  readonly durations: DurationModel;
}

export interface Workload {
  /** The run's bias factor (ordinary jobs centre on nominal × bias). */
  readonly bias: number;
  readonly jobs: BenchJobSpec[];
}

/**
 * Issue 7's jobs with issue 12's durations: the two models alternate (an even mix whatever the
 * seed), sizes around one megapixel (1024² twice as likely), a few step counts around each
 * default, queue 0–3 s; a run bias up to ±25 %, ±15 % per job around it, 10 % outliers at
 * 0.4–3× the formula.
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
  durations: { maxBias: 0.25, spread: 0.15, outlierShare: 0.1, outlierRange: [0.4, 3] },
};

/** Draws `count` jobs; the same seed always gives the same workload. */
export function drawWorkload(seed: number, count: number, shape: WorkloadShape = ISSUE_WORKLOAD): Workload {
  const random = seededRandom(seed);
  const { maxBias, spread, outlierShare, outlierRange } = shape.durations;
  const bias = uniform(random, 1 - maxBias, 1 + maxBias);
  const jobs: BenchJobSpec[] = [];
  for (let index = 0; index < count; index++) {
    const model: BenchModel = index % 2 === 0 ? 'stable-diffusion-3.5-large-txt2img' : 'stable-diffusion-3-medium-txt2img';
    const [width, height] = pick(random, shape.sizes[model]);
    const steps = pick(random, shape.steps[model]);
    const queueMs = Math.round(uniform(random, shape.queueMs[0], shape.queueMs[1]));
    const nominal = nominalProcessingMs(model, steps, width, height);
    const outlier = random() < outlierShare;
    const factor = outlier ? uniform(random, outlierRange[0], outlierRange[1]) : bias * uniform(random, 1 - spread, 1 + spread);
    const imageSeed = Math.floor(random() * 1_000_000_000);
    jobs.push({ index, model, width, height, steps, imageSeed, queueMs, nominalProcessingMs: Math.round(nominal), processingMs: Math.round(nominal * factor), outlier });
  }
  return { bias, jobs };
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

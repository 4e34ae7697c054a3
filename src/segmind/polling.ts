// When to ask for a job's status next: a pure policy plus the processing-time predictor it relies on.
// Segmind's SDK polls every second (≈0.5 s added latency, one request per second of job). We spend
// about the same number of requests but place them where the job is likely to finish: sparse while
// queued, asleep through most of the processing, dense across the predicted finish window.
import { stepCount, imageCount, outputSize, type ModelSpec } from './catalog';

export type PollPhase = 'QUEUED' | 'PROCESSING';

export interface PollObservation {
  readonly phase: PollPhase;
  readonly sinceSubmitMs: number;
  /** PROCESSING only: ms since the earliest moment processing may have begun (the last QUEUED poll was sent). */
  readonly sinceProcessingEarliestMs?: number;
  /** PROCESSING only: ms since the latest moment it may have begun (the first PROCESSING reply arrived). */
  readonly sinceProcessingLatestMs?: number;
  /** Predicted processing time; absent when nothing is known about the job. */
  readonly expectedProcessingMs?: number;
  /** Relative half-width of the processing time's uncertainty (0.12 = ±12 %). */
  readonly spread?: number;
  /** Status requests already made for this job. */
  readonly pollsSoFar: number;
  /** Time left before the overall deadline. */
  readonly remainingMs: number;
}

export interface PollPolicy {
  readonly queueIntervalMs: number;
  /** After this long in the queue, queue polls back off geometrically up to queueMaxIntervalMs. */
  readonly queueBackoffAfterMs: number;
  readonly queueMaxIntervalMs: number;
  readonly minIntervalMs: number;
  /** No single sleep is longer: bounds the damage of a prediction that is far too pessimistic. */
  readonly maxIntervalMs: number;
  /**
   * Requests per second of expected job time that may be placed in the finish window. A job ends on
   * average part-way through the window, so 1.35 here costs a little under one request per second.
   */
  readonly requestsPerSecond: number;
  /** Past the window (prediction too short): next gap = overrun × this, so polls thin out geometrically. */
  readonly overrunBackoff: number;
  readonly defaultSpread: number;
  /**
   * The first poll of the finish window waits until the job is done with this probability. Its first
   * stretch holds few finishes, yet every job pays for polls placed there; later polls are paid only
   * by the jobs still running.
   */
  readonly windowStartQuantile: number;
  /** Polls allowed on top of requestsPerSecond × job time (short jobs need a few to see the start). */
  readonly budgetBaseRequests: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  queueIntervalMs: 800,
  queueBackoffAfterMs: 5_000,
  queueMaxIntervalMs: 2_000,
  minIntervalMs: 50,
  maxIntervalMs: 5_000,
  requestsPerSecond: 1.35,
  overrunBackoff: 0.5,
  defaultSpread: 0.12,
  // Tuned with test/bench/poll-sim.main.ts over 200 seeded workloads of issue 7 (see test/bench/README.md).
  windowStartQuantile: 0.1,
  budgetBaseRequests: 2,
};

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Milliseconds to wait before the next status request. Pure. */
export function nextPollDelay(obs: PollObservation, policy: PollPolicy = DEFAULT_POLL_POLICY): number {
  return Math.max(0, Math.min(rawDelay(obs, policy), obs.remainingMs));
}

function rawDelay(obs: PollObservation, policy: PollPolicy): number {
  if (obs.phase === 'QUEUED') {
    // A short job is worth a closer look at its start: a quarter of its expected run, at most the interval.
    const base = obs.expectedProcessingMs && obs.expectedProcessingMs > 0
      ? clamp(obs.expectedProcessingMs / 4, 100, policy.queueIntervalMs)
      : policy.queueIntervalMs;
    const over = obs.sinceSubmitMs - policy.queueBackoffAfterMs;
    return over <= 0 ? base : clamp(base + over * 0.25, base, policy.queueMaxIntervalMs);
  }
  const expected = obs.expectedProcessingMs;
  const earliest = obs.sinceProcessingEarliestMs ?? obs.sinceSubmitMs;
  const latest = Math.min(obs.sinceProcessingLatestMs ?? 0, earliest);
  if (expected === undefined || !(expected > 0)) {
    // Nothing to predict from: start brisk, then thin out with the time already spent.
    return clamp(earliest * 0.1, 200, 1_000);
  }
  const spread = obs.spread ?? policy.defaultSpread;
  // Relative to now, processing began in [-earliest, -latest] and runs [shortest, longest]; so the
  // finish lies in [opens, closes], most likely in the middle (the sum of two uniforms: a trapezoid).
  const window: FinishWindow = { s0: -earliest, s1: -latest, p0: expected * (1 - spread), p1: expected * (1 + spread) };
  const opens = window.s0 + window.p0;
  const closes = window.s1 + window.p1;
  const firstPoll = finishQuantile(window, policy.windowStartQuantile);
  if (firstPoll > policy.minIntervalMs) return Math.min(firstPoll, policy.maxIntervalMs);
  if (closes > 0) {
    const budget = Math.max(1, ((obs.sinceSubmitMs + closes) / 1000) * policy.requestsPerSecond + policy.budgetBaseRequests - obs.pollsSoFar);
    return clamp(densityGap(window, Math.max(0, opens), closes, budget), policy.minIntervalMs, Math.min(closes + policy.minIntervalMs, policy.maxIntervalMs));
  }
  return clamp(-closes * policy.overrunBackoff, policy.minIntervalMs, policy.queueMaxIntervalMs);
}

/** Processing start uniform in [s0, s1], duration uniform in [p0, p1] (ms, relative to now). */
interface FinishWindow { readonly s0: number; readonly s1: number; readonly p0: number; readonly p1: number }

/** Probability density (per ms) that the job finishes at t. */
export function finishDensity(w: FinishWindow, t: number): number {
  const startWidth = w.s1 - w.s0;
  const runWidth = w.p1 - w.p0;
  if (runWidth <= 0) return 0;
  if (startWidth < 1) return t - w.s0 >= w.p0 && t - w.s0 <= w.p1 ? 1 / runWidth : 0;
  const overlap = Math.min(w.s1, t - w.p0) - Math.max(w.s0, t - w.p1);
  return overlap > 0 ? overlap / (startWidth * runWidth) : 0;
}

/** The time (ms from now) by which the job has finished with probability `q`, from finishDensity. */
export function finishQuantile(w: FinishWindow, q: number): number {
  const from = w.s0 + w.p0;
  const to = w.s1 + w.p1;
  const steps = 128;
  const dt = (to - from) / steps;
  const mass: number[] = [];
  let total = 0;
  for (let i = 0; i < steps; i++) {
    const m = finishDensity(w, from + (i + 0.5) * dt) * dt;
    mass.push(m);
    total += m;
  }
  if (!(total > 0) || q <= 0) return from;
  let below = 0;
  for (let i = 0; i < steps; i++) {
    below += mass[i] ?? 0;
    if (below >= q * total) return from + (i + 1) * dt;
  }
  return to;
}

/**
 * Next gap when `budget` polls may be spread over [from, to]: gaps ∝ 1/√density minimise the mean
 * delay for a given number of polls, so polls crowd where the finish is likely and thin out at the edges.
 */
function densityGap(w: FinishWindow, from: number, to: number, budget: number): number {
  const steps = 32;
  const dt = (to - from) / steps;
  let rootMass = 0;
  for (let i = 0; i < steps; i++) rootMass += Math.sqrt(finishDensity(w, from + (i + 0.5) * dt)) * dt;
  const k = rootMass / budget;
  let gap = (to - from) / budget;
  for (let i = 0; i < 4; i++) {
    const density = finishDensity(w, Math.min(to, from + gap / 2));
    gap = density > 0 ? k / Math.sqrt(density) : gap * 1.5;
  }
  return gap;
}

/** One finished job: what we predicted for it (before history) and how long the server took. */
export interface DurationSample { readonly baseMs: number; readonly actualMs: number }

export interface ProcessingPrediction { readonly expectedMs: number; readonly spread: number }

/** Reference size of the pages' timings: 1024×1024. */
const REFERENCE_PIXELS = 1024 * 1024;

/**
 * Processing time from the model's reference timing, scaled by steps × megapixels (× image count).
 * The pages time 1024×1024 at the default steps.
 */
export function baseProcessingMs(model: ModelSpec, params: Record<string, unknown>): number {
  const refSteps = Number(model.parameters.find((p) => p.name === model.stepsParam)?.default ?? 30);
  const { width, height } = outputSize(model, params);
  const scale = (stepCount(model, params) / refSteps) * ((width * height) / REFERENCE_PIXELS) * imageCount(model, params);
  return model.referenceSeconds * 1000 * scale;
}

/** How many recent samples count: the service's speed drifts. */
const HISTORY_WINDOW = 20;

/**
 * Refine a base prediction with earlier jobs: the median ratio actual/base corrects a systematically
 * faster or slower service; the ratios' spread (once there are enough) replaces the default spread.
 */
export function predictProcessing(
  baseMs: number,
  history: readonly DurationSample[],
  defaultSpread: number = DEFAULT_POLL_POLICY.defaultSpread,
): ProcessingPrediction {
  const ratios = history.slice(-HISTORY_WINDOW).filter((s) => s.baseMs > 0 && s.actualMs > 0).map((s) => s.actualMs / s.baseMs);
  if (ratios.length === 0) return { expectedMs: baseMs, spread: defaultSpread };
  const sorted = [...ratios].sort((a, b) => a - b);
  const mid = sorted.length / 2;
  const median = sorted.length % 2 ? sorted[Math.floor(mid)] ?? 1 : ((sorted[mid - 1] ?? 1) + (sorted[mid] ?? 1)) / 2;
  // Few samples: trust them only part-way (a prior of two "as documented" jobs).
  const center = ratios.length >= 3 ? median : (2 + ratios.reduce((a, b) => a + b, 0)) / (2 + ratios.length);
  const deviation = Math.max(...ratios.map((r) => Math.abs(r / center - 1)));
  const spread = ratios.length >= 5 ? clamp(deviation * 1.1, 0.04, 0.5) : Math.max(defaultSpread, clamp(deviation, 0, 0.5));
  return { expectedMs: baseMs * center, spread };
}

/** Keeps the last durations in memory for predictProcessing (one per client). */
export class DurationHistory {
  private readonly samples: DurationSample[] = [];
  add(sample: DurationSample): void {
    if (!(sample.baseMs > 0 && sample.actualMs > 0)) return;
    this.samples.push(sample);
    if (this.samples.length > HISTORY_WINDOW) this.samples.shift();
  }
  get all(): readonly DurationSample[] { return this.samples; }
}

// When to ask for a job's status next: a pure policy plus the processing-time predictor it relies on.
// Segmind's SDK polls every second (≈0.5 s added latency, one request per second of job). We spend
// no more requests than that, placed where a job still running is likely to finish: sparse while it
// cannot be, dense across the predicted finish window. Two bounds hold whatever the predictor says:
// no gap is longer than maxIntervalMs (a job that ends early is still seen soon) and a job never
// sends more than a fixed 1 s poll would plus burstRequests (a job that runs long costs no more).
import { stepCount, imageCount, outputSize, type ModelSpec } from '../shared/catalog';

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
  readonly minIntervalMs: number;
  /**
   * No gap is longer, whatever the prediction says: a job that ends far sooner than predicted is
   * still seen within this, so its file lands within about this plus the download.
   */
  readonly maxIntervalMs: number;
  /**
   * What one status request is worth in milliseconds of a user's wait. Polls are placed with a
   * density of √(hazard ÷ 2 × this) (Keller's checking schedule): dense where a job still running is
   * likely to finish soon, sparse where it is not.
   */
  readonly requestCostMs: number;
  /** Share of jobs assumed to run well past their predicted window: keeps polling brisk just after it. */
  readonly overrunShare: number;
  /** How far past its expected finish such a job runs, as a share of the expected time (a heavy tail). */
  readonly overrunScale: number;
  readonly defaultSpread: number;
  /**
   * The whole-job cap, whatever the predictor believes: request k waits until k ≤ 1 + elapsed s +
   * this. A fixed 1 s poll sends 1 + elapsed s, so no job ever costs more than this many requests over it.
   */
  readonly burstRequests: number;
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  // A queue poll only tells when processing began, which narrows the finish window a little.
  queueIntervalMs: 1_200,
  minIntervalMs: 50,
  // Issue 12's bound is completion → file ≤ 1.5 s: this gap, plus 300 ms for the status round trip,
  // the result, the download and the save.
  maxIntervalMs: 1_200,
  // Tuned with test/bench/poll-sim.main.ts over 200 seeded workloads of issue 12 (see test/bench/README.md).
  requestCostMs: 50,
  overrunShare: 0.1,
  overrunScale: 0.3,
  defaultSpread: 0.12,
  // One under issue 12's +5: a status request retried after a network error counts too.
  burstRequests: 3,
};

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** Milliseconds to wait before the next status request: never more than maxIntervalMs. Pure. */
export function nextPollDelay(obs: PollObservation, policy: PollPolicy = DEFAULT_POLL_POLICY): number {
  const delay = Math.min(Math.max(rawDelay(obs, policy), budgetWaitMs(obs, policy)), policy.maxIntervalMs);
  return Math.max(0, Math.min(delay, obs.remainingMs));
}

/**
 * How long the next request must wait to keep the job within its whole-job budget. While every
 * earlier request kept to it, that is at most a second after the previous one, within
 * maxIntervalMs (≥ 1 s). A job already over (its caller polled on its own) polls once per
 * maxIntervalMs, so it falls no further behind.
 */
function budgetWaitMs(obs: PollObservation, policy: PollPolicy): number {
  return (obs.pollsSoFar - policy.burstRequests) * 1000 - obs.sinceSubmitMs;
}

function rawDelay(obs: PollObservation, policy: PollPolicy): number {
  if (obs.phase === 'QUEUED') {
    // A short job is worth a closer look at its start: a quarter of its expected run, at most the interval.
    return obs.expectedProcessingMs && obs.expectedProcessingMs > 0
      ? clamp(obs.expectedProcessingMs / 4, 100, policy.queueIntervalMs)
      : policy.queueIntervalMs;
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
  return checkingGap({ window, tailMs: expected * policy.overrunScale }, policy);
}

/** Processing start uniform in [s0, s1], duration uniform in [p0, p1] (ms, relative to now). */
interface FinishWindow { readonly s0: number; readonly s1: number; readonly p0: number; readonly p1: number }

/**
 * When the job finishes, relative to now: in the window as predicted, or (overrunShare of jobs) on a
 * heavy tail past the expected finish, scale tailMs.
 */
interface FinishModel { readonly window: FinishWindow; readonly tailMs: number }

/**
 * Keller's optimal checking schedule: poll density √(h ÷ 2c) where h is the hazard (the chance per ms
 * that a job still running finishes now) and c the cost of one request. The next poll goes out once
 * that density has added up to one request since now.
 */
function checkingGap(model: FinishModel, policy: PollPolicy): number {
  const { window: w, tailMs } = model;
  const expectedFinish = (w.s0 + w.s1 + w.p0 + w.p1) / 2;
  const share = policy.overrunShare;
  const step = 10;
  let owed = 0;
  for (let t = step / 2; t < policy.maxIntervalMs; t += step) {
    const past = Math.max(0, t - expectedFinish);
    const tailSurvival = tailMs / (tailMs + past);
    const density = (1 - share) * finishDensity(w, t) + (past > 0 ? share * (tailSurvival ** 2 / tailMs) : 0);
    const survival = (1 - share) * (1 - finishProbability(w, t)) + share * tailSurvival;
    const hazard = survival > 0 ? density / survival : 0;
    owed += clamp(Math.sqrt(hazard / (2 * policy.requestCostMs)), 1 / policy.maxIntervalMs, 1 / policy.minIntervalMs) * step;
    if (owed >= 1) return t + step / 2;
  }
  return policy.maxIntervalMs;
}

/** Probability density (per ms) that the job finishes at t. */
export function finishDensity(w: FinishWindow, t: number): number {
  const startWidth = w.s1 - w.s0;
  const runWidth = w.p1 - w.p0;
  if (runWidth <= 0) return 0;
  if (startWidth < 1) return t - w.s0 >= w.p0 && t - w.s0 <= w.p1 ? 1 / runWidth : 0;
  const overlap = Math.min(w.s1, t - w.p0) - Math.max(w.s0, t - w.p1);
  return overlap > 0 ? overlap / (startWidth * runWidth) : 0;
}

/** Probability that the job has finished by t: the integral of finishDensity, in closed form. */
export function finishProbability(w: FinishWindow, t: number): number {
  const startWidth = w.s1 - w.s0;
  const runWidth = w.p1 - w.p0;
  if (runWidth <= 0) return t >= w.s0 + w.p0 ? 1 : 0;
  if (startWidth < 1) return clamp((t - w.s0 - w.p0) / runWidth, 0, 1);
  // The area of {start + run ≤ t} in the start × run rectangle, by inclusion–exclusion of corner triangles.
  const corner = (x: number) => (x > 0 ? (x * x) / 2 : 0);
  const area = corner(t - w.s0 - w.p0) - corner(t - w.s1 - w.p0) - corner(t - w.s0 - w.p1) + corner(t - w.s1 - w.p1);
  return clamp(area / (startWidth * runWidth), 0, 1);
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
  // Few samples: trust them only part-way (a prior of two "as documented" jobs).
  const center = ratios.length >= 3 ? quantile(ratios, 0.5) : (2 + ratios.reduce((a, b) => a + b, 0)) / (2 + ratios.length);
  // The half-width of an even spread, from its 80th percentile: the odd job far off (an outlier)
  // does not widen every later window; the poll bounds take care of it.
  const observed = quantile(ratios.map((r) => Math.abs(r / center - 1)), 0.8) / 0.8;
  const spread = ratios.length >= 5 ? clamp(observed, 0.04, 0.5) : Math.max(defaultSpread, clamp(observed, 0, 0.5));
  return { expectedMs: baseMs * center, spread };
}

/** The q-quantile (0–1) of a non-empty list, interpolating between the closest ranks. */
function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = q * (sorted.length - 1);
  const low = sorted[Math.floor(rank)] ?? 0;
  const high = sorted[Math.ceil(rank)] ?? low;
  return low + (high - low) * (rank - Math.floor(rank));
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

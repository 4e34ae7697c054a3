// The figures issue 12 judges a poller by, from per-job measures: latency spread for the whole
// set and for the outliers, and each job's status requests against its whole-job budget.
// Shared by the real latency run and the simulation, so both report the same thing.
import { mean, percentile } from './stats';

export interface JobMeasure {
  /** Completion → file in place. */
  readonly latencyMs: number;
  readonly statusRequests: number;
  /** Submit → the last status request (the one that saw the job done), server clock. */
  readonly elapsedMs: number;
  /** The workload drew this job's duration as an outlier. */
  readonly outlier: boolean;
}

/** Requests over a fixed 1 s poll's ⌈elapsed s⌉ that any job may send (issue 12). */
export const REQUEST_BUDGET_SLACK = 5;

/** The whole-job budget: what a fixed 1 s poll sends, plus the slack. */
export function requestBudget(elapsedMs: number): number {
  return Math.ceil(elapsedMs / 1000) + REQUEST_BUDGET_SLACK;
}

export interface LatencySpread {
  readonly count: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

export interface FleetFigures {
  readonly all: LatencySpread;
  readonly outliers: LatencySpread;
  readonly meanStatusRequests: number;
  /** The highest status requests ÷ elapsed seconds of any job. */
  readonly worstRequestsPerSecond: number;
  /** The highest requests − budget of any job: ≤ 0 when every job kept its budget. */
  readonly worstOverBudget: number;
}

export function latencySpread(latenciesMs: readonly number[]): LatencySpread {
  return {
    count: latenciesMs.length,
    p50Ms: percentile(latenciesMs, 50),
    p95Ms: percentile(latenciesMs, 95),
    maxMs: latenciesMs.length ? Math.max(...latenciesMs) : Number.NaN,
  };
}

export function fleetFigures(jobs: readonly JobMeasure[]): FleetFigures {
  const worst = (values: number[]) => (values.length ? Math.max(...values) : Number.NaN);
  return {
    all: latencySpread(jobs.map((j) => j.latencyMs)),
    outliers: latencySpread(jobs.filter((j) => j.outlier).map((j) => j.latencyMs)),
    meanStatusRequests: mean(jobs.map((j) => j.statusRequests)),
    // Under a second, even a fixed 1 s poll sends two requests: count such a job as one second, not as a burst.
    worstRequestsPerSecond: worst(jobs.map((j) => j.statusRequests / Math.max(1, j.elapsedMs / 1000))),
    worstOverBudget: worst(jobs.map((j) => j.statusRequests - requestBudget(j.elapsedMs))),
  };
}

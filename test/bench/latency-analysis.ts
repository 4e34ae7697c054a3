// Joins what the fleets saw (file written at) with what the emulator saw (completed at, polls).
import type { EmulatorJob } from '../emulator/types';
import { mean, percentile } from './stats';

export interface JobOutcome {
  readonly fleet: string;
  readonly index: number;
  readonly model: string;
  readonly requestId?: string;
  /** Date.now() once the last image is in place under its name. */
  readonly fileWrittenAt?: number;
  readonly files: readonly string[];
  readonly error?: string;
}

export interface FleetLatency {
  readonly fleet: string;
  readonly jobs: number;
  readonly failed: number;
  /** fileWrittenAt − emulator completedAt, per successful job, in job order. */
  readonly latenciesMs: number[];
  readonly statusRequests: number[];
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly meanStatusRequests: number;
}

export function fleetLatency(fleet: string, outcomes: readonly JobOutcome[], emulatorJobs: readonly EmulatorJob[]): FleetLatency {
  const byId = new Map(emulatorJobs.map((j) => [j.requestId, j]));
  const mine = outcomes.filter((o) => o.fleet === fleet);
  const latenciesMs: number[] = [];
  const statusRequests: number[] = [];
  let failed = 0;
  for (const outcome of mine) {
    const job = outcome.requestId === undefined ? undefined : byId.get(outcome.requestId);
    if (outcome.error !== undefined || outcome.fileWrittenAt === undefined || !job) {
      failed++;
      continue;
    }
    latenciesMs.push(outcome.fileWrittenAt - job.completedAt);
    statusRequests.push(job.statusRequests);
  }
  return {
    fleet,
    jobs: mine.length,
    failed,
    latenciesMs,
    statusRequests,
    p50Ms: percentile(latenciesMs, 50),
    p95Ms: percentile(latenciesMs, 95),
    maxMs: latenciesMs.length ? Math.max(...latenciesMs) : Number.NaN,
    meanStatusRequests: mean(statusRequests),
  };
}

// Joins what the fleets saw (file written at) with what the emulator saw (completed at, polls).
import type { EmulatorJob } from '../emulator/types';
import { fleetFigures, type FleetFigures, type JobMeasure } from './fleet-figures';

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
  /** Per successful job, in job order: what issue 12 judges a poller by. */
  readonly measures: JobMeasure[];
  readonly figures: FleetFigures;
}

/** What the emulator knows beyond its jobs: when status requests arrived, and which jobs are outliers. */
export interface FleetContext {
  /** Emulator-clock arrival times of each job's status requests, by request id. */
  readonly statusPollTimes?: Readonly<Record<string, readonly number[]>>;
  readonly isOutlier?: (index: number) => boolean;
}

export function fleetLatency(fleet: string, outcomes: readonly JobOutcome[], emulatorJobs: readonly EmulatorJob[], context: FleetContext = {}): FleetLatency {
  const byId = new Map(emulatorJobs.map((j) => [j.requestId, j]));
  const mine = outcomes.filter((o) => o.fleet === fleet);
  const measures: JobMeasure[] = [];
  let failed = 0;
  for (const outcome of mine) {
    const job = outcome.requestId === undefined ? undefined : byId.get(outcome.requestId);
    if (outcome.error !== undefined || outcome.fileWrittenAt === undefined || !job) {
      failed++;
      continue;
    }
    // Without the poll times, the job's last status request came no sooner than its completion.
    const lastPollAt = context.statusPollTimes?.[job.requestId]?.at(-1) ?? job.completedAt;
    measures.push({
      latencyMs: outcome.fileWrittenAt - job.completedAt,
      statusRequests: job.statusRequests,
      elapsedMs: lastPollAt - job.submittedAt,
      outlier: context.isOutlier?.(outcome.index) ?? false,
    });
  }
  const figures = fleetFigures(measures);
  return {
    fleet,
    jobs: mine.length,
    failed,
    latenciesMs: measures.map((m) => m.latencyMs),
    statusRequests: measures.map((m) => m.statusRequests),
    p50Ms: figures.all.p50Ms,
    p95Ms: figures.all.p95Ms,
    maxMs: figures.all.maxMs,
    meanStatusRequests: figures.meanStatusRequests,
    measures,
    figures,
  };
}

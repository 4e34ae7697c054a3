// Replays the latency workload against the client's poll policy in simulated time: no server,
// no sleeping, thousands of jobs per second. Mirrors SegmindClient.waitIn's loop (what it
// observes and when), so a policy can be tuned over many seeds before a real run confirms it.
import { MODELS, type ModelSlug } from '../../src/segmind/catalog';
import { baseProcessingMs, nextPollDelay, predictProcessing, type PollObservation, type PollPolicy } from '../../src/segmind/polling';
import { percentile, mean } from './stats';
import { requestBody, type BenchJobSpec } from './workload';

export interface SimulationCosts {
  /** One status round trip (request sent → reply read). */
  readonly rttMs: number;
  /** From the COMPLETED reply to the file written: result, download, metadata, save. */
  readonly finishMs: number;
  /** The SDK-style client's poll period. */
  readonly baselineIntervalMs: number;
}

export const DEFAULT_COSTS: SimulationCosts = { rttMs: 4, finishMs: 20, baselineIntervalMs: 1_000 };

export interface SimulatedJob {
  readonly latencyMs: number;
  readonly polls: number;
}

/** A poll policy as the client calls it; defaults to the client's own nextPollDelay. */
export type DelayFunction = (obs: PollObservation, policy?: PollPolicy) => number;

/** One job through our client's loop; time 0 = the submit reply (the server saw the submit rtt/2 earlier). */
export function simulateOurJob(job: BenchJobSpec, policy: PollPolicy | undefined, costs: SimulationCosts = DEFAULT_COSTS, delayFn: DelayFunction = nextPollDelay): SimulatedJob {
  const serverSubmit = -costs.rttMs / 2;
  const processingAt = serverSubmit + job.queueMs;
  const completedAt = processingAt + job.processingMs;
  const statusAt = (t: number) => (t < processingAt ? 'QUEUED' : t < completedAt ? 'PROCESSING' : 'COMPLETED');
  const prediction = predictProcessing(baseProcessingMs(MODELS[job.model as ModelSlug], requestBody(job, 'p')), [], policy?.defaultSpread);
  // The client's clock starts before the submit goes out (op.startedAt).
  const submittedAt = -costs.rttMs;
  let now = 0;
  let lastQueuedAt = submittedAt;
  let processingSeenAt: number | undefined;
  for (let polls = 0; polls < 10_000; ) {
    const delay = delayFn(
      {
        phase: processingSeenAt === undefined ? 'QUEUED' : 'PROCESSING',
        sinceSubmitMs: now - submittedAt,
        pollsSoFar: polls,
        remainingMs: 600_000 - (now - submittedAt),
        expectedProcessingMs: prediction.expectedMs,
        spread: prediction.spread,
        ...(processingSeenAt === undefined ? {} : { sinceProcessingEarliestMs: now - lastQueuedAt, sinceProcessingLatestMs: now - processingSeenAt }),
      },
      policy,
    );
    now += delay;
    const sentAt = now;
    const status = statusAt(sentAt + costs.rttMs / 2);
    now += costs.rttMs;
    polls++;
    if (status === 'QUEUED') lastQueuedAt = sentAt;
    else if (status === 'PROCESSING') processingSeenAt ??= now;
    else return { latencyMs: now + costs.finishMs - completedAt, polls };
  }
  throw new Error(`job ${job.index} never completed in simulation`);
}

/** The official SDK's loop: poll at once, then every interval (plus the round trip). */
export function simulateBaselineJob(job: BenchJobSpec, costs: SimulationCosts = DEFAULT_COSTS): SimulatedJob {
  const completedAt = -costs.rttMs / 2 + job.queueMs + job.processingMs;
  let now = 0;
  for (let polls = 1; ; polls++) {
    const seenAt = now + costs.rttMs / 2;
    now += costs.rttMs;
    if (seenAt >= completedAt) return { latencyMs: now + costs.finishMs - completedAt, polls };
    now += costs.baselineIntervalMs;
  }
}

export interface FleetSimulation {
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly meanPolls: number;
}

export interface WorkloadSimulation {
  readonly ours: FleetSimulation;
  readonly baseline: FleetSimulation;
  /** The four latency targets, judged on this workload. */
  readonly meetsTargets: boolean;
}

function fleet(jobs: readonly SimulatedJob[]): FleetSimulation {
  const latencies = jobs.map((j) => j.latencyMs);
  return { p50Ms: percentile(latencies, 50), p95Ms: percentile(latencies, 95), meanPolls: mean(jobs.map((j) => j.polls)) };
}

export function simulateWorkload(jobs: readonly BenchJobSpec[], policy?: PollPolicy, costs: SimulationCosts = DEFAULT_COSTS, delayFn?: DelayFunction): WorkloadSimulation {
  const ours = fleet(jobs.map((j) => simulateOurJob(j, policy, costs, delayFn)));
  const baseline = fleet(jobs.map((j) => simulateBaselineJob(j, costs)));
  const meetsTargets = ours.p50Ms <= 150 && ours.p50Ms <= 0.3 * baseline.p50Ms && ours.p95Ms <= 400 && ours.meanPolls <= baseline.meanPolls;
  return { ours, baseline, meetsTargets };
}

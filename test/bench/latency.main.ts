// Benchmark 1: completion-to-file latency on the workload. Two fleets run side by side
// in the same run against one emulator: ours (SegmindClient.generateAsync + save) and a client
// that does what the official SDK does (1 s fixed polling). Both get the same 40 jobs (same
// models, sizes, steps, queue and processing times, drawn from one printed seed).
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SegmindClient } from '../../src/segmind/client';
import { startEmulatorProcess } from './emulator-process';
import { runBaselineJob, runOurJob, type FleetJob } from './fleets';
import { fleetLatency, type FleetLatency, type JobOutcome } from './latency-analysis';
import { argValue } from './report';
import { runBenchmark } from './result-file';
import { drawWorkload, jobPrompt, requestBody, timingTable } from './workload';

const DEFAULT_SEED = 20261123;

void runBenchmark('latency', '1. Completion → file', async () => {
  const seed = Number(argValue(process.argv, '--seed') ?? DEFAULT_SEED);
  const count = Number(argValue(process.argv, '--jobs') ?? 40);
  const workload = drawWorkload(seed, count);
  console.log(`[latency] workload seed ${seed}: ${count} jobs per fleet, both fleets concurrently`);

  // Each job's image is rendered 2 s before it completes (ready at COMPLETED, as with the real
  // service); rendering all 80 at submit would stall the emulator's replies for the first seconds.
  const emulator = await startEmulatorProcess({ timings: timingTable(['ours', 'baseline'], workload), prerenderLeadMs: 2_000 });
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'segmind-bench-workspace-'));
  const client = new SegmindClient({ baseUrl: emulator.url, apiKey: emulator.apiKey });
  try {
    const folders = { ours: path.join(workspace, 'ours'), baseline: path.join(workspace, 'baseline') };
    await mkdir(folders.ours);
    await mkdir(folders.baseline);
    const fleetJob = (fleet: string, index: number): FleetJob => {
      const spec = workload[index]!;
      return { index, model: spec.model, body: requestBody(spec, jobPrompt(fleet, spec)) };
    };
    const started = Date.now();
    // Interleaved launch: job i of each fleet starts in the same tick.
    const runs: Promise<JobOutcome>[] = [];
    for (let i = 0; i < workload.length; i++) {
      runs.push(runOurJob(client, fleetJob('ours', i), folders.ours));
      runs.push(runBaselineJob({ baseUrl: emulator.url, apiKey: emulator.apiKey }, fleetJob('baseline', i), folders.baseline));
    }
    const outcomes = await Promise.all(runs);
    const wallMs = Date.now() - started;
    const snapshot = await emulator.snapshot();
    const ours = fleetLatency('ours', outcomes, snapshot.jobs);
    const baseline = fleetLatency('baseline', outcomes, snapshot.jobs);
    const failures = outcomes.filter((o) => o.error !== undefined);
    for (const f of failures.slice(0, 5)) console.error(`[latency] ${f.fleet} #${f.index} failed: ${f.error}`);

    const perModel = (fleet: FleetLatency, model: string) => {
      const indices = outcomes.filter((o) => o.fleet === fleet.fleet && o.error === undefined).map((o) => o.model);
      const latencies = fleet.latenciesMs.filter((_, i) => indices[i] === model);
      const polls = fleet.statusRequests.filter((_, i) => indices[i] === model);
      return { jobs: latencies.length, latenciesMs: latencies, statusRequests: polls };
    };
    const ratio = ours.p50Ms / baseline.p50Ms;
    // Per-job poll timelines, relative to the emulator's submit time: where the requests went.
    const emulatorJobs = new Map(snapshot.jobs.map((j) => [j.requestId, j]));
    const timelines = outcomes.flatMap((o) => {
      const job = o.requestId === undefined ? undefined : emulatorJobs.get(o.requestId);
      if (!job) return [];
      const rel = (t: number) => t - job.submittedAt;
      return [{ fleet: o.fleet, index: o.index, queuedMs: rel(job.processingAt), completedMs: rel(job.completedAt), writtenMs: o.fileWrittenAt === undefined ? null : rel(o.fileWrittenAt), polls: (snapshot.statusPollTimes[job.requestId] ?? []).map(rel) }];
    });
    return {
      metrics: [
        { label: 'ours p50', value: ours.p50Ms, unit: 'ms', target: { op: '<=', limit: 150 }, note: `baseline p50 ${baseline.p50Ms.toFixed(0)} ms` },
        { label: 'ours p50 ÷ baseline p50', value: ratio, unit: '×', target: { op: '<=', limit: 0.3 } },
        { label: 'ours p95', value: ours.p95Ms, unit: 'ms', target: { op: '<=', limit: 400 }, note: `baseline p95 ${baseline.p95Ms.toFixed(0)} ms; ours max ${ours.maxMs.toFixed(0)} ms` },
        { label: 'status requests / job (ours)', value: ours.meanStatusRequests, unit: '', target: { op: '<=', limit: baseline.meanStatusRequests }, note: `baseline ${baseline.meanStatusRequests.toFixed(2)} (target: no more than the baseline)` },
        { label: 'failed jobs (both fleets)', value: failures.length, unit: '', target: { op: '==', limit: 0 }, note: `${count} + ${count} jobs, seed ${seed}, ${(wallMs / 1000).toFixed(1)} s wall` },
      ],
      details: {
        seed,
        jobsPerFleet: count,
        wallMs,
        workload,
        ours: { ...ours, byModel: Object.fromEntries(['stable-diffusion-3.5-large-txt2img', 'stable-diffusion-3-medium-txt2img'].map((m) => [m, perModel(ours, m)])) },
        baseline: { ...baseline, byModel: Object.fromEntries(['stable-diffusion-3.5-large-txt2img', 'stable-diffusion-3-medium-txt2img'].map((m) => [m, perModel(baseline, m)])) },
        requestCounts: snapshot.requestCounts,
        failures,
        timelines,
      },
    };
  } finally {
    await client.dispose();
    await emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
});

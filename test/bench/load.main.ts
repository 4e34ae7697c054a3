// Benchmark 4: memory and event-loop cost of big images. 10 concurrent jobs × 4 PNGs of
// 2048×2048 with incompressible pixels (≥ 8 MB each) through the full client path: download,
// decode checks, metadata, atomic save. The emulator runs in another process, so this
// process's RSS is the client's alone.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { SegmindClient } from '../../src/segmind/client';
import { startEmulatorProcess } from './emulator-process';
import { runOurJob } from './fleets';
import type { TimingTable } from './workload';
import { seededRandom, uniform } from './random';
import { argValue } from './report';
import { runBenchmark } from './result-file';
import { median } from './stats';

const MB = 1024 * 1024;
const DEFAULT_SEED = 4242;
const LOAD_PROCESSING_MS = 14_000;

function loadBody(index: number): Record<string, unknown> {
  return { prompt: `bench load #${index}: static noise`, aspect_ratio: 'custom', width: 2048, height: 2048, batch_size: 4, image_format: 'png', steps: 30, seed: 1000 + index };
}

interface MemorySample {
  at: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

function sampleMemory(): MemorySample {
  const m = process.memoryUsage();
  return { at: Date.now(), rss: m.rss, heapUsed: m.heapUsed, external: m.external, arrayBuffers: m.arrayBuffers };
}

void runBenchmark('load', '4. Load (big PNGs)', async () => {
  const jobs = Number(argValue(process.argv, '--jobs') ?? 10);
  const seed = Number(argValue(process.argv, '--seed') ?? DEFAULT_SEED);
  // The timing model (queue 0–3 s, ±10% jitter) with a short 8 s run, so all ten jobs
  // finish within ~5 s of each other and their downloads may overlap.
  const random = seededRandom(seed);
  const timings: TimingTable = {};
  for (let i = 0; i < jobs; i++) {
    timings[String(loadBody(i)['prompt'])] = { queueMs: Math.round(uniform(random, 0, 3_000)), processingMs: Math.round(LOAD_PROCESSING_MS * uniform(random, 0.9, 1.1)) };
  }
  // The emulator renders the 40 noise PNGs (~0.1 s each) at submit, so they are ready at
  // COMPLETED like the real service's.
  const emulator = await startEmulatorProcess({ incompressible: true, timings });
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'segmind-bench-load-'));
  const client = new SegmindClient({ baseUrl: emulator.url, apiKey: emulator.apiKey });
  try {
    // Warm up: load the HTTP stack and open connections, so "idle" is a client that is ready.
    const warm = await runOurJob(client, { index: -1, model: 'stable-diffusion-3-medium-txt2img', body: { prompt: 'warm-up', img_width: 512, img_height: 512, seed: 1 } }, workspace);
    if (warm.error) throw new Error(`warm-up job failed: ${warm.error}`);
    const idleSamples: number[] = [];
    for (let i = 0; i < 25; i++) {
      idleSamples.push(process.memoryUsage().rss);
      await sleep(20);
    }
    const idle = sampleMemory();
    const idleRss = median(idleSamples);

    const samples: MemorySample[] = [];
    const sampler = setInterval(() => samples.push(sampleMemory()), 20);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const started = Date.now();
    // The pages' timing would make these batches run for minutes; the emulator runs them in ~8 s
    // and the poller is told so (as its duration history would after a few such jobs).
    const outcomes = await Promise.all(
      Array.from({ length: jobs }, (_, i) => runOurJob(client, { index: i, model: 'stable-diffusion-3.5-large-txt2img', body: loadBody(i), expectedMs: LOAD_PROCESSING_MS }, workspace)),
    );
    const wallMs = Date.now() - started;
    lag.disable();
    clearInterval(sampler);
    samples.push(sampleMemory());

    const failures = outcomes.filter((o) => o.error !== undefined);
    for (const f of failures.slice(0, 3)) console.error(`[load] job #${f.index} failed: ${f.error}`);
    const snapshot = await emulator.snapshot();
    const byId = new Map(snapshot.jobs.map((j) => [j.requestId, j]));
    const jobTimes = outcomes.map((o) => {
      const job = o.requestId === undefined ? undefined : byId.get(o.requestId);
      return job ? { index: o.index, completedMs: job.completedAt - started, writtenMs: (o.fileWrittenAt ?? Number.NaN) - started } : { index: o.index };
    });
    const files = outcomes.flatMap((o) => o.files);
    const sizes = await Promise.all(files.map(async (f) => (await stat(f)).size));
    const peak = (key: keyof Omit<MemorySample, 'at'>) => Math.max(...samples.map((s) => s[key]));
    const peakRssGrowth = (peak('rss') - idleRss) / MB;
    const lagP99 = lag.percentile(99) / 1e6;
    const minImageMb = sizes.length ? Math.min(...sizes) / MB : 0;
    return {
      metrics: [
        { label: 'peak RSS growth over idle', value: peakRssGrowth, unit: 'MB', target: { op: '<=', limit: 150 }, note: `idle ${(idleRss / MB).toFixed(0)} MB; peak heap +${((peak('heapUsed') - idle.heapUsed) / MB).toFixed(0)} MB, array buffers +${((peak('arrayBuffers') - idle.arrayBuffers) / MB).toFixed(0)} MB` },
        { label: 'event-loop lag p99', value: lagP99, unit: 'ms', target: { op: '<=', limit: 50 }, note: `max ${(lag.max / 1e6).toFixed(0)} ms` },
        { label: 'images saved', value: sizes.length, unit: '', target: { op: '==', limit: jobs * 4 }, note: `${failures.length} failed jobs, ${(wallMs / 1000).toFixed(1)} s wall` },
        { label: 'smallest image', value: minImageMb, unit: 'MB', target: { op: '>=', limit: 8 }, note: `total ${(sizes.reduce((a, b) => a + b, 0) / MB).toFixed(0)} MB written` },
      ],
      details: {
        seed,
        jobs,
        wallMs,
        idle: { ...idle, rssMedian: idleRss },
        peaks: { rss: peak('rss'), heapUsed: peak('heapUsed'), external: peak('external'), arrayBuffers: peak('arrayBuffers') },
        eventLoopMs: { p50: lag.percentile(50) / 1e6, p99: lagP99, max: lag.max / 1e6 },
        imageBytes: sizes,
        jobTimes,
        memoryTimeline: samples.filter((_, i) => i % 5 === 0).map((s) => ({ t: s.at - started, rssMB: Math.round((s.rss - idleRss) / MB), arrayBuffersMB: Math.round((s.arrayBuffers - idle.arrayBuffers) / MB) })),
        failures,
      },
    };
  } finally {
    await client.dispose();
    await emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
});

// Benchmark 5: throughput under a submit rate limit. 50 short jobs at once against an emulator
// that admits 5 submits per window and answers the rest 429 + Retry-After. All must succeed,
// none may be submitted twice, and the whole batch must finish within 10% of the limit's floor.
// Default window 2 s (floor ≈ 18 s); --full uses the 10 s (floor ≈ 90 s).
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SegmindClient } from '../../src/segmind/client';
import { startEmulatorProcess } from './emulator-process';
import { runOurJob } from './fleets';
import { argValue } from './report';
import { runBenchmark } from './result-file';
import { rateLimitFloorMs } from './rate-limit-math';

void runBenchmark('ratelimit', '5. Rate limit', async () => {
  const full = process.argv.includes('--full');
  const jobs = Number(argValue(process.argv, '--jobs') ?? 50);
  const submits = 5;
  const windowMs = Number(argValue(process.argv, '--window-ms') ?? (full ? 10_000 : 2_000));
  // Short jobs that take what the client predicts for them (SD 3 Medium, 512², 10 steps: 0.6 s),
  // so the measured time is the rate limit's, not a mismatch between prediction and emulator.
  const queueMs = 50;
  const processingMs = 600;
  const emulator = await startEmulatorProcess({ rateLimit: { submits, windowMs }, queueMs, processingMs });
  const workspace = await mkdtemp(path.join(os.tmpdir(), 'segmind-bench-ratelimit-'));
  const client = new SegmindClient({ baseUrl: emulator.url, apiKey: emulator.apiKey });
  try {
    console.log(`[ratelimit] ${jobs} jobs, ${submits} submits per ${windowMs / 1000} s window`);
    const started = Date.now();
    const outcomes = await Promise.all(
      Array.from({ length: jobs }, (_, i) =>
        runOurJob(client, { index: i, model: 'stable-diffusion-3-medium-txt2img', body: { prompt: `bench rate limit #${i}`, img_width: 512, img_height: 512, num_inference_steps: 10, seed: i + 1 } }, workspace),
      ),
    );
    const totalMs = Math.max(...outcomes.map((o) => o.fileWrittenAt ?? Date.now())) - started;
    const snapshot = await emulator.snapshot();
    const failures = outcomes.filter((o) => o.error !== undefined);
    for (const f of failures.slice(0, 3)) console.error(`[ratelimit] job #${f.index} failed: ${f.error}`);
    const submitRequests = Object.entries(snapshot.requestCounts).filter(([k]) => k.startsWith('POST ')).reduce((sum, [, n]) => sum + n, 0);
    const floorMs = rateLimitFloorMs(jobs, submits, windowMs, queueMs + processingMs);
    // When each submit was accepted, relative to the first: shows how close to each window's start.
    const firstAccepted = Math.min(...snapshot.jobs.map((j) => j.submittedAt));
    const acceptedAtMs = snapshot.jobs.map((j) => j.submittedAt - firstAccepted).sort((a, b) => a - b);
    // Per job: accepted → first status poll, and completed → file written (the poller after a wait).
    const firstPollAfterAcceptMs = snapshot.jobs.map((j) => (snapshot.statusPollTimes[j.requestId]?.[0] ?? Number.NaN) - j.submittedAt);
    return {
      metrics: [
        { label: 'jobs succeeded', value: jobs - failures.length, unit: '', target: { op: '==', limit: jobs } },
        { label: 'jobs billed (accepted submits)', value: snapshot.acceptedSubmits, unit: '', target: { op: '==', limit: jobs }, note: `${submitRequests} submit requests, ${submitRequests - snapshot.acceptedSubmits} answered 429` },
        { label: 'total ÷ theoretical minimum', value: totalMs / floorMs, unit: '×', target: { op: '<=', limit: 1.1 }, note: `${(totalMs / 1000).toFixed(1)} s vs ${(floorMs / 1000).toFixed(1)} s (${submits} per ${windowMs / 1000} s${full ? ', --full' : ''})` },
      ],
      details: { jobs, submits, windowMs, full, totalMs, floorMs, submitRequests, acceptedAtMs, firstPollAfterAcceptMs, requestCounts: snapshot.requestCounts, failures },
    };
  } finally {
    await client.dispose();
    await emulator.close();
    await rm(workspace, { recursive: true, force: true });
  }
});

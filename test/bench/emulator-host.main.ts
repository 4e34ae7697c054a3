// Runs the Segmind emulator in its own process for the benchmarks, so that encoding images on
// the server side neither blocks the measured client's event loop nor counts in its memory.
// Driven over the IPC channel of child_process.fork (see emulator-process.ts).
import { startEmulator } from '../emulator/emulator';
import { imageKeyFor, sharedImageCache } from '../emulator/images';
import type { RenderPlan } from '../emulator/models';
import type { Emulator, EmulatorJob, EmulatorOptions } from '../emulator/types';
import type { HostReply, HostRequest } from './emulator-protocol';

let emulator: Emulator | undefined;

function send(reply: HostReply): void {
  process.send?.(reply);
}

/**
 * The real service has the image ready when it says COMPLETED; the emulator renders on first
 * download. Rendering at submit keeps that render time out of both fleets' measured latency.
 */
function prerender(job: EmulatorJob, incompressible: boolean): void {
  const plan = (job as EmulatorJob & { plan?: RenderPlan }).plan;
  if (!plan) return;
  const started = Date.now();
  for (let i = 0; i < plan.count; i++) {
    sharedImageCache.get(imageKeyFor(plan, i, incompressible)).then(
      () => {
        if (process.env['BENCH_DEBUG']) console.error(`[emulator-host] rendered ${job.requestId.slice(0, 8)}#${i} in ${Date.now() - started} ms`);
      },
      () => undefined,
    );
  }
}

function timingFrom(
  table: Record<string, { queueMs: number; processingMs: number }> | undefined,
  pickField: 'queueMs' | 'processingMs',
  fallback: number,
): (job: EmulatorJob) => number {
  return (job) => {
    const prompt = typeof job.params['prompt'] === 'string' ? job.params['prompt'] : '';
    return table?.[prompt]?.[pickField] ?? fallback;
  };
}

/** Plain copy field by field: status is a getter, which IPC serialisation would skip. */
function copyJob(job: EmulatorJob): EmulatorJob {
  return {
    requestId: job.requestId,
    model: job.model,
    params: job.params,
    status: job.status,
    submittedAt: job.submittedAt,
    processingAt: job.processingAt,
    completedAt: job.completedAt,
    statusRequests: job.statusRequests,
    resultRequests: job.resultRequests,
    outputs: [...job.outputs],
  };
}

async function handle(message: HostRequest): Promise<void> {
  switch (message.type) {
    case 'start': {
      const { timings, queueMs = 50, processingMs = 150, prerender: wantPrerender = true, prerenderLeadMs, ...rest } = message.options;
      const queueTiming = timingFrom(timings, 'queueMs', queueMs);
      const processingTiming = timingFrom(timings, 'processingMs', processingMs);
      const incompressible = rest.incompressible === true;
      const options: EmulatorOptions = {
        ...rest,
        queueMs: queueTiming,
        // Called once per job, after its queue time: the moment its whole timeline is known.
        processingMs: (job) => {
          const queued = queueTiming(job);
          const processing = processingTiming(job);
          if (wantPrerender) {
            // Big images: render shortly before completion, as the service would, so the
            // emulator's image cache holds the ones about to be downloaded.
            const renderIn = prerenderLeadMs === undefined ? 0 : Math.max(0, queued + processing - prerenderLeadMs);
            if (renderIn === 0) prerender(job, incompressible);
            else setTimeout(() => prerender(job, incompressible), renderIn).unref();
          }
          return processing;
        },
      };
      emulator = await startEmulator(options);
      send({ type: 'started', url: emulator.url, outputUrl: emulator.outputUrl, apiKey: emulator.apiKey });
      return;
    }
    case 'snapshot': {
      if (!emulator) throw new Error('emulator not started');
      const requestCounts: Record<string, number> = {};
      const statusPollTimes: Record<string, number[]> = {};
      for (const r of emulator.requests) {
        const poll = /^\/v2\/requests\/([^/]+)\/status$/.exec(r.path);
        if (poll?.[1]) (statusPollTimes[poll[1]] ??= []).push(r.at);
        const route = r.origin === 'output' ? '/outputs/…' : r.path.replace(/\/v2\/requests\/[^/]+/, '/v2/requests/:id');
        const key = `${r.method} ${route}`;
        requestCounts[key] = (requestCounts[key] ?? 0) + 1;
      }
      // Recorded request bodies are dropped: the benchmarks only need counts and job timestamps.
      emulator.requests.length = 0;
      send({ type: 'snapshot', jobs: [...emulator.jobs.values()].map(copyJob), acceptedSubmits: emulator.acceptedSubmits(), requestCounts, statusPollTimes });
      return;
    }
    case 'close': {
      await emulator?.close();
      send({ type: 'closed' });
      process.disconnect?.();
      return;
    }
  }
}

process.on('message', (message: HostRequest) => {
  handle(message).catch((err: unknown) => send({ type: 'error', message: err instanceof Error ? err.stack ?? err.message : String(err) }));
});

// Load with faults: 50 concurrent generations on one client (as the extension shares one), with
// faults from a seeded random sequence injected at the emulator and both proxies, for a bounded time.
// Every job settles exactly once, as images or as a typed SegmindError; no job is accepted twice;
// no unhandled rejection; and once everything is closed, no timer or socket is left behind.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SegmindError } from '../../../src/segmind/errors';
import type { Fault } from '../../emulator/emulator';
import type { ProxyFault } from '../../hardening/faultProxy';
import { CaseTable, KNOWN_KEY, L, M, mulberry32, smallBody, startRig, textsOf } from '../../hardening/fixtures';

const JOBS = 50;
const SEED = 20261123;
const JOB_TIMEOUT_MS = 8000;
const SUITE_BOUND_MS = 60_000;

type Injection = { at: 'emu'; fault: Fault } | { at: 'api' | 'images'; fault: ProxyFault };

const INJECTIONS: readonly Injection[] = [
  { at: 'emu', fault: { on: 'status', kind: 'http', status: 500 } },
  { at: 'emu', fault: { on: 'status', kind: 'http', status: 504 } },
  { at: 'emu', fault: { on: 'submit', kind: 'rate-limit', retryAfterSeconds: 0 } },
  { at: 'emu', fault: { on: 'submit', kind: 'http', status: 406 } },
  { at: 'emu', fault: { on: 'submit', kind: 'reset-after' } },
  { at: 'emu', fault: { on: 'submit', kind: 'reset-before' } },
  { at: 'emu', fault: { on: 'submit', kind: 'job-failed', detail: 'NSFW content detected' } },
  { at: 'emu', fault: { on: 'status', kind: 'malformed-json' } },
  { at: 'emu', fault: { on: 'result', kind: 'image-instead-of-json' } },
  { at: 'emu', fault: { on: 'image', kind: 'truncated-image' } },
  { at: 'emu', fault: { on: 'image', kind: 'html-instead-of-image' } },
  { at: 'emu', fault: { on: 'result', kind: 'output-url', url: 'file:///etc/passwd' } },
  { at: 'api', fault: { method: 'POST', kind: 'reset-before' } },
  { at: 'api', fault: { method: 'POST', kind: 'reset-after-forward' } },
  { at: 'api', fault: { method: 'GET', kind: 'delay-headers', ms: 300 } },
  { at: 'api', fault: { method: 'GET', kind: 'reset-after-bytes', afterBytes: 10 } },
  { at: 'images', fault: { kind: 'reset-after-bytes', afterBytes: 100 } },
  { at: 'images', fault: { kind: 'stall-body', afterBytes: 100 } },
  { at: 'images', fault: { kind: 'slow-body', chunkBytes: 1024, intervalMs: 10 } },
];

/** Counts of active resource types (timers, sockets, servers) in this process. */
function resources(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const r of process.getActiveResourcesInfo()) counts.set(r, (counts.get(r) ?? 0) + 1);
  return counts;
}

describe('hardening: load with random faults', () => {
  it(`${JOBS} concurrent jobs with seeded faults: each settles once, typed, never billed twice, nothing leaked`, { timeout: SUITE_BOUND_MS + 30_000 }, async () => {
    const table = new CaseTable();
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown): void => { unhandled.push(reason); };
    process.on('unhandledRejection', onUnhandled);
    const before = resources();
    const random = mulberry32(SEED);
    const rig = await startRig({ queueMs: (job) => 20 + (job.params.seed as number) % 200, processingMs: (job) => 50 + (job.params.seed as number) % 400 });
    const client = rig.client({ timeoutMs: JOB_TIMEOUT_MS });
    const started = Date.now();
    const settled: ({ ok: true; requestId?: string; images: number } | { ok: false; error: unknown })[] = new Array(JOBS);
    const settleCounts = new Array<number>(JOBS).fill(0);
    const injected: string[] = [];

    let elapsed = 0;
    let ok = 0;
    const kinds = new Map<string, number>();
    try {
      const jobs = Array.from({ length: JOBS }, async (_, i) => {
        await new Promise((r) => setTimeout(r, Math.floor(random() * 1500)));
        if (random() < 0.6) {
          const pick = INJECTIONS[Math.floor(random() * INJECTIONS.length)];
          if (pick) {
            injected.push(`${pick.at}:${pick.fault.kind}`);
            if (pick.at === 'emu') rig.emu.fault(pick.fault);
            else rig[pick.at].fault(pick.fault);
          }
        }
        const slug = random() < 0.5 ? L : M;
        const count = random() < 0.2 ? 2 : 1;
        const body = smallBody(slug, { prompt: `load job ${i}`, seed: 1000 + i, ...(slug === L ? { batch_size: count } : { samples: count }) });
        try {
          const result = await client.generateAsync(slug, body);
          settleCounts[i] = (settleCounts[i] ?? 0) + 1;
          assert.equal(result.images.length, count, `job ${i}: every image`);
          settled[i] = { ok: true, ...(result.requestId ? { requestId: result.requestId } : {}), images: result.images.length };
        } catch (error) {
          settleCounts[i] = (settleCounts[i] ?? 0) + 1;
          settled[i] = { ok: false, error };
        }
      });
      await Promise.race([
        Promise.all(jobs),
        new Promise((_, reject) => setTimeout(() => reject(new Error(`jobs still running after ${SUITE_BOUND_MS} ms`)), SUITE_BOUND_MS).unref()),
      ]);
      elapsed = Date.now() - started;

      // Every job settled exactly once, as images or as a typed error with a user-facing sentence.
      assert.deepEqual(settleCounts, new Array(JOBS).fill(1));
      for (const [i, s] of settled.entries()) {
        assert.ok(s, `job ${i} settled`);
        if (!s.ok) {
          assert.ok(s.error instanceof SegmindError, `job ${i}: untyped error ${String(s.error)}`);
          assert.ok(s.error.message.length > 20 && !/undefined|\[object /.test(s.error.message), s.error.message);
          for (const t of textsOf(s.error)) assert.ok(!t.includes(KNOWN_KEY), 'the key in an error');
          kinds.set(s.error.kind, (kinds.get(s.error.kind) ?? 0) + 1);
        }
      }
      // Never billed twice: at most one accepted job per prompt; each success is one of them.
      const perPrompt = new Map<string, number>();
      for (const job of rig.emu.jobs.values()) perPrompt.set(String(job.params.prompt), (perPrompt.get(String(job.params.prompt)) ?? 0) + 1);
      for (const [prompt, n] of perPrompt) assert.equal(n, 1, `${prompt} accepted ${n} times`);
      for (const s of settled) if (s?.ok) assert.ok(s.requestId && rig.emu.jobs.has(s.requestId));
      for (const r of [...rig.emu.requests.filter((q) => q.origin === 'output'), ...rig.images.requests]) assert.equal(r.headers['x-api-key'], undefined);
      for (const line of client.log.lines) assert.ok(!line.includes(KNOWN_KEY));
      ok = settled.filter((s) => s?.ok).length;
    } finally {
      await rig.close();
      process.off('unhandledRejection', onUnhandled);
    }
    await new Promise((r) => setTimeout(r, 200));
    const after = resources();
    assert.deepEqual(unhandled, [], 'no unhandled rejection');
    const leaked = [...after].filter(([type, n]) => n > (before.get(type) ?? 0)).map(([type, n]) => `${type}: ${before.get(type) ?? 0} → ${n}`);
    assert.deepEqual(leaked, [], 'no timers, sockets or servers left behind');

    table.add({ case: `${JOBS} concurrent jobs, ${injected.length} random faults (seed ${SEED})`, outcome: `${ok} saved; ${JOBS - ok} typed errors (${[...kinds].map(([k, n]) => `${k} ${n}`).join(', ')}); ${elapsed} ms; 0 unhandled rejections; 0 leaked handles`, submitsAccepted: `${rig.emu.acceptedSubmits()} (max 1 per job)`, written: `${ok} results` });
    table.print('Load');
  });
});

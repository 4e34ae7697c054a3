// Issue 7, item 4 as a test: 10 concurrent jobs × 4 PNGs of 2048×2048 whose pixels do not compress
// (~13 MB each) through the product's path in plain Node — SegmindClient handing each image to
// `onImage` as soon as it is downloaded and checked, then the save step a local folder gets
// (embedMetadataParts + saveNewFile: what OutputSaver / saveImageFile do for file: URIs, minus
// vscode). Asserted: every image complete in its own file, peak RSS growth over idle ≤ 150 MB. The
// event-loop delay is reported here but judged by the bench (`npm run bench`, load.main.ts): a timing
// asserted in a test fails whenever a neighbour loads the machine, and says nothing then.
// The emulator runs in another process (load-emulator.main.ts), so this process's RSS and event
// loop are the client's alone. On a noisy 2-core machine a miss is measured once more (one retry).
// SEGMIND_LOAD_COMPARE=1 also measures the old way (whole results in memory, metadata joined into
// a second copy) and prints it, without asserting.
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { saveNewFile } from '../../../src/assets/diskWrite';
import { extensionFor, imageFileName } from '../../../src/assets/fileName';
import { SegmindClient, type ImageOutput } from '../../../src/segmind/client';
import { embedMetadata, embedMetadataParts, readGenerationMetadata } from '../../../src/segmind/metadata';
import { buildRequest } from '../../../src/segmind/request';
import type { LoadEmulatorReady } from './load-emulator.main';

const L = 'stable-diffusion-3.5-large-txt2img';
const JOBS = 10;
const IMAGES = 4;
const MB = 1024 * 1024;
const MAX_RSS_GROWTH_MB = 150;
/** The bench's limit for the event-loop delay p99, printed next to the measured figure. */
const MAX_LAG_P99_MS = 50;
const TEMPLATE = '${prompt}-${seed}';
const { body: BODY, seed: SEED } = buildRequest(L, {
  prompt: 'load: static noise', aspect_ratio: 'custom', width: 2048, height: 2048, batch_size: IMAGES, image_format: 'png', seed: 4242,
});
const WARM_UP = buildRequest(L, { prompt: 'warm-up', aspect_ratio: 'custom', width: 256, height: 256, image_format: 'png', seed: 1 }).body;

type Mode = 'streamed' | 'buffered';
interface Measurement { readonly mode: Mode; readonly idleMb: number; readonly buffersMb: number; readonly peakMb: number; peakGrowthMb: number; readonly lagP99Ms: number; readonly lagMaxMs: number; readonly wallMs: number; readonly files: string[] }

async function startLoadEmulator(): Promise<{ ready: LoadEmulatorReady; child: ChildProcess }> {
  const child = fork(path.join(__dirname, 'load-emulator.main.js'), [L, JSON.stringify(BODY)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], execArgv: [] });
  const ready = await new Promise<LoadEmulatorReady>((resolve, reject) => {
    child.once('message', (m) => resolve(m as LoadEmulatorReady));
    child.once('exit', (code) => reject(new Error(`load emulator exited with ${code}`)));
  });
  return { ready, child };
}

async function stopLoadEmulator(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.disconnect();
  const timer = setTimeout(() => child.kill(), 5000);
  await exited;
  clearTimeout(timer);
}

/** Saves one image the way the product does for a local folder: metadata as parts, temp file, free name. */
async function saveStreamed(dir: string, index: number, image: ImageOutput, requestId: string | undefined): Promise<string> {
  const name = imageFileName(TEMPLATE, { date: new Date(), prompt: String(BODY.prompt), model: L, seed: SEED, index: index + 1 }, extensionFor(image.format));
  const parts = embedMetadataParts(image.bytes, image.format, { model: L, params: BODY, seed: SEED, index: index + 1, ...(requestId ? { requestId } : {}) });
  return saveNewFile(dir, name, parts);
}

/** The old way, for comparison: every image of the job in memory, metadata joined into one new buffer. */
async function saveBuffered(dir: string, images: readonly ImageOutput[], requestId: string | undefined): Promise<string[]> {
  const files: string[] = [];
  for (const [index, image] of images.entries()) {
    const name = imageFileName(TEMPLATE, { date: new Date(), prompt: String(BODY.prompt), model: L, seed: SEED, index: index + 1 }, extensionFor(image.format));
    const joined = embedMetadata(image.bytes, image.format, { model: L, params: BODY, seed: SEED, index: index + 1, ...(requestId ? { requestId } : {}) });
    files.push(await saveNewFile(dir, name, [joined]));
  }
  return files;
}

async function runJob(client: SegmindClient, dir: string, mode: Mode, body: Record<string, unknown>): Promise<string[]> {
  let requestId: string | undefined;
  const onSubmitted = (id: string): void => { requestId = id; };
  if (mode === 'buffered') {
    const result = await client.generateAsync(L, body, { onSubmitted });
    return saveBuffered(dir, result.images, requestId);
  }
  const files: string[] = [];
  const result = await client.generateAsync(L, body, { onSubmitted, onImage: async (i, image) => { files[i] = await saveStreamed(dir, i, image, requestId); } });
  assert.equal(result.images.length, files.length, 'one file per image');
  assert.ok(result.images.every((i) => !('bytes' in i)), 'a streamed result keeps no image bytes');
  return files;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function measure(ready: LoadEmulatorReady, mode: Mode): Promise<Measurement> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `segmind-load-${mode}-`));
  const client = new SegmindClient({ baseUrl: ready.url, apiKey: ready.apiKey, env: {} });
  try {
    await runJob(client, dir, mode, WARM_UP); // code loaded, connections open: "idle" is a client ready to work
    collectGarbage();
    await sleep(300);
    const idle: number[] = [];
    for (let i = 0; i < 20; i++) {
      idle.push(process.memoryUsage().rss);
      await sleep(10);
    }
    const idleRss = idle.sort((a, b) => a - b)[idle.length >> 1] ?? 0;
    let peakRss = idleRss;
    let peakBuffers = 0;
    const idleBuffers = process.memoryUsage().arrayBuffers;
    const sampler = setInterval(() => {
      const now = process.memoryUsage();
      peakRss = Math.max(peakRss, now.rss);
      peakBuffers = Math.max(peakBuffers, now.arrayBuffers);
    }, 10);
    const lag = monitorEventLoopDelay({ resolution: 10 });
    lag.enable();
    const started = Date.now();
    let files: string[];
    try {
      files = (await Promise.all(Array.from({ length: JOBS }, () => runJob(client, dir, mode, BODY)))).flat();
    } finally {
      lag.disable();
      clearInterval(sampler);
    }
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return {
      buffersMb: (peakBuffers - idleBuffers) / MB,
      mode, idleMb: idleRss / MB, peakMb: peakRss / MB, peakGrowthMb: (peakRss - idleRss) / MB, wallMs: Date.now() - started, files,
      // The histogram's values include its 10 ms resolution: this is the conservative figure.
      lagP99Ms: lag.percentile(99) / 1e6, lagMaxMs: lag.max / 1e6,
    };
  } finally {
    await client.dispose();
    // The files are checked before the folder goes: keep it until then.
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
  }
}

const cleanups: (() => Promise<void>)[] = [];

function report(m: Measurement, attempt?: number): string {
  return `[load] ${m.mode}${attempt ? ` (attempt ${attempt})` : ''}: ${JOBS} jobs × ${IMAGES} PNGs 2048², ${m.files.length} files in ${(m.wallMs / 1000).toFixed(1)} s;`
    + ` peak RSS growth ${m.peakGrowthMb.toFixed(1)} MB (peak ${m.peakMb.toFixed(0)} MB, idle ${m.idleMb.toFixed(0)} MB) (limit ${MAX_RSS_GROWTH_MB}; array buffers +${m.buffersMb.toFixed(0)} MB);`
    + ` event-loop delay p99 ${m.lagP99Ms.toFixed(1)} ms, max ${m.lagMaxMs.toFixed(1)} ms (limit ${MAX_LAG_P99_MS}; includes the 10 ms sampling resolution)`;
}

describe('load: big images streamed from the client into files', () => {
  it(`${JOBS} concurrent jobs × ${IMAGES} incompressible 2048² PNGs: every image saved whole, peak RSS growth ≤ ${MAX_RSS_GROWTH_MB} MB`, { timeout: 240_000 }, async (t) => {
    const { ready, child } = await startLoadEmulator();
    try {
      let m = await measure(ready, 'streamed');
      t.diagnostic(report(m, 1));
      if (m.peakGrowthMb > MAX_RSS_GROWTH_MB) {
        // One retry: a neighbour on a 2-core machine can stall a run; a real regression misses twice.
        // Measured against the lower idle of the two: memory the first run kept must not make the second look light.
        const firstIdleMb = m.idleMb;
        m = await measure(ready, 'streamed');
        m.peakGrowthMb = m.peakMb - Math.min(firstIdleMb, m.idleMb);
        t.diagnostic(report(m, 2));
      }
      if (process.env.SEGMIND_LOAD_COMPARE === '1') t.diagnostic(report(await measure(ready, 'buffered')));

      assert.equal(m.files.length, JOBS * IMAGES, 'every image saved');
      assert.equal(new Set(m.files).size, m.files.length, 'each in its own file');
      const names = await readdir(path.dirname(m.files[0] ?? ''));
      assert.ok(!names.some((n) => n.endsWith('.tmp')), 'no temporary file left');
      const sizes = await Promise.all(m.files.map(async (f) => (await stat(f)).size));
      assert.ok(Math.min(...sizes) >= 8 * MB, `every image ≥ 8 MB (smallest ${(Math.min(...sizes) / MB).toFixed(1)} MB)`);
      const last = await readFile(m.files[m.files.length - 1] ?? '');
      assert.equal(last.subarray(last.length - 8, last.length - 4).toString('latin1'), 'IEND', 'a complete PNG');
      const meta = readGenerationMetadata(last);
      assert.equal(meta?.seed, SEED, 'the metadata travels with the file');
      assert.equal(meta?.params.prompt, BODY.prompt);

      assert.ok(m.peakGrowthMb <= MAX_RSS_GROWTH_MB, `peak RSS growth ${m.peakGrowthMb.toFixed(1)} MB ≤ ${MAX_RSS_GROWTH_MB} MB`);
    } finally {
      await stopLoadEmulator(child);
      for (const clean of cleanups.splice(0)) await clean();
    }
  });
});

import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mulberry32, realisticTiming, referenceProcessingMs, type EmulatorJob } from '../../emulator/emulator';
import { SD35L, SD3M } from './helpers';

function job(model: string, params: Record<string, unknown>): EmulatorJob {
  return { requestId: 'r', model, params, status: 'QUEUED', submittedAt: 0, processingAt: 0, completedAt: 0, statusRequests: 0, resultRequests: 0, outputs: [] };
}

describe('emulator timing', () => {
  it('mulberry32 is deterministic and in [0, 1)', () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const draws = Array.from({ length: 1000 }, () => a());
    assert.deepEqual(draws, Array.from({ length: 1000 }, () => b()));
    assert.ok(draws.every((x) => x >= 0 && x < 1));
    assert.notDeepEqual(draws.slice(0, 5), Array.from({ length: 5 }, mulberry32(43)));
  });

  it('reference durations: SD3.5L 1024², 30 steps = 17.5 s; SD3M 1024², 25 steps = 6 s (page defaults)', () => {
    assert.equal(referenceProcessingMs(job(SD35L, { prompt: 'x' })), 17_500);
    assert.equal(referenceProcessingMs(job(SD3M, { prompt: 'x' })), 6_000);
  });

  it('scales with steps × megapixels × images', () => {
    assert.equal(referenceProcessingMs(job(SD35L, { prompt: 'x', steps: 60 })), 35_000);
    assert.equal(referenceProcessingMs(job(SD35L, { prompt: 'x', width: 512, height: 512 })), 17_500 / 4);
    assert.equal(referenceProcessingMs(job(SD35L, { prompt: 'x', aspect_ratio: '21:9 landscape 1536x640' })), (17_500 * 1536 * 640) / (1024 * 1024));
    assert.equal(referenceProcessingMs(job(SD3M, { prompt: 'x', num_inference_steps: 50, samples: 2 })), 24_000);
  });

  it('realisticTiming: queue 0–3 s, processing ±10%, same seed → same draws', () => {
    const t1 = realisticTiming(7);
    const t2 = realisticTiming(7);
    const j = job(SD35L, { prompt: 'x' });
    const queues = Array.from({ length: 500 }, () => t1.queueMs(j));
    const processing = Array.from({ length: 500 }, () => t1.processingMs(j));
    assert.deepEqual(queues, Array.from({ length: 500 }, () => t2.queueMs(j)));
    assert.deepEqual(processing, Array.from({ length: 500 }, () => t2.processingMs(j)));
    assert.ok(queues.every((q) => q >= 0 && q <= 3000));
    assert.ok(Math.max(...queues) > 2500 && Math.min(...queues) < 500, 'spread over the range');
    assert.ok(processing.every((p) => p >= 15_750 && p <= 19_250));
    assert.ok(Math.max(...processing) > 19_000 && Math.min(...processing) < 16_000);
    const mean = processing.reduce((a, b) => a + b, 0) / processing.length;
    assert.ok(Math.abs(mean - 17_500) < 300, `mean ${mean}`);
  });

  it('queue and processing draws are independent streams (interleaving does not change them)', () => {
    const a = realisticTiming(99);
    const b = realisticTiming(99);
    const j = job(SD3M, { prompt: 'x' });
    const aQueues = [a.queueMs(j), a.queueMs(j)];
    const aProc = [a.processingMs(j), a.processingMs(j)];
    const bProc0 = b.processingMs(j);
    const bQueue0 = b.queueMs(j);
    assert.equal(bProc0, aProc[0]);
    assert.equal(bQueue0, aQueues[0]);
  });
});

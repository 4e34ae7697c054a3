import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { SD35L, SD3M, asJson, fetchError, get, post, submit, FAULT_BODY, completedImageUrl } from './helpers';

const BODY = FAULT_BODY;

describe('emulator faults: refusals, failures, resets', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ queueMs: 0, processingMs: 0 });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  describe('http', () => {
    it('500 on submit: Segmind-style error, no job; consumed once', async () => {
      emu.fault({ on: 'submit', kind: 'http', status: 500 });
      const r = await asJson(post(emu, `/v2/${SD35L}`, BODY));
      assert.equal(r.status, 500);
      assert.equal(typeof r.json.error, 'string');
      assert.equal(emu.acceptedSubmits(), 0);
      assert.equal((await post(emu, `/v2/${SD35L}`, BODY)).status, 200);
      assert.equal(emu.acceptedSubmits(), 1);
    });

    it('times: 2 applies to the next two matching requests only', async () => {
      emu.fault({ on: 'status', kind: 'http', status: 502, times: 2 });
      const id = await submit(emu, SD35L, BODY);
      const codes = [];
      for (let i = 0; i < 3; i++) codes.push((await get(emu, `/v2/requests/${id}/status`)).status);
      assert.deepEqual(codes, [502, 502, 200]);
    });

    for (const status of [403, 406, 504]) {
      it(`${status} with the default body`, async () => {
        emu.fault({ on: 'submit', kind: 'http', status });
        const r = await asJson(post(emu, `/v2/${SD3M}`, { prompt: 'x' }));
        assert.equal(r.status, status);
        assert.ok(String(r.json.error).length > 0);
      });
    }

    it('custom body and headers are sent verbatim', async () => {
      emu.fault({ on: 'result', kind: 'http', status: 503, body: '{"error":"maintenance"}', headers: { 'retry-after': '3', 'x-extra': 'yes' } });
      const id = await submit(emu, SD35L, BODY);
      const r = await asJson(get(emu, `/v2/requests/${id}`));
      assert.equal(r.status, 503);
      assert.deepEqual(r.json, { error: 'maintenance' });
      assert.equal(r.headers.get('retry-after'), '3');
      assert.equal(r.headers.get('x-extra'), 'yes');
    });

    it('on image: the download fails, the next one works', async () => {
      const url = await completedImageUrl(emu);
      emu.fault({ on: 'image', kind: 'http', status: 500 });
      assert.equal((await get(emu, url, null)).status, 500);
      assert.equal((await get(emu, url, null)).status, 200);
    });

    it('a fault for one target leaves the others alone', async () => {
      emu.fault({ on: 'result', kind: 'http', status: 500 });
      const id = await submit(emu, SD35L, BODY);
      assert.equal((await get(emu, `/v2/requests/${id}/status`)).status, 200);
      assert.equal((await get(emu, `/v2/requests/${id}`)).status, 500);
    });

    it('clearFaults drops queued faults', async () => {
      emu.fault({ on: 'submit', kind: 'http', status: 500, times: 5 });
      emu.clearFaults();
      assert.equal((await post(emu, `/v2/${SD35L}`, BODY)).status, 200);
    });

    it('an invalid fault is refused', () => {
      assert.throws(() => emu.fault({ on: 'submit', kind: 'http' } as never), /status/);
      assert.throws(() => emu.fault({ on: 'nowhere', kind: 'reset-before' } as never), /'on'/);
    });
  });

  describe('rate-limit', () => {
    it('429 with Retry-After (default 1 s), no job', async () => {
      emu.fault({ on: 'submit', kind: 'rate-limit' });
      const r = await asJson(post(emu, `/v2/${SD35L}`, BODY));
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '1');
      assert.equal(emu.acceptedSubmits(), 0);
    });

    it('retryAfterSeconds sets Retry-After', async () => {
      emu.fault({ on: 'status', kind: 'rate-limit', retryAfterSeconds: 7 });
      const id = await submit(emu, SD35L, BODY);
      const r = await get(emu, `/v2/requests/${id}/status`);
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('retry-after'), '7');
    });

    it('resetAtUtc sends x-rate-limit-reset-at-utc and no Retry-After', async () => {
      const resetAt = new Date(Date.now() + 2000).toISOString();
      emu.fault({ on: 'submit', kind: 'rate-limit', resetAtUtc: resetAt });
      const r = await post(emu, `/v2/${SD35L}`, BODY);
      assert.equal(r.status, 429);
      assert.equal(r.headers.get('x-rate-limit-reset-at-utc'), resetAt);
      assert.equal(r.headers.get('retry-after'), null);
    });
  });

  describe('job-failed', () => {
    it('submit: the job runs its course, then ends FAILED; result → 422 with the detail', async () => {
      const slow = await startEmulator({ queueMs: 10_000, processingMs: 10_000 });
      try {
        slow.fault({ on: 'submit', kind: 'job-failed', detail: 'Content blocked by safety filter' });
        const id = await submit(slow, SD35L, BODY);
        assert.equal((await asJson(get(slow, `/v2/requests/${id}/status`))).json.status, 'QUEUED');
        slow.advanceClock(20_000);
        const status = await asJson(get(slow, `/v2/requests/${id}/status`));
        assert.equal(status.status, 200);
        assert.equal(status.json.status, 'FAILED');
        assert.equal(status.json.error, 'Content blocked by safety filter');
        const result = await asJson(get(slow, `/v2/requests/${id}`));
        assert.equal(result.status, 422);
        assert.equal(result.json.status, 'FAILED');
        assert.equal(result.json.error, 'Content blocked by safety filter');
        assert.ok(result.json.metrics);
        assert.equal(result.json.output, undefined);
        assert.equal(slow.jobs.get(id)?.status, 'FAILED');
        assert.equal(slow.acceptedSubmits(), 1, 'a failed job was still accepted');
        assert.equal((await get(slow, slow.jobs.get(id)?.outputs[0] ?? '', null)).status, 404);
      } finally {
        await slow.close();
      }
    });

    it('sync: 422 {status: FAILED, error}', async () => {
      emu.fault({ on: 'sync', kind: 'job-failed', detail: 'GPU exploded' });
      const r = await asJson(post(emu, `/v1/${SD35L}`, BODY));
      assert.equal(r.status, 422);
      assert.equal(r.json.status, 'FAILED');
      assert.equal(r.json.error, 'GPU exploded');
    });

    it('result: an otherwise completed job is served as FAILED', async () => {
      const id = await submit(emu, SD35L, BODY);
      emu.fault({ on: 'result', kind: 'job-failed', detail: 'late failure' });
      const r = await asJson(get(emu, `/v2/requests/${id}`));
      assert.equal(r.status, 422);
      assert.equal(r.json.error, 'late failure');
    });
  });

  describe('long-queue', () => {
    it('the accepted job stays QUEUED for the extra time, then runs its normal course', async () => {
      emu.fault({ on: 'submit', kind: 'long-queue', ms: 60_000 });
      const id = await submit(emu, SD35L, BODY);
      assert.equal((await asJson(get(emu, `/v2/requests/${id}/status`))).json.status, 'QUEUED');
      emu.advanceClock(59_000);
      assert.equal((await asJson(get(emu, `/v2/requests/${id}/status`))).json.status, 'QUEUED');
      emu.advanceClock(1_000);
      assert.equal((await asJson(get(emu, `/v2/requests/${id}/status`))).json.status, 'COMPLETED');
    });
  });

  describe('connection resets', () => {
    it('reset-before on submit: the connection drops, no job is created, the request was seen', async () => {
      emu.fault({ on: 'submit', kind: 'reset-before' });
      const err = await fetchError(post(emu, `/v2/${SD35L}`, BODY));
      assert.match(String(err.cause?.code ?? err.cause), /ECONNRESET|UND_ERR_SOCKET/);
      assert.equal(emu.acceptedSubmits(), 0);
      assert.equal(emu.requests.length, 1);
    });

    it('reset-after on submit: the job is created (billed), then the connection drops', async () => {
      emu.fault({ on: 'submit', kind: 'reset-after' });
      await fetchError(post(emu, `/v2/${SD35L}`, BODY));
      assert.equal(emu.acceptedSubmits(), 1);
    });

    it('reset-after on sync: billed, no answer', async () => {
      emu.fault({ on: 'sync', kind: 'reset-after' });
      await fetchError(post(emu, `/v1/${SD35L}`, BODY));
      assert.equal(emu.acceptedSubmits(), 1);
    });

    it('reset-before on status, reset-after on result and image', async () => {
      const id = await submit(emu, SD35L, BODY);
      emu.fault({ on: 'status', kind: 'reset-before' });
      emu.fault({ on: 'result', kind: 'reset-after' });
      emu.fault({ on: 'image', kind: 'reset-before' });
      await fetchError(get(emu, `/v2/requests/${id}/status`));
      await fetchError(get(emu, `/v2/requests/${id}`));
      assert.equal(emu.jobs.get(id)?.resultRequests, 1);
      await fetchError(get(emu, emu.jobs.get(id)?.outputs[0] ?? '', null));
      assert.equal((await get(emu, `/v2/requests/${id}`)).status, 200, 'next request works');
    });
  });
});

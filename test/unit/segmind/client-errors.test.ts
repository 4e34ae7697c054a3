// HTTP error codes and the submit-safety rules: what the user is told, and how often we sent.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/emulator';
import { SegmindClient } from '../../../src/segmind/client';
import { L, M, assertKeyOnlyToApi, body, client, closedPort, emulator, rejectsWith, statusPolls, submits } from './helpers';

describe('SegmindClient errors', () => {
  let emu: Emulator;
  before(async () => { emu = await emulator(); });
  after(async () => { await emu.close(); });
  beforeEach(() => emu.reset());

  it('refuses a missing key before any request', () => {
    assert.throws(() => new SegmindClient({ baseUrl: emu.url, apiKey: '  ' }), (e: Error & { kind?: string }) => e.kind === 'missing-key' && /Set API Key/.test(e.message));
    assert.equal(emu.requests.length, 0);
  });

  it('refuses invalid parameters locally: no request is sent', async () => {
    const c = client(emu);
    await rejectsWith(c.generateAsync(L, { ...body(L), steps: 5 }), 'validation', /^steps must be an integer from 10 to 70 \(got 5\)\.$/);
    await rejectsWith(c.generateSync(M, { ...body(M), bogus: 1 }), 'validation', /Unknown parameter "bogus"/);
    await c.dispose();
    assert.equal(emu.requests.length, 0);
  });

  it('401: wrong key → auth error without the key, nothing billed', async () => {
    const wrongKey = 'sk-wrong-0123456789';
    const c = client(emu, { apiKey: wrongKey });
    const e = await rejectsWith(c.generateAsync(L, body(L)), 'auth', /Segmind rejected the API key \(401\): Invalid API key\. Set a valid key with "Segmind: Set API Key"\./);
    await c.dispose();
    assert.equal(e.status, 401);
    assert.equal(e.mayBeBilled, false);
    assert.ok(!JSON.stringify(e).includes(wrongKey) && !e.message.includes(wrongKey));
    assert.ok(!c.log.lines.some((l) => l.includes(wrongKey)));
    assert.equal(submits(emu).length, 1);
    assert.equal(emu.acceptedSubmits(), 0);
  });

  it('400: the server refuses an SD 3 Medium scheduler it does not know; its message is shown verbatim', async () => {
    const c = client(emu);
    const e = await rejectsWith(c.generateAsync(M, body(M, { scheduler: 'Restart' })), 'validation', /^Segmind refused the request \(400\): Invalid value for 'scheduler': "Restart"/);
    await c.dispose();
    assert.match(e.detail ?? '', /^Invalid value for 'scheduler': "Restart"\. Allowed values: /);
    assert.equal(e.mayBeBilled, false);
    assert.equal(submits(emu).length, 1);
  });

  for (const [status, kind, text] of [
    [403, 'forbidden', /Segmind refused access \(403\): Forbidden: insufficient permissions\. Check that your account may use this model\./],
    [404, 'model-not-found', /Segmind does not know the model "stable-diffusion-3.5-large-txt2img" \(404\)/],
    [406, 'credits', /Not enough Segmind credits \(406\): Not enough credits to process this request\. Top up your account/],
  ] as const) {
    it(`${status} on submit → ${kind}, not re-sent, not billed`, async () => {
      emu.fault({ on: 'submit', kind: 'http', status });
      const c = client(emu);
      const e = await rejectsWith(c.generateAsync(L, body(L)), kind, text);
      await c.dispose();
      assert.equal(e.status, status);
      assert.equal(e.mayBeBilled, false);
      assert.equal(submits(emu).length, 1);
    });
  }

  for (const status of [500, 502, 504]) {
    it(`${status} on submit → server error, never re-sent, "may still be billed"`, async () => {
      emu.fault({ on: 'submit', kind: 'http', status });
      const c = client(emu);
      const e = await rejectsWith(c.generateAsync(M, body(M)), 'server', new RegExp(`Segmind had a server problem \\(${status}\\).*may still have been accepted and billed`));
      await c.dispose();
      assert.equal(e.mayBeBilled, true);
      assert.equal(submits(emu).length, 1);
    });
  }

  it('404 for an unknown request id → request-not-found', async () => {
    const c = client(emu);
    await rejectsWith(c.waitForCompletion('no-such-id', { expectedMs: 50 }), 'request-not-found', /Segmind no longer knows the job no-such-id \(404\).*kept for one hour/);
    await rejectsWith(c.getResult('no-such-id'), 'request-not-found');
    await c.dispose();
  });

  it('404 once the one-hour retention has passed', async () => {
    const c = client(emu);
    const job = await c.submit(M, body(M));
    emu.advanceClock(3_600_001);
    const e = await rejectsWith(c.getStatus(job.requestId), 'request-not-found');
    await c.dispose();
    assert.equal(e.requestId, job.requestId);
  });

  it('422: a FAILED job reports the server detail', async () => {
    emu.fault({ on: 'submit', kind: 'job-failed', detail: 'Content blocked by safety filter' });
    const c = client(emu);
    const e = await rejectsWith(c.generateAsync(L, body(L)), 'failed', /The generation failed on Segmind's side: Content blocked by safety filter\. Change the prompt/);
    await c.dispose();
    assert.equal(e.detail, 'Content blocked by safety filter');
    assert.equal(e.requestId, [...emu.jobs.keys()][0]);
    await rejectsWith(client(emu).getResult(e.requestId ?? ''), 'failed', /Content blocked by safety filter/);
  });

  it('422 on v1 sync → failed with the detail', async () => {
    emu.fault({ on: 'sync', kind: 'job-failed', detail: 'NSFW content detected' });
    const c = client(emu);
    const e = await rejectsWith(c.generateSync(M, body(M)), 'failed', /NSFW content detected/);
    await c.dispose();
    assert.equal(e.status, 422);
  });

  it('429 on submit → waits Retry-After, re-sends, exactly one accepted job', async () => {
    emu.fault({ on: 'submit', kind: 'rate-limit', retryAfterSeconds: 1 });
    const c = client(emu);
    const started = Date.now();
    const result = await c.generateAsync(M, body(M));
    await c.dispose();
    assert.equal(result.images.length, 1);
    assert.equal(submits(emu).length, 2);
    assert.deepEqual(submits(emu)[0]?.json, submits(emu)[1]?.json);
    assert.equal(emu.acceptedSubmits(), 1);
    assert.ok(Date.now() - started >= 1000, 'waited the second asked for');
  });

  it('429 with x-rate-limit-reset-at-utc only → waits until the reset', async () => {
    emu.fault({ on: 'submit', kind: 'rate-limit', resetAtUtc: new Date(Date.now() + 700).toISOString() });
    const c = client(emu);
    const started = Date.now();
    await c.generateAsync(M, body(M));
    await c.dispose();
    assert.equal(emu.acceptedSubmits(), 1);
    assert.equal(submits(emu).length, 2);
    assert.ok(Date.now() - started >= 600);
  });

  it('429 asking for a wait past the deadline → rate-limited error with the wait, not billed', async () => {
    emu.fault({ on: 'submit', kind: 'rate-limit', retryAfterSeconds: 60 });
    const c = client(emu, { timeoutMs: 5000 });
    const e = await rejectsWith(c.generateAsync(M, body(M)), 'rate-limited', /rate limit was reached \(429\).*wait 60 s/);
    await c.dispose();
    assert.equal(e.retryAfterMs, 60_000);
    assert.equal(e.mayBeBilled, false);
    assert.equal(submits(emu).length, 1);
  });

  it('under a real rate limit, a burst of jobs all succeed, each accepted once', async () => {
    const limited = await emulator({ rateLimit: { submits: 2, windowMs: 1000 } });
    const c = client(limited);
    const results = await Promise.all([0, 1, 2, 3].map((i) => c.generateAsync(M, body(M, { seed: i }))));
    await c.dispose();
    await limited.close();
    assert.equal(results.length, 4);
    assert.equal(limited.acceptedSubmits(), 4);
    assert.ok(submits(limited).length > 4, 'some were refused with 429 first');
  });

  it('reset after the submit was accepted → zero re-submits, error says it may be billed', async () => {
    emu.fault({ on: 'submit', kind: 'reset-after' });
    const c = client(emu);
    const e = await rejectsWith(c.generateAsync(L, body(L)), 'network', /may have reached Segmind: the job may still run and be billed, so it was not sent again/);
    await c.dispose();
    assert.equal(e.mayBeBilled, true);
    assert.equal(submits(emu).length, 1);
    assert.equal(emu.acceptedSubmits(), 1);
    assertKeyOnlyToApi(emu, c, [e]);
  });

  it('reset before acceptance looks the same from outside → also not re-sent', async () => {
    emu.fault({ on: 'submit', kind: 'reset-before' });
    const c = client(emu);
    const e = await rejectsWith(c.generateAsync(L, body(L)), 'network');
    await c.dispose();
    assert.equal(e.mayBeBilled, true);
    assert.equal(submits(emu).length, 1);
    assert.equal(emu.acceptedSubmits(), 0);
  });

  it('v1 sync reset after acceptance → not re-sent, may be billed', async () => {
    emu.fault({ on: 'sync', kind: 'reset-after' });
    const c = client(emu);
    const e = await rejectsWith(c.generateSync(M, body(M)), 'network');
    await c.dispose();
    assert.equal(e.mayBeBilled, true);
    assert.equal(submits(emu).length, 1);
  });

  it('connection refused → retried (nothing was sent), then a network error, not billed', async () => {
    const port = await closedPort();
    const c = new SegmindClient({ baseUrl: `http://127.0.0.1:${port}`, apiKey: 'k-123456', env: {} });
    const e = await rejectsWith(c.submit(M, body(M)), 'network', /The connection to Segmind was refused.*ECONNREFUSED.*Check your network and proxy settings\.$/);
    await c.dispose();
    assert.equal(e.mayBeBilled, false);
  });

  for (const status of [500, 502, 504, 429]) {
    it(`status ${status} is retried and the job completes`, async () => {
      emu.fault({ on: 'status', kind: 'http', status, times: 2, ...(status === 429 ? { headers: { 'retry-after': '0' } } : {}) });
      const c = client(emu);
      const result = await c.generateAsync(M, body(M));
      await c.dispose();
      assert.equal(result.images.length, 1);
      assert.ok(statusPolls(emu).length >= 3, 'two refused polls, then a good one');
      assert.equal(submits(emu).length, 1);
    });
  }

  it('status 5xx that never ends → server error carrying the request id', async () => {
    emu.fault({ on: 'status', kind: 'http', status: 503, times: 50 });
    const c = client(emu);
    const e = await rejectsWith(c.generateAsync(M, body(M)), 'server', /may still finish and be billed; you can resume it/);
    await c.dispose();
    assert.equal(e.requestId, [...emu.jobs.keys()][0]);
    assert.equal(statusPolls(emu).length, 5, 'five attempts in all');
  });
});

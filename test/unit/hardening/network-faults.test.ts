// Network faults between the client and Segmind, made by the emulator and by a loopback fault proxy
// in front of it (API) and in front of the image origin. Each case asserts what a user is told, how
// many submits the server accepted (never more than one), and that the key reached the API only.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { SegmindError } from '../../../src/segmind/errors';
import { CaseTable, KNOWN_KEY, L, M, assertKeyOnlyToApi, brief, rejectsWith, smallBody, startRig, type Rig } from '../../hardening/fixtures';
import { closedPort, startFaultProxy, type FaultProxy } from '../../hardening/faultProxy';

const table = new CaseTable();
/** Extra proxies a test starts; closed after the suite even when the test fails (or the process would hang). */
const extras: FaultProxy[] = [];
async function extraProxy(target: string): Promise<FaultProxy> {
  const p = await startFaultProxy({ target });
  extras.push(p);
  return p;
}
const posts = (rig: Rig): number => rig.api.requests.filter((r) => r.method === 'POST').length;

describe('hardening: network faults (emulator + fault proxy)', () => {
  let rig: Rig;
  before(async () => { rig = await startRig(); });
  after(async () => {
    await Promise.all(extras.map((p) => p.close()));
    await rig.close();
    table.print('Network faults (core, SegmindClient.generateAsync unless noted)');
  });
  beforeEach(() => rig.reset());

  it('baseline: a generation through both proxies succeeds, the key goes to the API only', async () => {
    const c = rig.client();
    const result = await c.generateAsync(L, smallBody(L));
    assert.equal(result.images.length, 1);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    assert.ok(rig.images.requests.length >= 1, 'the image came through the image proxy');
    assertKeyOnlyToApi(rig, c);
    table.add({ case: 'no fault (baseline)', outcome: 'image saved', submitsAccepted: 1, written: '1 image' });
  });

  it('connection refused (nothing listening) → retried, then a network error; nothing accepted', async () => {
    const port = await closedPort();
    const c = rig.client({ baseUrl: `http://127.0.0.1:${port}` });
    const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'network', /^The connection to Segmind was refused \(.*ECONNREFUSED.*\)\. Check your network and proxy settings\.$/);
    assert.equal(e.mayBeBilled, false);
    assert.equal(c.log.lines.filter((l) => /retry \d/.test(l)).length, 4, 'five attempts in all');
    assert.equal(rig.emu.acceptedSubmits(), 0);
    assertKeyOnlyToApi(rig, c, [e]);
    table.add({ case: 'connection refused', outcome: brief(e), submitsAccepted: 0, written: 'nothing' });
  });

  it('connection refused for a moment → the submit is sent once the server listens; exactly one job', async () => {
    const c = rig.client();
    await rig.api.refuseFor(150);
    const result = await c.generateAsync(M, smallBody(M));
    assert.equal(result.images.length, 1);
    assert.equal(posts(rig), 1);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: 'connection refused for 150 ms', outcome: 'image saved (submit re-sent: nothing had been sent)', submitsAccepted: 1, written: '1 image' });
  });

  it('reset before the server saw the submit → not re-sent (the client cannot tell), nothing accepted', async () => {
    rig.api.fault({ method: 'POST', kind: 'reset-before' });
    const c = rig.client();
    const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'network', /may have reached Segmind: the job may still run and be billed, so it was not sent again/);
    assert.equal(e.mayBeBilled, true);
    assert.equal(posts(rig), 1);
    assert.equal(rig.emu.acceptedSubmits(), 0);
    assertKeyOnlyToApi(rig, c, [e]);
    table.add({ case: 'reset before the submit is accepted', outcome: brief(e), submitsAccepted: 0, written: 'nothing' });
  });

  it('reset after the submit was accepted → not re-sent; the error says it may be billed', async () => {
    rig.api.fault({ method: 'POST', kind: 'reset-after-forward' });
    const c = rig.client();
    const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'network', /may still run and be billed.*Check your Segmind dashboard before retrying/);
    assert.equal(e.mayBeBilled, true);
    assert.equal(posts(rig), 1);
    assert.equal(rig.emu.acceptedSubmits(), 1, 'the one job the server created');
    table.add({ case: 'reset after the submit is accepted', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('v1 sync: reset after acceptance → not re-sent, may be billed', async () => {
    rig.api.fault({ method: 'POST', kind: 'reset-after-forward' });
    const c = rig.client();
    const e = await rejectsWith(c.generateSync(M, smallBody(M)), 'network', /may still run and be billed/);
    assert.equal(posts(rig), 1);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: 'v1 sync: reset after acceptance', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('slow submit headers past the deadline → timeout, not re-sent', async () => {
    rig.api.fault({ method: 'POST', kind: 'delay-headers', ms: 5000 });
    const c = rig.client({ timeoutMs: 700 });
    const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'timeout', /did not answer within 1 s\. The job may still have been accepted/);
    assert.equal(e.mayBeBilled, true);
    assert.equal(posts(rig), 1);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: 'slow submit headers (past the deadline)', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('slow status headers and a dripping image body within the deadline → completes', async () => {
    rig.api.fault({ method: 'GET', path: /\/status$/, kind: 'delay-headers', ms: 300 });
    rig.images.fault({ kind: 'slow-body', chunkBytes: 512, intervalMs: 5 });
    const c = rig.client({ timeoutMs: 20_000 });
    const result = await c.generateAsync(L, smallBody(L));
    assert.equal(result.images[0]?.format, 'jpeg');
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: 'slow headers / slow body (within the deadline)', outcome: 'image saved', submitsAccepted: 1, written: '1 image' });
  });

  it('the image stalls mid-body → timeout carrying the request id, no hang', async () => {
    rig.images.fault({ kind: 'stall-body', afterBytes: 300, times: Infinity });
    const c = rig.client({ timeoutMs: 1500 });
    const started = Date.now();
    const e = await rejectsWith(c.generateAsync(L, smallBody(L)), 'timeout', /^The job \(request .+\) did not finish within 2 s\. It is still running on Segmind and may finish and be billed; you can resume it from the job list\.$/);
    assert.ok(Date.now() - started < 4000, 'the deadline ended the stall');
    assert.equal(e.requestId, [...rig.emu.jobs.keys()][0]);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: 'image body stalls mid-way', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('the image connection resets after 200 bytes once → downloaded again, completes', async () => {
    rig.images.fault({ kind: 'reset-after-bytes', afterBytes: 200 });
    const c = rig.client();
    const result = await c.generateAsync(L, smallBody(L));
    assert.equal(result.images.length, 1);
    assert.equal(rig.images.requests.length, 2);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: 'image reset after 200 bytes (once)', outcome: 'image saved (download retried)', submitsAccepted: 1, written: '1 image' });
  });

  it('the image connection always resets → network error after 5 attempts, request id kept', async () => {
    rig.images.fault({ kind: 'reset-after-bytes', afterBytes: 200, times: Infinity });
    const c = rig.client();
    const e = await rejectsWith(c.generateAsync(L, smallBody(L)), 'network', /The job \(request .+\) may still finish and be billed; you can resume it from the job list/);
    assert.equal(rig.images.requests.length, 5);
    assert.ok(e.requestId);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    assertKeyOnlyToApi(rig, c, [e]);
    table.add({ case: 'image reset after 200 bytes (always)', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('status connection resets twice → polling goes on, completes', async () => {
    rig.api.fault({ method: 'GET', path: /\/status$/, kind: 'reset-after-bytes', afterBytes: 5, times: 2 });
    const c = rig.client();
    const result = await c.generateAsync(M, smallBody(M));
    assert.equal(result.images.length, 1);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: 'status connection reset (twice)', outcome: 'image saved', submitsAccepted: 1, written: '1 image' });
  });

  it('a 5xx storm on status (500, 502, 503, 504) → retried, completes with one job', async () => {
    for (const status of [500, 502, 503, 504]) rig.emu.fault({ on: 'status', kind: 'http', status });
    const c = rig.client();
    const result = await c.generateAsync(M, smallBody(M));
    assert.equal(result.images.length, 1);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: '5xx storm on status (4 in a row)', outcome: 'image saved', submitsAccepted: 1, written: '1 image' });
  });

  it('504 on every status → server error with the request id, polling stopped', async () => {
    rig.emu.fault({ on: 'status', kind: 'http', status: 504, times: 100 });
    const c = rig.client();
    const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'server', /Segmind had a server problem \(504\).*The job \(request .+\) may still finish and be billed/);
    assert.ok(e.requestId);
    const polls = rig.emu.requests.filter((r) => r.path.endsWith('/status')).length;
    assert.equal(polls, 5);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: '504 on every status', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('500 on submit → never re-sent, "may be billed"', async () => {
    rig.emu.fault({ on: 'submit', kind: 'http', status: 500 });
    const c = rig.client();
    const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'server', /\(500\)/);
    assert.equal(e.mayBeBilled, true);
    assert.equal(posts(rig), 1);
    assert.equal(rig.emu.acceptedSubmits(), 0);
    table.add({ case: '500 on submit', outcome: brief(e), submitsAccepted: 0, written: 'nothing' });
  });

  it('a 429 storm on submit → waits, re-sends, exactly one accepted job', async () => {
    rig.emu.fault({ on: 'submit', kind: 'rate-limit', retryAfterSeconds: 0, times: 6 });
    const c = rig.client();
    const result = await c.generateAsync(M, smallBody(M));
    assert.equal(result.images.length, 1);
    assert.equal(posts(rig), 7);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: '429 storm on submit (6 in a row)', outcome: 'image saved', submitsAccepted: 1, written: '1 image' });
  });

  it('429 asking for a wait past the deadline → rate-limited, says how long, nothing accepted', async () => {
    rig.emu.fault({ on: 'submit', kind: 'rate-limit', retryAfterSeconds: 120 });
    const c = rig.client({ timeoutMs: 5000 });
    const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'rate-limited', /Segmind asks to wait 120 s/);
    assert.equal(rig.emu.acceptedSubmits(), 0);
    table.add({ case: '429 with Retry-After past the deadline', outcome: brief(e), submitsAccepted: 0, written: 'nothing' });
  });

  it('malformed JSON on submit → not re-sent (the job exists)', async () => {
    rig.emu.fault({ on: 'submit', kind: 'malformed-json' });
    const c = rig.client();
    const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'malformed', /submit answer was not valid JSON.*may still have been accepted and billed/);
    assert.equal(posts(rig), 1);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: 'malformed JSON on submit', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('JSON where the image is expected (always) → not-an-image, quoting the server', async () => {
    rig.emu.fault({ on: 'image', kind: 'json-instead-of-image', times: 10 });
    const c = rig.client();
    const e = await rejectsWith(c.generateAsync(L, smallBody(L)), 'not-an-image', /is a JSON (message|document).*not an image/);
    assert.equal(rig.emu.acceptedSubmits(), 1);
    table.add({ case: 'JSON instead of the image', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('an HTML page where the image is expected (always) → not-an-image', async () => {
    rig.emu.fault({ on: 'image', kind: 'html-instead-of-image', times: 10 });
    const c = rig.client();
    const e = await rejectsWith(c.generateAsync(L, smallBody(L)), 'not-an-image', /is an HTML page, not an image/);
    table.add({ case: 'HTML instead of the image', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('an image where the result JSON is expected (always) → malformed', async () => {
    rig.emu.fault({ on: 'result', kind: 'image-instead-of-json', times: 10 });
    const c = rig.client();
    const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'malformed', /result answer was an image instead of JSON/);
    table.add({ case: 'image instead of the result JSON', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('a wrong content type on the image (text/html on real JPEG bytes) → the bytes decide: saved', async () => {
    rig.emu.fault({ on: 'image', kind: 'wrong-content-type', contentType: 'text/html' });
    const c = rig.client();
    const result = await c.generateAsync(L, smallBody(L));
    assert.equal(result.images[0]?.format, 'jpeg');
    assert.equal(result.images[0]?.mime, 'image/jpeg', 'the saved type comes from the magic bytes, not the header');
    table.add({ case: 'wrong content type on the image', outcome: 'image saved (type from the bytes)', submitsAccepted: 1, written: '1 image' });
  });

  it('a truncated image (always) → "incomplete" error', async () => {
    rig.emu.fault({ on: 'image', kind: 'truncated-image', times: 10 });
    const c = rig.client();
    const e = await rejectsWith(c.generateAsync(L, smallBody(L)), 'not-an-image', /incomplete JPEG image/);
    table.add({ case: 'truncated image', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  it('an oversized image (chunked, no Content-Length) → refused at the cap, not retried', async () => {
    rig.emu.fault({ on: 'image', kind: 'oversized-image', bytes: 3 * 1024 * 1024, noContentLength: true });
    const c = rig.client({ maxImageBytes: 1024 * 1024 });
    const e = await rejectsWith(c.generateAsync(L, smallBody(L)), 'too-large', /larger than the 1 MB allowed/);
    assert.equal(rig.emu.requests.filter((r) => r.origin === 'output').length, 1);
    table.add({ case: 'oversized image (3 MB, cap 1 MB)', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
  });

  describe('redirects', () => {
    it('a 307 on submit to another origin → not followed (POSTs never are), the other host gets nothing', async () => {
      const other = await extraProxy(rig.emu.url);
      rig.api.fault({ method: 'POST', kind: 'redirect', status: 307, location: (p) => `${other.url}${p}` });
      const c = rig.client();
      const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'malformed', /answered with a redirect \(HTTP 307\), which is not followed for API calls/);
      assert.equal(other.requests.length, 0);
      assert.equal(rig.emu.acceptedSubmits(), 0);
      assertKeyOnlyToApi(rig, c, [e], [other]);
      table.add({ case: '307 redirect of the submit to another origin', outcome: brief(e), submitsAccepted: 0, written: 'nothing' });
    });

    it('a 302 on status to another origin → not followed; the other host never sees the key', async () => {
      const other = await extraProxy(rig.emu.url);
      rig.api.fault({ method: 'GET', path: /\/status$/, kind: 'redirect', status: 302, location: (p) => `${other.url}${p}`, times: Infinity });
      const c = rig.client();
      const e = await rejectsWith(c.generateAsync(M, smallBody(M)), 'malformed', /answered with a redirect \(HTTP 302\), which is not followed/);
      assert.equal(other.requests.length, 0);
      assertKeyOnlyToApi(rig, c, [e], [other]);
      table.add({ case: '302 redirect of a status poll', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
    });

    it('an image URL on the API host that redirects to a CDN → followed, the key is not forwarded', async () => {
      const cdn = await extraProxy(rig.emu.outputUrl);
      const c = rig.client();
      const job = await c.submit(L, smallBody(L));
      const real = new URL(rig.emu.jobs.get(job.requestId)?.outputs[0] ?? '');
      // The answer names an image on the API origin itself (which gets the key), which redirects away.
      rig.emu.fault({ on: 'result', kind: 'output-url', url: `${rig.api.url}/img${real.pathname}` });
      rig.api.fault({ method: 'GET', path: '/img/', kind: 'redirect', status: 302, location: (p) => `${cdn.url}${p.slice(4)}` });
      const result = await c.waitForCompletion(job.requestId, { expectedMs: 60 });
      assert.equal(result.images[0]?.format, 'jpeg');
      assert.equal(rig.api.requests.find((r) => r.path.startsWith('/img/'))?.headers['x-api-key'], KNOWN_KEY, 'first hop: the configured API host');
      assert.equal(cdn.requests.length, 1);
      assert.equal(cdn.requests[0]?.headers['x-api-key'], undefined, 'the key did not follow the redirect');
      assertKeyOnlyToApi(rig, c, [], [cdn]);
      table.add({ case: 'image on the API host redirecting to a CDN', outcome: 'image saved; the key not sent to the CDN', submitsAccepted: 1, written: '1 image' });
    });

    it('an image redirect loop → stopped after 3 redirects', async () => {
      rig.images.fault({ kind: 'redirect', status: 302, location: (p) => `${rig.images.url}${p}`, times: Infinity });
      const c = rig.client();
      const e = await rejectsWith(c.generateAsync(L, smallBody(L)), 'malformed', /redirected more often than allowed \(3\)/);
      assert.equal(rig.images.requests.length, 4);
      table.add({ case: 'image redirect loop', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
    });

    it('an image redirect to file: → refused', async () => {
      rig.images.fault({ kind: 'redirect', status: 302, location: () => 'file:///etc/passwd' });
      const c = rig.client();
      const e = await rejectsWith(c.generateAsync(L, smallBody(L)), 'malformed', /redirected to a file: URL, which is refused/);
      table.add({ case: 'image redirect to file:', outcome: brief(e), submitsAccepted: 1, written: 'nothing' });
    });
  });

  it('every error of this suite is a SegmindError with a user-facing sentence', () => {
    for (const row of table.rows) assert.ok(!/undefined|\[object /.test(row.outcome), row.outcome);
    assert.ok(SegmindError);
  });
});

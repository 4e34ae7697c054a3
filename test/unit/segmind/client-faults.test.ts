// Response-shape faults, hostile output URLs, redirects, deadlines and cancellation.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Emulator } from '../../emulator/emulator';
import { L, M, body, client, emulator, imageGets, rejectsWith, startServer, statusPolls, submits } from './helpers';

/** Quick backoff: these tests exhaust retries; the delays themselves are tested in retry.test.ts. */
const quick = { retryPolicy: { baseDelayMs: 10, maxDelayMs: 40 } };
const resultGets = (emu: Emulator) => emu.requests.filter((r) => r.origin === 'api' && r.method === 'GET' && !r.path.endsWith('/status'));

describe('SegmindClient faults', () => {
  let emu: Emulator;
  before(async () => { emu = await emulator(); });
  after(async () => { await emu.close(); });
  beforeEach(() => emu.reset());

  it('malformed JSON on status once → retried, completes', async () => {
    emu.fault({ on: 'status', kind: 'malformed-json' });
    const c = client(emu);
    const result = await c.generateAsync(M, body(M));
    await c.dispose();
    assert.equal(result.images.length, 1);
    assert.ok(statusPolls(emu).length >= 2);
  });

  it('malformed JSON on every status → malformed error with the request id', async () => {
    emu.fault({ on: 'status', kind: 'malformed-json', times: 20 });
    const c = client(emu, quick);
    const e = await rejectsWith(c.generateAsync(M, body(M)), 'malformed', /Segmind's status answer was not valid JSON \(HTTP 200\)\. The job \(request .+\) may still finish and be billed/);
    await c.dispose();
    assert.equal(e.mayBeBilled, true);
    assert.equal(statusPolls(emu).length, 5);
  });

  it('malformed JSON on submit → not re-sent; the job was accepted', async () => {
    emu.fault({ on: 'submit', kind: 'malformed-json' });
    const c = client(emu);
    const e = await rejectsWith(c.generateAsync(M, body(M)), 'malformed', /submit answer was not valid JSON.*may still have been accepted and billed/);
    await c.dispose();
    assert.equal(e.mayBeBilled, true);
    assert.equal(submits(emu).length, 1);
    assert.equal(emu.acceptedSubmits(), 1);
  });

  it('a wrong content type on a JSON answer is tolerated (the body decides)', async () => {
    emu.fault({ on: 'status', kind: 'wrong-content-type', contentType: 'text/plain', times: 3 });
    emu.fault({ on: 'image', kind: 'wrong-content-type', contentType: 'application/octet-stream' });
    const c = client(emu);
    const result = await c.generateAsync(L, body(L));
    await c.dispose();
    assert.equal(result.images[0]?.format, 'jpeg');
  });

  it('an image where the result JSON was expected → retried, then a clear error', async () => {
    emu.fault({ on: 'result', kind: 'image-instead-of-json', times: 10 });
    const c = client(emu, quick);
    await rejectsWith(c.generateAsync(M, body(M)), 'malformed', /result answer was an image instead of JSON/);
    await c.dispose();
    assert.equal(resultGets(emu).length, 5);
  });

  it('a truncated image once → downloaded again; always truncated → "incomplete" error', async () => {
    emu.fault({ on: 'image', kind: 'truncated-image' });
    const c = client(emu, quick);
    const ok = await c.generateAsync(L, body(L, { image_format: 'png' }));
    assert.equal(ok.images[0]?.format, 'png');
    assert.equal(imageGets(emu).length, 2);
    emu.reset();
    for (const format of ['png', 'jpeg', 'webp']) {
      emu.fault({ on: 'image', kind: 'truncated-image', times: 5 });
      const e = await rejectsWith(c.generateAsync(L, body(L, { image_format: format })), 'not-an-image',
        new RegExp(`The image \\(http://127\\.0\\.0\\.1:\\d+/outputs/.+\\) is an incomplete ${format.toUpperCase()} image`));
      assert.equal(e.mayBeBilled, true);
    }
    await c.dispose();
  });

  it('an HTML page or JSON instead of the image → not-an-image', async () => {
    const c = client(emu, quick);
    emu.fault({ on: 'image', kind: 'html-instead-of-image', times: 5 });
    await rejectsWith(c.generateAsync(L, body(L)), 'not-an-image', /is an HTML page, not an image/);
    emu.fault({ on: 'image', kind: 'json-instead-of-image', times: 5 });
    await rejectsWith(c.generateAsync(L, body(L)), 'not-an-image', /is a JSON message \("Output is being prepared"\), not an image/);
    emu.fault({ on: 'sync', kind: 'html-instead-of-image' });
    const e = await rejectsWith(c.generateSync(L, body(L)), 'not-an-image', /is an HTML page/);
    assert.equal(e.mayBeBilled, true);
    await c.dispose();
  });

  for (const noContentLength of [false, true]) {
    it(`an oversized image (${noContentLength ? 'chunked' : 'announced'}) is refused at the cap, not retried`, async () => {
      emu.fault({ on: 'image', kind: 'oversized-image', bytes: 3 * 1024 * 1024, noContentLength });
      const c = client(emu, { maxImageBytes: 1024 * 1024 });
      await rejectsWith(c.generateAsync(L, body(L)), 'too-large', /larger than the 1 MB allowed/);
      await c.dispose();
      assert.equal(imageGets(emu).length, 1);
    });
  }

  for (const [url, text] of [
    ['file:///etc/passwd', /with the file: scheme, which is refused/],
    ['javascript:alert(1)', /with the javascript: scheme/],
    ['http://10.0.0.7/x.png', /on a private or local address \(10\.0\.0\.7\)/],
    ['http://169.254.169.254/latest/meta-data', /private or local address/],
    ['http://user:pw@cdn.example.com/x.png', /embedded credentials/],
    ['data:text/html;base64,PGh0bWw+PC9odG1sPg==', /data URI of type "text\/html"/],
  ] as const) {
    it(`refuses the output URL ${url.slice(0, 30)}`, async () => {
      emu.fault({ on: 'result', kind: 'output-url', url });
      const c = client(emu);
      const e = await rejectsWith(c.generateAsync(L, body(L)), 'malformed', text);
      await c.dispose();
      assert.equal(e.mayBeBilled, true);
      assert.equal(imageGets(emu).length, 0);
    });
  }

  it('follows a redirect for an image without the key; refuses endless redirects and redirects to private hosts', async () => {
    const c = client(emu);
    const job = await c.submit(L, body(L));
    const target = emu.jobs.get(job.requestId)?.outputs[0] ?? '';
    const hops = await startServer((req, res) => {
      const location = req.url === '/loop' ? '/loop' : req.url === '/private' ? 'http://169.254.169.254/latest/meta-data/' : target;
      res.writeHead(302, { location }).end();
    });
    emu.fault({ on: 'result', kind: 'output-url', url: `${hops.url}/cdn.png` });
    const result = await c.waitForCompletion(job.requestId, { expectedMs: 60 });
    assert.equal(result.images[0]?.format, 'jpeg');
    assert.equal(hops.requests[0]?.headers['x-api-key'], undefined);
    assert.equal(imageGets(emu)[0]?.headers['x-api-key'], undefined);
    emu.fault({ on: 'result', kind: 'output-url', url: `${hops.url}/loop` });
    await rejectsWith(c.waitForCompletion(job.requestId, { expectedMs: 60 }), 'malformed', /redirected more often than allowed \(3\)/);
    emu.fault({ on: 'result', kind: 'output-url', url: `${hops.url}/private` });
    await rejectsWith(c.waitForCompletion(job.requestId, { expectedMs: 60 }), 'malformed', /private or local address \(169\.254\.169\.254\)/);
    await c.dispose();
    await hops.close();
  });

  it('slow status headers past the deadline → timeout carrying the request id', async () => {
    emu.fault({ on: 'status', kind: 'delay-headers', ms: 10_000 });
    const c = client(emu, { timeoutMs: 1200 });
    const e = await rejectsWith(c.generateAsync(M, body(M)), 'timeout',
      /^The job \(request .+\) did not finish within 1 s\. It is still running on Segmind and may finish and be billed; you can resume it from the job list\.$/);
    await c.dispose();
    assert.equal(e.requestId, [...emu.jobs.keys()][0]);
    assert.equal(e.mayBeBilled, true);
  });

  it('a hung status answer is abandoned after the attempt timeout and retried', async () => {
    emu.fault({ on: 'status', kind: 'delay-headers', ms: 5000 });
    const c = client(emu, { attemptTimeoutMs: 300 });
    const started = Date.now();
    const result = await c.generateAsync(M, body(M));
    await c.dispose();
    assert.equal(result.images.length, 1);
    assert.ok(statusPolls(emu).length >= 2);
    assert.ok(Date.now() - started < 4000, 'did not wait for the slow answer');
  });

  it('v1: JSON instead of the image → not-an-image; a wrong content type on real bytes is fine', async () => {
    const c = client(emu);
    emu.fault({ on: 'sync', kind: 'json-instead-of-image' });
    const e = await rejectsWith(c.generateSync(L, body(L)), 'not-an-image', /is a JSON message \("Output is being prepared"\)/);
    assert.equal(e.mayBeBilled, true);
    emu.fault({ on: 'sync', kind: 'wrong-content-type', contentType: 'application/json' });
    const ok = await c.generateSync(L, body(L, { image_format: 'png' }));
    assert.equal(ok.images[0]?.format, 'png');
    await c.dispose();
    assert.equal(submits(emu).length, 2);
  });

  it('a slow submit past the deadline → timeout saying the job may have been accepted', async () => {
    emu.fault({ on: 'submit', kind: 'delay-headers', ms: 10_000 });
    const c = client(emu, { timeoutMs: 800 });
    const e = await rejectsWith(c.submit(M, body(M)), 'timeout', /may still have been accepted and may finish and be billed/);
    await c.dispose();
    assert.equal(e.mayBeBilled, true);
    assert.equal(submits(emu).length, 1);
  });

  it('an image body that stalls → timeout, not a hang', async () => {
    emu.fault({ on: 'image', kind: 'stall-body', afterBytes: 100 });
    const c = client(emu, { timeoutMs: 1500 });
    await rejectsWith(c.generateAsync(L, body(L)), 'timeout');
    await c.dispose();
  });

  it('cancelling while polling → cancelled, the job may still be billed, polling stops', async () => {
    const slow = await emulator({ processingMs: 5000 });
    const c = client(slow);
    const controller = new AbortController();
    const pending = c.generateAsync(M, body(M), { signal: controller.signal });
    setTimeout(() => controller.abort(), 400);
    const e = await rejectsWith(pending, 'cancelled', /^Cancelled\. The job \(request .+\) may keep running on Segmind and be billed/);
    const polls = statusPolls(slow).length;
    await new Promise((r) => setTimeout(r, 1200));
    assert.equal(statusPolls(slow).length, polls, 'no polls after cancel');
    assert.equal(e.mayBeBilled, true);
    await c.dispose();
    await slow.close();
  });

  it('an already-aborted signal sends nothing', async () => {
    const c = client(emu);
    await rejectsWith(c.generateAsync(M, body(M), { signal: AbortSignal.abort() }), 'cancelled', /^Cancelled\.$/);
    await c.dispose();
    assert.equal(emu.requests.length, 0);
  });
});

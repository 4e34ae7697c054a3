import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { SD35L, asJson, bytesOf, get, post, submit, FAULT_BODY, completedImageUrl, waitFor } from './helpers';

const BODY = FAULT_BODY;

describe('emulator faults: reshaped responses', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ queueMs: 0, processingMs: 0 });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  describe('slow responses', () => {
    it('delay-headers holds the response; a submit is accepted on arrival', async () => {
      emu.fault({ on: 'submit', kind: 'delay-headers', ms: 600 });
      const started = Date.now();
      const pending = post(emu, `/v2/${SD35L}`, BODY);
      assert.ok(await waitFor(() => emu.acceptedSubmits() === 1, 500), 'job exists before the reply');
      const r = await pending;
      assert.equal(r.status, 200);
      assert.ok(Date.now() - started >= 590);
    });

    it('stall-body sends afterBytes of the body, then nothing until the client gives up', async () => {
      const url = await completedImageUrl(emu);
      emu.fault({ on: 'image', kind: 'stall-body', afterBytes: 100 });
      const abort = new AbortController();
      const r = await fetch(url, { signal: abort.signal });
      assert.equal(r.status, 200);
      const declared = Number(r.headers.get('content-length'));
      assert.ok(declared > 100);
      const reader = r.body?.getReader();
      assert.ok(reader);
      let received = 0;
      const outcome = await Promise.race([
        (async () => {
          for (;;) {
            const chunk = await reader.read();
            if (chunk.done) return 'ended';
            received += chunk.value.length;
          }
        })().catch(() => 'aborted'),
        new Promise((resolve) => setTimeout(() => resolve('stalled'), 300)),
      ]);
      assert.equal(outcome, 'stalled');
      assert.equal(received, 100);
      abort.abort();
    });

    it('stall-body on status: headers arrive, the JSON never completes', async () => {
      const id = await submit(emu, SD35L, BODY);
      emu.fault({ on: 'status', kind: 'stall-body', afterBytes: 5 });
      const abort = new AbortController();
      const r = await fetch(`${emu.url}/v2/requests/${id}/status`, { headers: { 'x-api-key': emu.apiKey }, signal: abort.signal });
      const text = r.text().then(() => 'ended', () => 'aborted');
      const outcome = await Promise.race([text, new Promise((resolve) => setTimeout(() => resolve('stalled'), 200))]);
      assert.equal(outcome, 'stalled');
      abort.abort();
    });
  });

  describe('wrong bodies', () => {
    it('malformed-json on status: 200 application/json that does not parse', async () => {
      const id = await submit(emu, SD35L, BODY);
      emu.fault({ on: 'status', kind: 'malformed-json' });
      const r = await get(emu, `/v2/requests/${id}/status`);
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/json');
      const text = await r.text();
      assert.throws(() => JSON.parse(text));
    });

    it('malformed-json on submit: the job was accepted', async () => {
      emu.fault({ on: 'submit', kind: 'malformed-json' });
      const r = await post(emu, `/v2/${SD35L}`, BODY);
      await assert.rejects(r.json());
      assert.equal(emu.acceptedSubmits(), 1);
    });

    it('wrong-content-type on result and image', async () => {
      const id = await submit(emu, SD35L, BODY);
      emu.fault({ on: 'result', kind: 'wrong-content-type', contentType: 'text/plain' });
      const r = await get(emu, `/v2/requests/${id}`);
      assert.equal(r.headers.get('content-type'), 'text/plain');
      assert.equal(JSON.parse(await r.text()).status, 'COMPLETED');
      emu.fault({ on: 'image', kind: 'wrong-content-type', contentType: 'application/octet-stream' });
      const image = await bytesOf(get(emu, emu.jobs.get(id)?.outputs[0] ?? '', null));
      assert.equal(image.headers.get('content-type'), 'application/octet-stream');
      assert.equal((await sharp(image.bytes).metadata()).format, 'jpeg');
    });

    it('truncated-image: a complete response holding half the image', async () => {
      const url = await completedImageUrl(emu);
      const full = await bytesOf(get(emu, url, null));
      emu.fault({ on: 'image', kind: 'truncated-image' });
      const cut = await bytesOf(get(emu, url, null));
      assert.equal(cut.status, 200);
      assert.equal(cut.headers.get('content-type'), 'image/jpeg');
      assert.equal(cut.bytes.length, Math.floor(full.bytes.length / 2));
      assert.deepEqual(cut.bytes, full.bytes.subarray(0, cut.bytes.length));
    });

    it('truncated-image on sync', async () => {
      emu.fault({ on: 'sync', kind: 'truncated-image' });
      const cut = await bytesOf(post(emu, `/v1/${SD35L}`, { ...BODY, image_format: 'png' }));
      assert.equal(cut.headers.get('content-type'), 'image/png');
      await assert.rejects(sharp(cut.bytes).raw().toBuffer());
    });

    it('oversized-image: a real image padded to the requested size, with Content-Length', async () => {
      const url = await completedImageUrl(emu);
      emu.fault({ on: 'image', kind: 'oversized-image', bytes: 3_000_000 });
      const big = await bytesOf(get(emu, url, null));
      assert.equal(big.headers.get('content-length'), '3000000');
      assert.equal(big.bytes.length, 3_000_000);
      assert.deepEqual([...big.bytes.subarray(0, 3)], [0xff, 0xd8, 0xff]);
    });

    it('oversized-image with noContentLength streams chunked', async () => {
      const url = await completedImageUrl(emu);
      emu.fault({ on: 'image', kind: 'oversized-image', bytes: 2_000_000, noContentLength: true });
      const big = await bytesOf(get(emu, url, null));
      assert.equal(big.headers.get('content-length'), null);
      assert.equal(big.bytes.length, 2_000_000);
    });

    it('html-instead-of-image: 200 text/html', async () => {
      const url = await completedImageUrl(emu);
      emu.fault({ on: 'image', kind: 'html-instead-of-image' });
      const r = await get(emu, url, null);
      assert.equal(r.status, 200);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
      assert.match(await r.text(), /^<!DOCTYPE html>/);
    });

    it('html-instead-of-image on sync', async () => {
      emu.fault({ on: 'sync', kind: 'html-instead-of-image' });
      const r = await post(emu, `/v1/${SD35L}`, BODY);
      assert.match(r.headers.get('content-type') ?? '', /^text\/html/);
    });

    it('json-instead-of-image: 200 application/json', async () => {
      const url = await completedImageUrl(emu);
      emu.fault({ on: 'image', kind: 'json-instead-of-image' });
      const r = await asJson(get(emu, url, null));
      assert.equal(r.status, 200);
      assert.equal(r.headers.get('content-type'), 'application/json');
    });

    it('image-instead-of-json on status: 200 image/png', async () => {
      const id = await submit(emu, SD35L, BODY);
      emu.fault({ on: 'status', kind: 'image-instead-of-json' });
      const r = await bytesOf(get(emu, `/v2/requests/${id}/status`));
      assert.equal(r.headers.get('content-type'), 'image/png');
      assert.equal((await sharp(r.bytes).metadata()).format, 'png');
    });

    it('output-url replaces every output URL in the result', async () => {
      const id = await submit(emu, SD35L, { ...BODY, batch_size: 2 });
      emu.fault({ on: 'result', kind: 'output-url', url: 'http://127.0.0.1:1/elsewhere.png' });
      const r = await asJson(get(emu, `/v2/requests/${id}`));
      assert.deepEqual(r.json.output, ['http://127.0.0.1:1/elsewhere.png', 'http://127.0.0.1:1/elsewhere.png']);
      const again = await asJson(get(emu, `/v2/requests/${id}`));
      assert.notDeepEqual(again.json.output, r.json.output);
    });
  });
});

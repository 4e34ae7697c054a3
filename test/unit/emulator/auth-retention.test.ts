import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { SD35L, SD3M, asJson, get, post, submit } from './helpers';

describe('emulator auth', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ apiKey: 'sk-test-secret-123', queueMs: 0, processingMs: 0 });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  it('the default key is emu- + random hex, different per emulator', async () => {
    const a = await startEmulator();
    const b = await startEmulator();
    try {
      assert.match(a.apiKey, /^emu-[0-9a-f]{24}$/);
      assert.notEqual(a.apiKey, b.apiKey);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  for (const [name, key] of [['missing', null], ['wrong', 'sk-wrong'], ['empty', '']] as const) {
    it(`401 {error} with a ${name} key on every endpoint; nothing is billed`, async () => {
      const responses = await Promise.all([
        asJson(post(emu, `/v2/${SD35L}`, { prompt: 'x' }, key)),
        asJson(post(emu, `/v1/${SD3M}`, { prompt: 'x' }, key)),
        asJson(get(emu, '/v2/requests/abc/status', key)),
        asJson(get(emu, '/v2/requests/abc', key)),
      ]);
      for (const r of responses) {
        assert.equal(r.status, 401);
        assert.equal(typeof r.json.error, 'string');
        assert.ok(!String(r.json.error).includes('sk-test-secret-123'));
      }
      assert.equal(emu.acceptedSubmits(), 0);
    });
  }

  it('a Bearer Authorization header is not accepted', async () => {
    const r = await fetch(`${emu.url}/v2/${SD35L}`, { method: 'POST', headers: { authorization: `Bearer ${emu.apiKey}`, 'content-type': 'application/json' }, body: '{"prompt":"x"}' });
    assert.equal(r.status, 401);
  });

  it('auth is checked before the model and the body', async () => {
    assert.equal((await post(emu, '/v2/no-such-model', 'not json', 'bad')).status, 401);
  });

  it('the image origin needs no key', async () => {
    const id = await submit(emu, SD35L, { prompt: 'x', width: 64, height: 64 });
    const url = emu.jobs.get(id)?.outputs[0] ?? '';
    assert.equal((await get(emu, url, null)).status, 200);
  });
});

describe('emulator retention and clock', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ queueMs: 0, processingMs: 0 });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  it('status and result are kept for 1 hour after submit, then 404', async () => {
    const id = await submit(emu, SD35L, { prompt: 'old', width: 64, height: 64 });
    emu.advanceClock(3_600_000 - 1000);
    assert.equal((await get(emu, `/v2/requests/${id}/status`)).status, 200);
    assert.equal((await get(emu, `/v2/requests/${id}`)).status, 200);
    emu.advanceClock(1000);
    const status = await asJson(get(emu, `/v2/requests/${id}/status`));
    assert.equal(status.status, 404);
    assert.match(String(status.json.error), /not found or expired/);
    assert.equal((await get(emu, `/v2/requests/${id}`)).status, 404);
    assert.ok(emu.jobs.has(id), 'tests can still inspect the job');
  });

  it('output files outlive the retention (reported: about 7 days)', async () => {
    const id = await submit(emu, SD35L, { prompt: 'old', width: 64, height: 64 });
    emu.advanceClock(2 * 3_600_000);
    assert.equal((await get(emu, emu.jobs.get(id)?.outputs[0] ?? '', null)).status, 200);
  });

  it('retentionMs is configurable', async () => {
    const short = await startEmulator({ queueMs: 0, processingMs: 0, retentionMs: 50 });
    try {
      const id = await submit(short, SD3M, { prompt: 'x', img_width: 512, img_height: 512 });
      short.advanceClock(60);
      assert.equal((await get(short, `/v2/requests/${id}`)).status, 404);
    } finally {
      await short.close();
    }
  });

  it('reset() clears requests, jobs, faults and the clock offset', async () => {
    await submit(emu, SD35L, { prompt: 'x', width: 64, height: 64 });
    emu.fault({ on: 'submit', kind: 'http', status: 500 });
    emu.advanceClock(10_000_000);
    const requests = emu.requests;
    emu.reset();
    assert.equal(emu.requests.length, 0);
    assert.equal(requests, emu.requests, 'same array, cleared in place');
    assert.equal(emu.jobs.size, 0);
    assert.equal(emu.acceptedSubmits(), 0);
    const id = await submit(emu, SD35L, { prompt: 'x', width: 64, height: 64 });
    const job = emu.jobs.get(id);
    assert.ok(job && Math.abs(job.submittedAt - Date.now()) < 1000);
  });
});

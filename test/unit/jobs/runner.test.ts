// The job runner's state machine, driven with fakes of its dependencies (test/unit/jobs/runnerFakes.ts):
// created → submitting → submitted(requestId) → completed → saved → inserted, a failure at each step,
// cancel, resume after a reload, and Retry that waits on the same request instead of paying again.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JobRunner } from '../../../src/jobs/runner';
import { isSegmindError } from '../../../src/segmind/errors';
import { INSERTION, fakes, type Setup } from './runnerFakes';

const MODEL = 'stable-diffusion-3.5-large-txt2img';

function runner(setup: Setup = {}) {
  const f = fakes(setup);
  return { ...f, runner: new JobRunner(f.deps) };
}

const kindOf = (e: unknown): string => (isSegmindError(e) ? e.kind : e instanceof Error ? e.message : String(e));

describe('job runner: the happy path', () => {
  it('submits, persists the request id before polling, waits, saves, adds to the history and inserts', async () => {
    const t = runner({ client: { images: 2 } });
    const events: string[] = [];
    const job = await t.runner.start({ model: MODEL, params: { prompt: 'a lighthouse', seed: 7 }, insertion: INSERTION, onEvent: (e) => events.push(e.type) });
    assert.equal(t.runner.jobs().length, 1, 'running while it waits');
    const outcome = await job.done;
    assert.deepEqual(t.store.states, ['submitting', 'submitted', 'completed', 'saved', 'inserted']);
    assert.equal(t.client.storedAtFirstStatus?.requestId, 'req-1', 'the request id is stored before the first poll');
    assert.deepEqual(t.client.calls, [`submit ${MODEL}`]);
    assert.deepEqual(outcome.files.map(String), ['file:///ws/out-0.png', 'file:///ws/out-1.png']);
    assert.equal(outcome.inserted, true);
    assert.equal(outcome.job.state, 'inserted');
    assert.equal(outcome.job.seed, 7);
    assert.deepEqual(t.inserted, [{ target: INSERTION, files: ['file:///ws/out-0.png', 'file:///ws/out-1.png'] }]);
    assert.deepEqual(t.history.map((h) => [h.id, h.path, h.seed, h.prompt]), [['req-1#0', 'out-0.png', 7, 'a lighthouse'], ['req-1#1', 'out-1.png', 7, 'a lighthouse']]);
    assert.deepEqual(events, ['submitted', 'status', 'status', 'status', 'downloading', 'credits']);
    await t.credits.flushed();
    assert.equal(t.credits.balance()?.credits, 41.5);
    assert.equal(t.runner.jobs().length, 0, 'gone once done');
    assert.equal(t.tracked.size, 0, 'the insertion point is released');
  });

  it('the request builder picks the seed once: a random seed is concrete in the body and the record', async () => {
    const t = runner();
    const job = await t.runner.start({ model: MODEL, params: { prompt: 'p' } });
    const record = job.record();
    assert.ok(Number.isInteger(record.seed) && record.seed >= 0);
    assert.equal(record.body.seed, record.seed);
    await job.done;
  });

  it('without an insertion target the job ends saved, not inserted', async () => {
    const t = runner();
    const outcome = await (await t.runner.start({ model: MODEL, params: { prompt: 'p' } })).done;
    assert.equal(outcome.inserted, false);
    assert.deepEqual(t.store.states, ['submitting', 'submitted', 'completed', 'saved']);
  });

  it('a sync request gets its images in one answer and its request id with them', async () => {
    const t = runner({ settings: { requestMode: 'sync' } });
    const outcome = await (await t.runner.start({ model: MODEL, params: { prompt: 'p' } })).done;
    assert.deepEqual(t.client.calls, [`sync ${MODEL}`]);
    assert.equal(outcome.job.requestId, 'sync-1');
    assert.deepEqual(t.store.states, ['submitting', 'completed', 'saved']);
  });
});

describe('job runner: refusals before anything is spent', () => {
  it('invalid parameters, a missing key or an invalid setting: nothing persisted, nothing sent', async () => {
    const cases: [Setup, Record<string, unknown>, string][] = [
      [{}, { prompt: 'p', steps: 500 }, 'validation'],
      [{ apiKey: null }, { prompt: 'p' }, 'missing-key'],
      [{ settings: { requestTimeoutSeconds: 1 } }, { prompt: 'p' }, 'Fix your Segmind settings first: segmind.requestTimeoutSeconds must be a number of seconds from 10 to 3600 (got 1).'],
    ];
    for (const [setup, params, expected] of cases) {
      const t = runner(setup);
      await assert.rejects(t.runner.start({ model: MODEL, params }), (e) => kindOf(e) === expected, expected);
      assert.equal(t.store.all().length, 0, `${expected}: nothing persisted`);
      assert.deepEqual(t.client.calls, [], `${expected}: nothing sent`);
    }
  });
});

describe('job runner: a failure at each step', () => {
  for (const [failAt, requestId] of [['submit', undefined], ['poll', 'req-1'], ['result', 'req-1']] as const) {
    it(`${failAt}: the job is failed with the error's message${requestId ? ', keeping its request id for Retry' : ''}`, async () => {
      const t = runner({ client: { failAt } });
      const job = await t.runner.start({ model: MODEL, params: { prompt: 'p' }, insertion: INSERTION });
      await assert.rejects(job.done, (e) => isSegmindError(e));
      const stored = t.store.get(job.id);
      assert.equal(stored?.state, 'failed');
      assert.equal(stored?.requestId, requestId);
      assert.ok(stored?.error);
      assert.deepEqual(t.history, []);
      assert.deepEqual(t.inserted, []);
      assert.equal(t.tracked.size, 0);
      assert.ok(t.logs.some((l) => l.startsWith('error ') && l.includes('failed')));
    });
  }

  it('save: the job is failed, nothing is inserted or added to the history', async () => {
    const t = runner({ failSave: true });
    const job = await t.runner.start({ model: MODEL, params: { prompt: 'p' }, insertion: INSERTION });
    await assert.rejects(job.done, /read-only/);
    assert.equal(t.store.get(job.id)?.state, 'failed');
    assert.deepEqual(t.history, []);
    assert.deepEqual(t.inserted, []);
  });

  it('insert: the images stay saved (state saved), the failure is logged', async () => {
    const t = runner({ failInsert: true });
    const outcome = await (await t.runner.start({ model: MODEL, params: { prompt: 'p' }, insertion: INSERTION })).done;
    assert.equal(outcome.inserted, false);
    assert.equal(t.store.all()[0]?.state, 'saved');
    assert.ok(t.logs.some((l) => l.startsWith('warn inserting references failed')));
  });

  it('history: a full workspace state does not fail a saved job', async () => {
    const t = runner({ failHistory: true });
    const outcome = await (await t.runner.start({ model: MODEL, params: { prompt: 'p' } })).done;
    assert.equal(outcome.job.state, 'saved');
    assert.ok(t.logs.some((l) => l.startsWith('warn history:')));
  });
});

describe('job runner: cancel, resume and retry', () => {
  it('cancel stops waiting: the job is cancelled (not failed) and rejects with a cancellation', async () => {
    const t = runner({ client: { hang: true } });
    const job = await t.runner.start({ model: MODEL, params: { prompt: 'p' } });
    await new Promise((r) => setTimeout(r, 10));
    assert.equal(t.runner.cancel('req-1'), true, 'found by its request id');
    await assert.rejects(job.done, (e) => kindOf(e) === 'cancelled');
    assert.equal(t.store.get(job.id)?.state, 'cancelled');
    assert.equal(t.runner.cancel('req-1'), false, 'nothing left to cancel');
  });

  it('resume after a reload waits on the stored request and never submits again', async () => {
    const t = runner();
    const record = await t.store.put({
      id: 'j-reload', model: MODEL, body: { prompt: 'p', seed: 3 }, seed: 3, mode: 'async', createdAt: Date.now(), state: 'submitted',
      requestId: 'req-9', submittedAt: Date.now(), target: { folderUri: 'file:///ws/assets/generated' }, insertion: INSERTION, files: [], imageCount: 1,
    });
    const outcome = await t.runner.resume(record).done;
    assert.deepEqual(t.client.calls, ['wait req-9']);
    assert.equal(outcome.job.state, 'inserted');
    assert.equal(t.history[0]?.id, 'req-9#0');
  });

  it('Retry of a failed job waits on its request again instead of submitting (and paying) twice', async () => {
    const t = runner({ client: { failAt: 'poll' } });
    const first = await t.runner.start({ model: MODEL, params: { prompt: 'p' } });
    await assert.rejects(first.done);
    t.client.calls.length = 0;
    t.client.script = {};
    const again = await t.runner.continueFailed(first.id);
    const outcome = await again.done;
    assert.deepEqual(t.client.calls, ['wait req-1']);
    assert.equal(outcome.job.state, 'saved');
    assert.equal(outcome.job.error, undefined);
  });

  it('Retry refuses a job that never reached Segmind', async () => {
    const t = runner({ client: { failAt: 'submit' } });
    const job = await t.runner.start({ model: MODEL, params: { prompt: 'p' } });
    await assert.rejects(job.done);
    await assert.rejects(t.runner.continueFailed(job.id), /no request to wait on/);
  });
});

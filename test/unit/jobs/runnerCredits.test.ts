// What the job runner learns about credits (with the real ledger and estimator, fakes around them):
// a job that ran alone is costed from the balance before and after, a cost Segmind reports wins, jobs
// that overlapped learn nothing, and a run estimated above the last balance is refused unless confirmed.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BALANCE_KEY, COSTS_KEY } from '../../../src/credits/accountCredits';
import { JobRunner } from '../../../src/jobs/runner';
import { fakes, type Setup } from './runnerFakes';

const MODEL = 'stable-diffusion-3.5-large-txt2img';
const PARAMS = { prompt: 'a lighthouse', width: 1024, height: 1024, batch_size: 2 };

function runner(setup: Setup = {}) {
  const f = fakes(setup);
  return { ...f, runner: new JobRunner(f.deps) };
}

describe('job runner: credits', () => {
  it('a job alone costs the balance before minus after: stored on the job, per image in the history, taught to the estimator', async () => {
    const t = runner({ client: { images: 2, remaining: 49.5 } });
    t.credits.reading(50);
    const outcome = await (await t.runner.start({ model: MODEL, params: PARAMS })).done;
    assert.equal(outcome.job.credits, 0.5);
    assert.deepEqual(t.history.map((h) => h.credits), [0.25, 0.25]);
    await t.credits.flushed();
    assert.deepEqual(t.credits.estimate(MODEL, PARAMS), { credits: 0.5, basis: 'learned' });
    assert.deepEqual(t.credits.balance()?.credits, 49.5);
    assert.ok(t.globalState.values.has(COSTS_KEY) && t.globalState.values.has(BALANCE_KEY), 'kept in global state');
  });

  it('a cost Segmind reports in the metrics wins, even without a balance before', async () => {
    const t = runner({ client: { remaining: 10, cost: 0.13 } });
    const outcome = await (await t.runner.start({ model: MODEL, params: { prompt: 'p' } })).done;
    assert.equal(outcome.job.credits, 0.13);
    assert.equal(t.history[0]?.credits, 0.13);
  });

  it('without a balance before and no reported cost, the cost stays unknown (and no estimate appears)', async () => {
    const t = runner();
    const outcome = await (await t.runner.start({ model: MODEL, params: PARAMS })).done;
    assert.equal(outcome.job.credits, undefined);
    assert.equal(t.history[0]?.credits, undefined);
    await t.credits.flushed();
    assert.equal(t.credits.estimate(MODEL, PARAMS), undefined);
  });

  it('two overlapping jobs learn nothing; the next job alone learns again', async () => {
    let release = (): void => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const t = runner({ client: { gate, remaining: 49 } });
    t.credits.reading(50);
    const first = await t.runner.start({ model: MODEL, params: PARAMS });
    const second = await t.runner.start({ model: MODEL, params: PARAMS });
    await new Promise((r) => setTimeout(r, 10));
    release();
    const [a, b] = await Promise.all([first.done, second.done]);
    assert.equal(a.job.credits, undefined);
    assert.equal(b.job.credits, undefined);
    await t.credits.flushed();
    assert.equal(t.credits.estimate(MODEL, PARAMS), undefined);
    t.client.script = { remaining: 48 };
    const third = await (await t.runner.start({ model: MODEL, params: PARAMS })).done;
    assert.equal(third.job.credits, 1);
  });

  it('a job that failed after its submit leaves no "before" for the next one', async () => {
    const t = runner({ client: { failAt: 'poll' } });
    t.credits.reading(50);
    await assert.rejects((await t.runner.start({ model: MODEL, params: PARAMS })).done);
    t.client.script = { remaining: 49 };
    const next = await (await t.runner.start({ model: MODEL, params: PARAMS })).done;
    assert.equal(next.job.credits, undefined);
  });

  it('a run estimated above the last balance is refused before anything is persisted or sent, unless confirmed', async () => {
    const t = runner({ client: { remaining: 0.3, cost: 0.2 } });
    await (await t.runner.start({ model: MODEL, params: { ...PARAMS, batch_size: 1 } })).done;
    await t.credits.flushed();
    t.client.calls.length = 0;
    const stored = t.store.all().length;
    await assert.rejects(t.runner.start({ model: MODEL, params: PARAMS }),
      /estimated at ≈ 0\.4 credits, more than the 0\.3 credits left .* Nothing was sent\./);
    assert.equal(t.store.all().length, stored);
    assert.deepEqual(t.client.calls, []);
    await (await t.runner.start({ model: MODEL, params: PARAMS, overBalanceConfirmed: true })).done;
    assert.deepEqual(t.client.calls, [`submit ${MODEL}`]);
  });
});

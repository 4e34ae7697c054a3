// Credits in the real extension host, against the emulator over loopback: what a job cost is learned
// from Segmind's answers (metrics, or the x-remaining-credits header alone) and the next estimate
// shows it; jobs that overlapped learn nothing; a run estimated above the balance is refused when no
// one can be asked (programmatic call), before anything is sent.
import * as assert from 'node:assert/strict';
import { estimateText, formatCredits, untranslated } from '../../../src/credits/costText';
import { SD3M, emulator, emulatorPerTest, extensionApi, generate } from './helpers';

const round = (n: number): number => Math.round(n * 10_000) / 10_000;

/** SD 3 Medium at a size no other test uses, so its estimate comes from this test's jobs only. */
function sized(width: number, height: number, extra: Record<string, unknown> = {}) {
  return { model: SD3M, params: { img_width: width, img_height: height, ...extra }, folder: 'out/credits', insert: false };
}

async function jobCredits(requestId: string | undefined): Promise<number | undefined> {
  const api = await extensionApi();
  return api.jobs().find((j) => j.requestId === requestId)?.credits;
}

describe('credits: learned from jobs, shown in estimates, guarding the balance', function () {
  this.timeout(60_000);
  emulatorPerTest();

  it('after one job the next estimate is the cost Segmind reported, and the balance is the one it reported', async () => {
    const api = await extensionApi();
    const request = sized(640, 832);
    const result = await generate({ prompt: 'a costed lighthouse', ...request });
    await api.credits.flushed();
    const cost = await jobCredits(result.requestId);
    assert.ok(cost !== undefined && cost > 0, `the job's cost is stored with it (${cost})`);
    assert.equal(api.credits.balance()?.credits, round(1000 - cost), 'the balance the result reported');
    const estimate = api.credits.estimate(SD3M, request.params);
    assert.deepEqual(estimate, { credits: cost, basis: 'learned' });
    assert.equal(estimateText(estimate, untranslated), `≈ ${formatCredits(cost)} credits`);
    assert.deepEqual(api.credits.estimate(SD3M, { ...request.params, samples: 2 }), { credits: round(cost * 2), basis: 'learned' }, 'per image, times the count');
  });

  it('from the x-remaining-credits header alone: a job alone is costed by the difference; two overlapping jobs learn nothing', async () => {
    const api = await extensionApi();
    await emulator.fault({ on: 'result', kind: 'no-cost-metrics', times: 10 });
    await generate({ prompt: 'a baseline reading', ...sized(576, 576) });
    await api.credits.flushed();
    const before = api.credits.balance()?.credits;
    const alone = await generate({ prompt: 'a job alone', ...sized(584, 584) });
    await api.credits.flushed();
    const after = api.credits.balance()?.credits;
    assert.ok(before !== undefined && after !== undefined && after < before, `${before} → ${after}`);
    assert.equal(await jobCredits(alone.requestId), round(before - after), 'before minus after');

    const [a, b] = await Promise.all([
      generate({ prompt: 'overlapping one', ...sized(592, 592) }),
      generate({ prompt: 'overlapping two', ...sized(600, 600) }),
    ]);
    await api.credits.flushed();
    assert.equal(await jobCredits(a.requestId), undefined);
    assert.equal(await jobCredits(b.requestId), undefined);
    assert.notEqual(api.credits.estimate(SD3M, sized(592, 592).params)?.basis, 'learned', 'nothing learned for these settings');
  });

  it('a programmatic run estimated above the last balance is refused with a clear error, and nothing is sent', async () => {
    const api = await extensionApi();
    const request = sized(1024, 1024);
    try {
      await emulator.setCredits(0.05);
      await generate({ prompt: 'a nearly empty account', ...request });
      await api.credits.flushed();
      const left = api.credits.balance()?.credits;
      const estimate = api.credits.estimate(SD3M, { ...request.params, samples: 2 });
      assert.ok(left !== undefined && estimate && estimate.credits > left, `estimate ${estimate?.credits} > balance ${left}`);
      const submits = (await emulator.info()).acceptedSubmits;
      await assert.rejects(generate({ prompt: 'too expensive', ...request, params: { ...request.params, samples: 2 } }),
        (e: Error) => /estimated at ≈ [\d.]+ credits, more than the [\d.]+ credits left on your Segmind account/.test(e.message) && /Nothing was sent/.test(e.message));
      assert.equal((await emulator.info()).acceptedSubmits, submits, 'no submit');
    } finally {
      // The extension remembers this low balance: one cheap job on a full account reads it afresh.
      await emulator.reset();
      await generate({ prompt: 'refresh the balance', ...request });
      await api.credits.flushed();
    }
  });
});

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CostEstimator, parseCostHistory } from '../../../src/credits/costEstimator';
import { CreditLedger } from '../../../src/credits/creditLedger';
import { estimateText, formatCredits, overBalanceText, untranslated } from '../../../src/credits/costText';
import { creditsByDay, creditsOnDay } from '../../../src/history/dailyCredits';

const SD35 = 'stable-diffusion-3.5-large-txt2img';
const SD3M = 'stable-diffusion-3-medium-txt2img';

describe('credit ledger: what a job cost', () => {
  it('is the balance before minus the balance after, for a job that ran alone', () => {
    const ledger = new CreditLedger();
    ledger.reading(100);
    ledger.jobStarted('a');
    assert.equal(ledger.jobFinished('a', 99.25), 0.75);
    assert.equal(ledger.remaining, 99.25);
  });
  it('is unknown when another job overlapped, for both jobs', () => {
    const ledger = new CreditLedger();
    ledger.reading(100);
    ledger.jobStarted('a');
    ledger.jobStarted('b');
    assert.equal(ledger.jobFinished('a', 99), undefined);
    assert.equal(ledger.jobFinished('b', 98), undefined);
    ledger.jobStarted('c');
    assert.equal(ledger.jobFinished('c', 97.5), 0.5, 'the next job alone is costed again');
  });
  it('is unknown without a balance before, or after a top-up', () => {
    const ledger = new CreditLedger();
    ledger.jobStarted('a');
    assert.equal(ledger.jobFinished('a', 50), undefined);
    ledger.jobStarted('b');
    assert.equal(ledger.jobFinished('b', 500), undefined);
  });
  it('is unknown for the next job after one ended without a reading (it may have been billed)', () => {
    const ledger = new CreditLedger();
    ledger.reading(100);
    ledger.jobStarted('cancelled');
    assert.equal(ledger.jobFinished('cancelled'), undefined);
    assert.equal(ledger.remaining, 100, 'still the last balance read');
    ledger.jobStarted('next');
    assert.equal(ledger.jobFinished('next', 99), undefined);
    ledger.jobStarted('after');
    assert.equal(ledger.jobFinished('after', 98.5), 0.5);
  });
  it('takes a cost Segmind reports itself over the difference', () => {
    const ledger = new CreditLedger();
    ledger.reading(100);
    ledger.jobStarted('a');
    ledger.jobStarted('b');
    assert.equal(ledger.jobFinished('a', 99, 0.3), 0.3);
    assert.equal(ledger.jobFinished('b', 98, 'x'), undefined);
  });
});

describe('cost estimator', () => {
  it('says nothing until a job of the model was costed', () => {
    const e = new CostEstimator();
    assert.equal(e.estimate(SD35, {}), undefined);
    e.learn(SD3M, { img_width: 1024, img_height: 1024 }, 0.2);
    assert.equal(e.estimate(SD35, {}), undefined, 'another model teaches nothing');
  });
  it('averages jobs with the same size and steps, per image, times the count', () => {
    const e = new CostEstimator();
    e.learn(SD3M, { img_width: 1024, img_height: 1024, num_inference_steps: 20, samples: 2 }, 0.4);
    e.learn(SD3M, { img_width: 1024, img_height: 1024, num_inference_steps: 20 }, 0.3);
    assert.deepEqual(e.estimate(SD3M, { img_width: 1024, img_height: 1024, num_inference_steps: 20, samples: 4 }), { credits: 1, basis: 'learned' });
  });
  it('scales by steps and megapixels for settings not seen yet', () => {
    const e = new CostEstimator();
    e.learn(SD3M, { img_width: 1024, img_height: 1024, num_inference_steps: 20 }, 0.2);
    assert.deepEqual(e.estimate(SD3M, { img_width: 2048, img_height: 1024, num_inference_steps: 40 }), { credits: 0.8, basis: 'scaled' });
  });
  it('survives a round trip through JSON and drops malformed entries', () => {
    const e = new CostEstimator();
    e.learn(SD35, { aspect_ratio: '1:1 square 1024x1024' }, 0.5);
    const restored = new CostEstimator(parseCostHistory(JSON.parse(JSON.stringify({ ...e.toJSON(), bad: { model: 1 }, worse: null }))));
    assert.deepEqual(restored.estimate(SD35, { aspect_ratio: '1:1 square 1024x1024' }), e.estimate(SD35, { aspect_ratio: '1:1 square 1024x1024' }));
    assert.deepEqual(Object.keys(restored.toJSON()).length, 1);
  });
});

describe('cost texts', () => {
  it('an estimate reads "≈ n credits"; none says so honestly', () => {
    assert.equal(estimateText({ credits: 0.42, basis: 'learned' }, untranslated), '≈ 0.42 credits');
    assert.equal(estimateText({ credits: 0.0065, basis: 'scaled' }, untranslated), '≈ 0.0065 credits');
    assert.equal(estimateText(undefined, untranslated), 'No cost estimate yet — learned from your first job with this model');
  });
  it('credits: two decimals, two significant digits below one, integers as they are', () => {
    assert.deepEqual([formatCredits(999.985), formatCredits(12), formatCredits(0.123456), formatCredits(1.5)], ['999.99', '12', '0.12', '1.50']);
  });
  it('over the balance: the estimate and the balance it exceeds', () => {
    assert.equal(overBalanceText({ estimate: 2.4, remaining: 1.2 }, untranslated),
      'This run is estimated at ≈ 2.40 credits, more than the 1.20 credits left on your Segmind account (the last balance Segmind reported).');
  });
});

describe('credits spent per day', () => {
  it('sums the images\' known costs per local day and counts the unknown ones', () => {
    const noon = new Date(2026, 11, 4, 12).getTime();
    const entries = [{ createdAt: noon, credits: 0.25 }, { createdAt: noon + 1000, credits: 0.5 }, { createdAt: noon + 2000 }, { createdAt: noon - 86_400_000, credits: 1 }];
    assert.deepEqual(creditsOnDay(entries, noon), { credits: 0.75, images: 3, uncosted: 1 });
    assert.deepEqual([...creditsByDay(entries).keys()], ['2026-12-04', '2026-12-03']);
    assert.deepEqual(creditsOnDay([], noon), { credits: 0, images: 0, uncosted: 0 });
  });
});

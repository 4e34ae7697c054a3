import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CostEstimator, parseCostHistory } from '../../../src/credits/costEstimator';
import { CreditLedger } from '../../../src/credits/creditLedger';

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

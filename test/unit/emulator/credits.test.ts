// The emulator's billing: each job is billed at submit, the result reports cost and balance (metrics and
// the x-remaining-credits header), a fault hides the metrics, and a submit the account cannot afford is a 406.
import { after, before, beforeEach, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator, type Emulator } from '../../emulator/emulator';
import { SD3M, asJson, get, post, submit } from './helpers';

const BODY = { prompt: 'billed', seed: 3, img_width: 1024, img_height: 1024 };

describe('emulator credits', () => {
  let emu: Emulator;
  before(async () => {
    emu = await startEmulator({ queueMs: 0, processingMs: 0 });
  });
  after(() => emu.close());
  beforeEach(() => emu.reset());

  it('bills at submit; the result reports cost and balance in metrics and in x-remaining-credits', async () => {
    emu.setCredits(10);
    const id = await submit(emu, SD3M, BODY);
    const result = await asJson(get(emu, `/v2/requests/${id}`));
    const metrics = result.json.metrics as Record<string, number>;
    assert.equal(metrics.cost, 0.02);
    assert.equal(metrics.remaining_credits, 9.98);
    assert.equal(result.headers.get('x-remaining-credits'), '9.98');
  });

  it('no-cost-metrics: the balance comes only in the header', async () => {
    const id = await submit(emu, SD3M, BODY);
    emu.fault({ on: 'result', kind: 'no-cost-metrics' });
    const result = await asJson(get(emu, `/v2/requests/${id}`));
    const metrics = result.json.metrics as Record<string, number>;
    assert.equal(metrics.cost, undefined);
    assert.equal(metrics.remaining_credits, undefined);
    assert.equal(result.headers.get('x-remaining-credits'), '999.98');
  });

  it('refuses a submit the account cannot afford with 406, billing nothing; reset restores the balance', async () => {
    emu.setCredits(0.01);
    const refused = await asJson(post(emu, `/v2/${SD3M}`, BODY));
    assert.equal(refused.status, 406);
    assert.equal(emu.acceptedSubmits(), 0);
    emu.reset();
    await submit(emu, SD3M, BODY);
    assert.equal(emu.acceptedSubmits(), 1);
  });
});

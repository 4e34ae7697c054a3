// Reload, phase 4: the prompt queue survived the reload: its running item follows the job the
// runner resumed (not submitted again), its pending items are still queued and then run.
import * as assert from 'node:assert/strict';
import { emulator, listFolder, setSetting, waitFor } from '../editor/helpers';
import { queueItems } from '../editor/queueHelpers';
import { HOLD_MS, QUEUE_FOLDER, QUEUE_PROMPTS } from './shared';

describe('reload phase 4: the prompt queue after a reload', function () {
  this.timeout(60_000);

  it('pending items persist and resume; the running one is the resumed job, never a second submit', async () => {
    assert.equal(process.env.SEGMIND_TEST_PHASE, '4');
    const ours = async () => (await queueItems()).filter((i) => QUEUE_PROMPTS.includes(i.prompt));
    const restored = await ours();
    assert.deepEqual(restored.map((i) => `${i.prompt}:${i.state}`), QUEUE_PROMPTS.map((p, n) => `${p}:${n === 0 ? 'running' : 'pending'}`));
    await emulator.clearFaults();
    await emulator.advanceClock(HOLD_MS);
    await waitFor('the queue to finish', async () => (await ours()).every((i) => i.state === 'done') || undefined, 40_000);
    assert.equal((await listFolder(QUEUE_FOLDER)).length, 3);
    const submits = (await emulator.jobs()).filter((j) => QUEUE_PROMPTS.includes(String(j.params.prompt)));
    assert.deepEqual(submits.map((j) => j.params.prompt).sort(), [...QUEUE_PROMPTS].sort(), 'one submit per prompt');
    await setSetting('queue.concurrency', undefined);
  });
});

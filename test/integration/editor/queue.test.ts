// The prompt queue through "Generate from Each Line" (its programmatic form: no quick pick, no
// confirmation): one job per prompt, the chosen preset for each, at most `segmind.queue.concurrency`
// at once, a failure or a cancel stays with its prompt, and the queue's commands act on its items.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { SD3M, emulator, emulatorPerTest, exists, inWorkspace, setSetting, waitFor } from './helpers';
import { generateFromLines, queueItems } from './queueHelpers';

const small = { img_width: 512, img_height: 512 };

describe('prompt queue', function () {
  this.timeout(60_000);
  emulatorPerTest();

  afterEach(async () => {
    await setSetting('queue.concurrency', undefined);
    await setSetting('presets', undefined);
    await vscode.commands.executeCommand('segmind.queue.clearFinished');
  });

  it('one job per prompt with the preset, and one result per prompt in order', async () => {
    await setSetting('presets', [{ name: 'Ink', model: SD3M, params: { ...small, seed: 4 }, suffix: ', ink' }]);
    const results = await generateFromLines({ prompts: ['a fox', 'an owl', 'a heron'], preset: 'Ink', folder: 'queue/preset', confirm: false });
    assert.deepEqual(results.map((r) => [r.prompt, r.state, r.files]), [
      ['a fox', 'done', ['queue/preset/a-fox-ink-4.jpg']],
      ['an owl', 'done', ['queue/preset/an-owl-ink-4.jpg']],
      ['a heron', 'done', ['queue/preset/a-heron-ink-4.jpg']],
    ]);
    assert.deepEqual((await emulator.jobs()).map((j) => j.params.prompt).sort(), ['a fox, ink', 'a heron, ink', 'an owl, ink']);
  });

  it('reads a prompts file (comments and blank lines skipped)', async () => {
    await vscode.workspace.fs.writeFile(inWorkspace('queue/prompts.txt'), new TextEncoder().encode('# birds\na crow\n\n# more\na wren\n'));
    const results = await generateFromLines({ file: 'queue/prompts.txt', model: SD3M, params: { ...small, seed: 1 }, folder: 'queue/file', confirm: false });
    assert.deepEqual(results.map((r) => `${r.prompt}:${r.state}`), ['a crow:done', 'a wren:done']);
  });

  it('runs no more than segmind.queue.concurrency jobs at once', async () => {
    await setSetting('queue.concurrency', 1);
    await emulator.fault({ on: 'submit', kind: 'long-queue', ms: 60_000 });
    const run = generateFromLines({ prompts: ['first', 'second'], model: SD3M, params: { ...small, seed: 2 }, folder: 'queue/one', confirm: false });
    await waitFor('the first submit', async () => (await emulator.jobs()).length === 1);
    await new Promise((r) => setTimeout(r, 1000));
    assert.equal((await emulator.jobs()).length, 1, 'the second waits for the first');
    assert.deepEqual((await queueItems()).map((i) => `${i.prompt}:${i.state}`), ['first:running', 'second:pending']);
    await emulator.advanceClock(60_000);
    assert.deepEqual((await run).map((r) => r.state), ['done', 'done']);
  });

  it('a failed prompt keeps its message, the others go on; cancel and retry act on an item', async () => {
    await setSetting('queue.concurrency', 1);
    await emulator.fault({ on: 'submit', kind: 'http', status: 406, body: '{"error":"Insufficient credits"}' });
    await emulator.fault({ on: 'submit', kind: 'long-queue', ms: 60_000 });
    const run = generateFromLines({ prompts: ['refused', 'held', 'never'], model: SD3M, params: { ...small, seed: 3 }, folder: 'queue/fail', confirm: false });
    const held = await waitFor('the held job', async () => (await queueItems()).find((i) => i.prompt === 'held' && i.jobId));
    const never = (await queueItems()).find((i) => i.prompt === 'never');
    await vscode.commands.executeCommand('segmind.queue.cancel', never);
    await vscode.commands.executeCommand('segmind.queue.cancel', held);
    const results = await run;
    assert.deepEqual(results.map((r) => `${r.prompt}:${r.state}`), ['refused:failed', 'held:cancelled', 'never:cancelled']);
    assert.match(results[0]?.error ?? '', /credits/i);
    await emulator.advanceClock(60_000); // the emulator's queue moves on past the held job
    await vscode.commands.executeCommand('segmind.queue.retry', (await queueItems()).find((i) => i.prompt === 'never'));
    await waitFor('the retried prompt to finish', async () => (await queueItems()).some((i) => i.prompt === 'never' && i.state === 'done'), 45_000);
  });

  it('retrying a prompt whose status polls failed after its submit waits on that request: no second submit, the image is saved', async () => {
    // Every status poll of the first wait answers 504 (the client gives up after 5); the request itself went through.
    await emulator.fault({ on: 'status', kind: 'http', status: 504, times: 5 });
    const [failed] = await generateFromLines({ prompts: ['a polled lark'], model: SD3M, params: { ...small, seed: 5 }, folder: 'queue/polled', confirm: false });
    assert.equal(failed?.state, 'failed');
    assert.match(failed?.error ?? '', /server problem \(504\)/);
    const [accepted] = await emulator.jobs();
    assert.equal((await emulator.info()).acceptedSubmits, 1);
    const item = (await queueItems()).find((i) => i.prompt === 'a polled lark');
    assert.equal(item?.acceptedRequest, accepted?.requestId, 'the item knows the request Segmind accepted');

    await vscode.commands.executeCommand('segmind.queue.retry', item);
    const done = await waitFor('the retried prompt to be saved', async () => (await queueItems()).find((i) => i.prompt === 'a polled lark' && i.state !== 'running'), 60_000);
    assert.deepEqual([done.state, done.files, done.requestId], ['done', ['queue/polled/a-polled-lark-5.jpg'], accepted?.requestId]);
    assert.ok(await exists('queue/polled/a-polled-lark-5.jpg'));
    assert.equal((await emulator.info()).acceptedSubmits, 1, 'the retry submitted nothing');
    assert.equal((await emulator.apiCalls()).filter((c) => c.startsWith('POST')).length, 1);
  });

  it('refuses bad options, an unknown preset and invalid parameters before queueing anything', async () => {
    await assert.rejects(Promise.resolve(generateFromLines({ prompts: ['x'], colour: 'red' })), /segmind\.generateFromLines are invalid/);
    await assert.rejects(Promise.resolve(generateFromLines({ prompts: ['x'], preset: 'Nope' })), /There is no preset "Nope"/);
    await assert.rejects(Promise.resolve(generateFromLines({ prompts: ['x'], model: SD3M, params: { img_width: 7 } })), /img_width must be/);
    await assert.rejects(Promise.resolve(generateFromLines({ prompts: [] })), /No prompts/);
    assert.deepEqual(await emulator.apiCalls(), []);
  });
});

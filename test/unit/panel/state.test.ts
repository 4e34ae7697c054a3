// The webview's saved state: only our own shape is restored; jobs that were running when the window
// reloaded are marked and handed back so the extension can find their images in the history.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { announcement, restoreState } from '../../../media/state';
import { renderJob, type JobView } from '../../../media/jobs';
import { pageLayout } from '../../../media/layout';

const job = (over: Partial<JobView>): JobView => ({
  jobId: 'j1', state: 'done', model: 'stable-diffusion-3.5-large-txt2img', modelName: 'Stable Diffusion 3.5 Large',
  params: { prompt: 'a cat' }, seed: 7, startedAt: 1000, ...over,
});

test('foreign or old state is not restored', () => {
  for (const saved of [undefined, null, 'x', {}, { version: 2, model: 'stable-diffusion-3.5-large-txt2img', jobs: [] }, { version: 1, model: 'dall-e', jobs: [] }, { version: 1, model: 'stable-diffusion-3.5-large-txt2img' }]) {
    assert.equal(restoreState(saved, 0), undefined, JSON.stringify(saved));
  }
});

test('running jobs are marked as interrupted and returned for lookup; finished ones are kept as they were', () => {
  const saved = { version: 1, model: 'stable-diffusion-3.5-large-txt2img', values: {}, randomSeed: true, jobs: [
    job({ jobId: 'a', state: 'processing', requestId: 'req-1' }),
    job({ jobId: 'b', state: 'done', files: [{ uri: 'file:///a.png', path: 'a.png' }] }),
    job({ jobId: 'c', state: 'starting', seed: undefined }),
  ] };
  const restored = restoreState(saved, 6000);
  assert.ok(restored);
  assert.deepEqual(restored.waiting, [
    { jobId: 'a', model: 'stable-diffusion-3.5-large-txt2img', prompt: 'a cat', seed: 7, requestId: 'req-1' },
    { jobId: 'c', model: 'stable-diffusion-3.5-large-txt2img', prompt: 'a cat' },
  ]);
  const [a, b] = restored.state.jobs;
  assert.equal(a?.state, 'cancelled');
  assert.equal(a?.endedAfterMs, 5000);
  assert.match(a?.error ?? '', /reloaded/);
  assert.equal(b?.state, 'done');
});

test('screen readers hear each state change in words', () => {
  assert.equal(announcement(job({ files: [{ uri: 'u', path: 'p' }, { uri: 'v', path: 'q' }] })), 'Generation done: 2 images saved.');
  assert.equal(announcement(job({ state: 'failed', error: 'No credits left.' })), 'Generation failed: No credits left.');
  assert.equal(announcement(job({ state: 'starting' })), '');
});

test('a job card escapes the prompt and names its buttons for screen readers', () => {
  const html = renderJob(job({ params: { prompt: '<img src=x onerror=alert(1)>' }, files: [{ uri: 'file:///w/a.png', path: 'a.png', src: 'https://r/a.png' }] }), 1500);
  assert.ok(!html.includes('<img src=x'));
  for (const name of ['Insert into editor: a.png', 'Reveal in Explorer: a.png', 'Open: a.png', 'Copy path: a.png', 'Regenerate with new seed']) {
    assert.ok(html.includes(`aria-label="${name}"`), name);
  }
  assert.match(html, /Done<\/span> · <span class="elapsed">0 s<\/span> · SD 3.5 Large · seed 7/);
});

test('the frame labels the model picker and puts Generate first in the action row', () => {
  const html = pageLayout([{ slug: 's', name: 'Model S' }], true);
  assert.match(html, /<label for="model">Model<\/label>\s*<select id="model"><option value="s">Model S<\/option><\/select>/);
  assert.match(html, /title="Generate \(⌘\+Enter\)"/);
  assert.ok(html.indexOf('id="generate"') < html.indexOf('id="reset"'));
});

// The panel ↔ extension protocol: well-formed messages pass, forged or malformed ones are rejected
// (the extension ignores and logs them; nothing acts on them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseExtensionMessage, parseWebviewMessage, initialDataSchema } from '../../../src/shared/protocol';

test('the webview messages the panel sends are accepted', () => {
  const ok = [
    { type: 'ready' },
    { type: 'generate', id: 'job-1', model: 'stable-diffusion-3.5-large-txt2img', params: { prompt: 'a cat', steps: 30, base64: false } },
    { type: 'generate', id: 'job-2', model: 'stable-diffusion-3-medium-txt2img', params: { prompt: 'x' }, label: 'guidance 3 · seed 1' },
    { type: 'fileAction', id: 'a1', action: 'insert', uri: 'file:///w/assets/generated/cat-1.png' },
    { type: 'fileAction', id: 'a2', action: 'copyPath', uri: 'file:///w/a.png' },
    { type: 'cancel', id: 'c1', jobId: 'job-1' },
    { type: 'estimate', id: 'e1', model: 'stable-diffusion-3-medium-txt2img', params: { prompt: 'x', samples: 2 } },
  ];
  for (const message of ok) assert.deepEqual(parseWebviewMessage(message), { ok: true, message }, JSON.stringify(message));
});

test('forged and malformed webview messages are rejected with a reason', () => {
  const bad: unknown[] = [
    undefined,
    null,
    'ready',
    42,
    [],
    {},
    { type: 'runCommand', command: 'workbench.action.terminal.new' },
    { type: 'generate', model: 'x', params: {} },                                  // no id
    { type: 'generate', id: '', model: 'x', params: {} },                          // empty id
    { type: 'generate', id: 'x'.repeat(65), model: 'x', params: {} },              // id too long
    { type: 'generate', id: 'j', model: 'x', params: { prompt: { toString: 1 } } }, // object value
    { type: 'generate', id: 'j', model: 'x', params: { prompt: ['a'] } },
    { type: 'generate', id: 'j', model: 'x', params: 'prompt=a' },
    { type: 'generate', id: 'j', model: 'x', params: { prompt: 'a'.repeat(10_001) } },
    { type: 'fileAction', id: 'a', action: 'delete', uri: 'file:///etc/passwd' }, // unknown action
    { type: 'fileAction', id: 'a', action: 'open' },                              // no uri
    { type: 'fileAction', id: 'a', action: 'open', uri: '' },
    { type: 'cancel', id: 'c' },
    { type: 'estimate', id: 'e', model: 'x' },                                    // no params
    { type: 'ready ' },
  ];
  for (const message of bad) {
    const result = parseWebviewMessage(message);
    assert.equal(result.ok, false, `rejected: ${JSON.stringify(message)}`);
    if (!result.ok) assert.ok(result.reason.length > 0);
  }
});

test('a message never throws, whatever it is', () => {
  const cyclic: Record<string, unknown> = { type: 'generate' };
  cyclic.self = cyclic;
  assert.equal(parseWebviewMessage(cyclic).ok, false);
  assert.equal(parseExtensionMessage(Object.create(null)).ok, false);
});

test('extension messages are validated by the webview too', () => {
  const job = { type: 'job', jobId: 'j', state: 'processing', model: 'm', params: { prompt: 'p' }, elapsedMs: 1200 };
  assert.equal(parseExtensionMessage(job).ok, true);
  assert.equal(parseExtensionMessage({ ...job, state: 'exploded' }).ok, false);
  assert.equal(parseExtensionMessage({ ...job, files: [{ uri: 'file:///a.png', path: 'a.png', src: 'https://x/a.png' }] }).ok, true);
  assert.equal(parseExtensionMessage({ ...job, files: [{ path: 'a.png' }] }).ok, false);
  assert.equal(parseExtensionMessage({ type: 'prefill', model: 'm', params: {}, keepSeed: true }).ok, true);
  assert.equal(parseExtensionMessage({ type: 'prefill', model: 'm', params: {} }).ok, false);
  assert.equal(parseExtensionMessage({ type: 'error', request: 'fileAction', id: 'x', message: 'boom' }).ok, true);
  assert.equal(parseExtensionMessage({ type: 'error', id: 'x', message: 'boom' }).ok, false, 'an error names the request it answers');
  assert.equal(parseExtensionMessage({ type: 'error', request: 'fileAction', id: 'x' }).ok, false);
  // Each request type has its own reply: a generate reply carries the seed the request builder chose.
  assert.equal(parseExtensionMessage({ type: 'reply', request: 'generate', id: 'x', seed: 7 }).ok, true);
  assert.equal(parseExtensionMessage({ type: 'reply', request: 'generate', id: 'x' }).ok, false);
  assert.equal(parseExtensionMessage({ type: 'reply', request: 'cancel', id: 'x' }).ok, true);
  assert.equal(parseExtensionMessage({ type: 'reply', request: 'delete', id: 'x' }).ok, false);
  assert.equal(parseExtensionMessage({ type: 'reply', request: 'estimate', id: 'x', text: '≈ 0.42 credits', warning: 'over' }).ok, true);
  assert.equal(parseExtensionMessage({ type: 'reply', request: 'estimate', id: 'x' }).ok, false, 'an estimate reply carries its text');
  assert.equal(parseExtensionMessage({ type: 'setPrompt', prompt: 'hello' }).ok, true);
});

test('initial data has a fixed shape', () => {
  assert.equal(initialDataSchema.safeParse({ model: 'm', userDefaults: { m: { steps: 3 } }, platform: 'mac' }).success, true);
  assert.equal(initialDataSchema.safeParse({ model: 'm', userDefaults: { m: { steps: {} } }, platform: 'mac' }).success, false);
});

test('track messages are bounded', () => {
  const job = { jobId: 'j', model: 'm', prompt: 'p', seed: 1 };
  assert.equal(parseWebviewMessage({ type: 'track', jobs: [job] }).ok, true);
  assert.equal(parseWebviewMessage({ type: 'track', jobs: Array.from({ length: 33 }, () => job) }).ok, false);
  assert.equal(parseWebviewMessage({ type: 'track', jobs: [{ ...job, jobId: '' }] }).ok, false);
});

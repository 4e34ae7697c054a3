// The panel ↔ extension protocol: well-formed messages pass, forged or malformed ones are rejected
// (the extension ignores and logs them; nothing acts on them).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareChecks } from '../checkAgreement';
import { parseWebviewMessage, initialDataSchema, extensionMessageSchema } from '../../../src/shared/protocol';
import { parseExtensionMessage, parseInitialData } from '../../../src/shared/extensionMessages';
import { MAX_DROPPED_BYTES } from '../../../src/shared/messageConstants';

test('the webview messages the panel sends are accepted', () => {
  const ok = [
    { type: 'ready' },
    { type: 'generate', id: 'job-1', model: 'stable-diffusion-3.5-large-txt2img', params: { prompt: 'a cat', steps: 30, base64: false } },
    { type: 'generate', id: 'job-2', model: 'stable-diffusion-3-medium-txt2img', params: { prompt: 'x' }, label: 'guidance 3 · seed 1' },
    { type: 'fileAction', id: 'a1', action: 'insert', uri: 'file:///w/assets/generated/cat-1.png' },
    { type: 'fileAction', id: 'a2', action: 'copyPath', uri: 'file:///w/a.png' },
    { type: 'cancel', id: 'c1', jobId: 'job-1' },
    { type: 'estimate', id: 'e1', model: 'stable-diffusion-3-medium-txt2img', params: { prompt: 'x', samples: 2 } },
    { type: 'dropImage', id: 'd1', source: { uri: 'vscode-remote://127.0.0.1:4000/w/a.png' } },
    { type: 'dropImage', id: 'd2', source: { name: 'a.png', bytes: new Uint8Array([0x89, 0x50]) } },
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
    { type: 'dropImage', id: 'd', source: {} },
    { type: 'dropImage', id: 'd', source: { uri: '' } },
    { type: 'dropImage', id: 'd', source: { name: 'a.png', bytes: [0x89, 0x50] } },             // not bytes
    { type: 'dropImage', id: 'd', source: { name: 'a.png', bytes: 'iVBORw0KGgo=' } },
    { type: 'dropImage', id: 'd', source: { name: 'a.png', bytes: new Uint8Array(MAX_DROPPED_BYTES + 1) } },
  ];
  for (const message of bad) {
    const result = parseWebviewMessage(message);
    assert.equal(result.ok, false, `rejected: ${JSON.stringify(message, (_k, v: unknown) => (v instanceof Uint8Array ? `${v.length} bytes` : v))}`);
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
  const ok = { model: 'm', userDefaults: { m: { steps: 3 } }, platform: 'mac' };
  const bad = [{ ...ok, userDefaults: { m: { steps: {} } } }, { ...ok, platform: 'linux' }, { ...ok, prompt: 7 }, { ...ok, model: undefined }, null];
  assert.equal(initialDataSchema.safeParse(ok).success, true);
  assert.equal(parseInitialData(ok).ok, true);
  for (const data of bad) {
    assert.equal(initialDataSchema.safeParse(data).success, false, JSON.stringify(data));
    assert.equal(parseInitialData(data).ok, false, JSON.stringify(data));
  }
});

/**
 * The webview's hand-written check (no zod in its bundle) agrees with the zod schemas, the types' source:
 * on one valid message of each kind, and on each of them with one field removed or of the wrong type.
 */
test('the webview\'s check of extension messages accepts and rejects what the zod schema does', () => {
  const params = { prompt: 'a heron', steps: 30, base64: false };
  const valid: Record<string, unknown>[] = [
    { type: 'job', jobId: 'j', state: 'done', model: 'm', params, seed: 7, label: 'l', elapsedMs: 10, requestId: 'r', files: [{ uri: 'file:///a.png', path: 'a.png', src: 'https://x/a.png' }], error: 'e' },
    { type: 'prefill', model: 'm', params, keepSeed: true, notice: 'Reproducing a.png' },
    { type: 'setPrompt', prompt: 'hello' },
    { type: 'presets', presets: [{ name: 'Ink', model: 'm', params, prefix: 'a ', suffix: ', ink', source: 'workspace' }] },
    { type: 'reply', request: 'generate', id: 'x', seed: 7 },
    { type: 'reply', request: 'fileAction', id: 'x' },
    { type: 'reply', request: 'cancel', id: 'x' },
    { type: 'reply', request: 'estimate', id: 'x', text: '≈ 1 credit', warning: 'over' },
    { type: 'reply', request: 'savePreset', id: 'x', name: 'Ink' },
    { type: 'reply', request: 'renamePreset', id: 'x' },
    { type: 'reply', request: 'deletePreset', id: 'x', deleted: true },
    { type: 'reply', request: 'dropImage', id: 'x', model: 'm', params, keepSeed: false },
    { type: 'error', request: 'dropImage', id: 'x', message: 'a.png has no Segmind settings' },
  ];
  const wrong: unknown[] = [undefined, null, 7, 'text', -1, Number.NaN, Infinity, true, [], {}, 'x'.repeat(10_001), [{}], { prompt: {} }];
  const agreement = compareChecks(parseExtensionMessage, extensionMessageSchema, valid, wrong);
  const { agree } = agreement;
  // Nested values: a preset, a file, a parameter.
  const preset = (valid[3]?.presets as Record<string, unknown>[])[0] ?? {};
  for (const key of Object.keys(preset)) for (const value of wrong) agree({ type: 'presets', presets: [{ ...preset, [key]: value }] }, `preset ${key}`);
  for (const key of ['uri', 'path', 'src']) for (const value of wrong) agree({ ...valid[0], files: [{ uri: 'u', path: 'p', [key]: value }] }, `file ${key}`);
  for (const value of wrong) agree({ type: 'setPrompt', prompt: 'p', extra: value }, 'an unknown field');
  for (const value of wrong) agree({ ...valid[1], params: { prompt: value } }, 'a parameter');
  agree({ ...valid[1], params: Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`p${i}`, i])) }, 'too many parameters');
  agree({ ...valid[1], params: { ['x'.repeat(65)]: 1 } }, 'a long parameter name');
  agree({ ...valid[0], files: Array.from({ length: 17 }, () => ({ uri: 'u', path: 'p' })) }, 'too many files');
  assert.ok(agreement.compared > 900, `compared ${agreement.compared} messages`);
});

test('track messages are bounded', () => {
  const job = { jobId: 'j', model: 'm', prompt: 'p', seed: 1 };
  assert.equal(parseWebviewMessage({ type: 'track', jobs: [job] }).ok, true);
  assert.equal(parseWebviewMessage({ type: 'track', jobs: Array.from({ length: 33 }, () => job) }).ok, false);
  assert.equal(parseWebviewMessage({ type: 'track', jobs: [{ ...job, jobId: '' }] }).ok, false);
});

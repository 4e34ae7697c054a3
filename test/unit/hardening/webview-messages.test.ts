// Forged and malformed webview messages: a compromised or buggy panel page can post anything the
// structured clone carries. The validator (src/shared/protocol.ts) must never throw, never hand
// on extra or inherited keys, and never pollute a prototype; what passes is then re-validated by
// the core (validateParams) before anything is spent.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseWebviewMessage } from '../../../src/shared/protocol';
import { validateParams } from '../../../src/shared/validation';
import { CaseTable, L } from '../../hardening/fixtures';

const table = new CaseTable();
after(() => table.print('Forged webview messages (src/shared/protocol.ts)'));

function assertNotPolluted(): void {
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'Object.prototype was polluted');
  assert.equal(({} as Record<string, unknown>).prompt, undefined);
}

describe('hardening: forged webview messages', () => {
  const forged: Record<string, unknown> = {
    'unknown type (run a command)': { type: 'runCommand', command: 'workbench.action.terminal.new' },
    'type with a trailing space': { type: 'generate ' },
    'type as an array': { type: ['generate'], id: 'j', model: L, params: { prompt: 'a' } },
    'params as an array': { type: 'generate', id: 'j', model: L, params: ['prompt', 'a'] },
    'param value an object': { type: 'generate', id: 'j', model: L, params: { prompt: { toString: 'a' } } },
    'param value null': { type: 'generate', id: 'j', model: L, params: { prompt: null } },
    'param value NaN': { type: 'generate', id: 'j', model: L, params: { prompt: 'a', steps: Number.NaN } },
    'param value Infinity': { type: 'generate', id: 'j', model: L, params: { prompt: 'a', steps: Number.POSITIVE_INFINITY } },
    'param value a BigInt': { type: 'generate', id: 'j', model: L, params: { prompt: 'a', seed: 10n } },
    'param name empty': { type: 'generate', id: 'j', model: L, params: { '': 'a' } },
    'param name 65 characters': { type: 'generate', id: 'j', model: L, params: { ['p'.repeat(65)]: 'a' } },
    'prompt over 10 000 characters': { type: 'generate', id: 'j', model: L, params: { prompt: 'a'.repeat(10_001) } },
    'model over 200 characters': { type: 'generate', id: 'j', model: 'm'.repeat(201), params: { prompt: 'a' } },
    'id over 64 characters': { type: 'generate', id: 'i'.repeat(65), model: L, params: { prompt: 'a' } },
    'fileAction delete': { type: 'fileAction', id: 'a', action: 'delete', uri: 'file:///etc/passwd' },
    'fileAction with a 5000-character uri': { type: 'fileAction', id: 'a', action: 'open', uri: `file:///${'a'.repeat(5000)}.png` },
    'cancel without a job id': { type: 'cancel', id: 'c' },
    'a Date': new Date(),
    'a Map': new Map([['type', 'ready']]),
    'a deeply nested object': (() => {
      let o: Record<string, unknown> = { type: 'ready' };
      for (let i = 0; i < 10_000; i++) o = { type: 'generate', id: 'j', model: L, params: o };
      return o;
    })(),
  };
  for (const [name, message] of Object.entries(forged)) {
    it(`refuses ${name}, with a reason, without throwing`, () => {
      const result = parseWebviewMessage(message);
      assert.equal(result.ok, false);
      if (!result.ok) assert.ok(result.reason.length > 0 && result.reason.length < 2000, result.reason.slice(0, 200));
      assertNotPolluted();
      table.add({ case: `webview message: ${name}`, outcome: 'ignored, logged as malformed', submitsAccepted: 0, written: 'nothing' });
    });
  }

  it('a getter that throws does not escape the validator', () => {
    const message = { type: 'generate', id: 'j', model: L, get params(): never { throw new Error('boom'); } };
    let result: ReturnType<typeof parseWebviewMessage> | undefined;
    assert.doesNotThrow(() => { result = parseWebviewMessage(message); });
    assert.equal(result?.ok, false);
  });

  for (const [name, json] of Object.entries({
    'own __proto__ key in params': '{"type":"generate","id":"j","model":"stable-diffusion-3.5-large-txt2img","params":{"prompt":"a","__proto__":{"polluted":"yes"}}}',
    'own __proto__ string in params': '{"type":"generate","id":"j","model":"stable-diffusion-3.5-large-txt2img","params":{"prompt":"a","__proto__":"x"}}',
    'constructor key in params': '{"type":"generate","id":"j","model":"stable-diffusion-3.5-large-txt2img","params":{"prompt":"a","constructor":"x"}}',
    'own __proto__ on the message': '{"type":"generate","id":"j","model":"stable-diffusion-3.5-large-txt2img","params":{"prompt":"a"},"__proto__":{"polluted":"yes","isTrusted":true}}',
  })) {
    it(`${name}: refused here or by the core's validation; nothing polluted`, () => {
      const result = parseWebviewMessage(JSON.parse(json));
      assertNotPolluted();
      if (result.ok && result.message.type === 'generate') {
        const params = result.message.params as Record<string, unknown>;
        assert.equal(Object.getPrototypeOf(params), Object.prototype, 'params keep a plain prototype');
        assert.equal((result.message as Record<string, unknown>).polluted, undefined);
        const extra = Object.keys(params).filter((k) => k !== 'prompt');
        const issues = validateParams(result.message.model, params);
        assert.equal(issues.length > 0, extra.length > 0, `extra keys ${extra.join(', ')} must be refused by the core`);
        table.add({ case: `webview message: ${name}`, outcome: extra.length ? `refused by the core: ${issues[0]?.message ?? ''}` : 'key dropped by the validator; generation allowed', submitsAccepted: extra.length ? 0 : 1, written: extra.length ? 'nothing' : '1 image' });
      } else {
        table.add({ case: `webview message: ${name}`, outcome: 'ignored, logged as malformed', submitsAccepted: 0, written: 'nothing' });
      }
    });
  }

  it('extra fields on a valid message are dropped, not passed on', () => {
    const result = parseWebviewMessage({ type: 'fileAction', id: 'a', action: 'open', uri: 'file:///w/a.png', command: 'rm -rf /', args: [1] });
    assert.ok(result.ok);
    if (result.ok) assert.deepEqual(Object.keys(result.message).sort(), ['action', 'id', 'type', 'uri']);
  });

  it('a generate message with 10 000 parameters is validated within 1 s (and the core refuses it)', () => {
    const params: Record<string, string> = { prompt: 'a' };
    for (let i = 0; i < 10_000; i++) params[`p${i}`] = 'x';
    const started = Date.now();
    const result = parseWebviewMessage({ type: 'generate', id: 'j', model: L, params });
    const issues = result.ok && result.message.type === 'generate' ? validateParams(L, result.message.params) : [];
    assert.ok(Date.now() - started < 1000);
    assert.equal(result.ok, false, 'a message with more parameters than any model has is malformed');
    assert.ok(issues.map((i) => i.message).join('; ').length < 10_000);
  });
});

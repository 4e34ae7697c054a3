// Hostile input at the core: prompts and parameters a user, a settings file, another extension or a
// forged panel message could hand to the client. Each is refused before any request with a message
// naming the field, or accepted and sent exactly as given; nothing pollutes Object.prototype.
import { after, before, beforeEach, describe, it } from 'node:test';
// (the table is printed once every describe has run)
import assert from 'node:assert/strict';
import { SegmindError } from '../../../src/segmind/errors';
import { validateParams } from '../../../src/shared/validation';
import { buildRequest } from '../../../src/segmind/request';
import { CaseTable, HOSTILE_TEXT, L, M, assertKeyOnlyToApi, smallBody, startRig, type Rig } from '../../hardening/fixtures';

const table = new CaseTable();
after(() => table.print('Hostile prompts and parameters (core)'));

function assertNotPolluted(): void {
  const probe: Record<string, unknown> = {};
  assert.equal(probe.polluted, undefined, 'Object.prototype was polluted');
  assert.equal(Object.prototype.hasOwnProperty.call(Object.prototype, 'polluted'), false);
  assert.equal((Object.prototype as Record<string, unknown>).steps, undefined);
}

/** The first validation issue of a body, or undefined when it is accepted. */
function refusal(slug: string, params: Record<string, unknown>): { field: string; message: string } | undefined {
  return validateParams(slug, params)[0];
}

describe('hardening: hostile prompts (sent byte-exact, or refused locally)', () => {
  let rig: Rig;
  before(async () => { rig = await startRig(); });
  after(async () => { await rig.close(); });
  beforeEach(() => rig.reset());

  const prompts: Record<string, string> = { ...HOSTILE_TEXT, '100 KB prompt': 'a lighthouse '.repeat(8000).slice(0, 100 * 1024) };
  for (const [name, prompt] of Object.entries(prompts)) {
    it(`prompt with ${name}: accepted and sent exactly as given, once`, async () => {
      const c = rig.client();
      const body = smallBody(M, { prompt });
      const result = await c.generateAsync(M, body);
      assert.equal(result.images.length, 1);
      const sent = rig.emu.requests.find((r) => r.method === 'POST')?.json as Record<string, unknown> | undefined;
      assert.equal(sent?.prompt, JSON.parse(JSON.stringify(prompt)), 'the server received the same text');
      assert.equal(rig.emu.acceptedSubmits(), 1);
      assertKeyOnlyToApi(rig, c);
      assertNotPolluted();
      table.add({ case: `prompt: ${name}`, outcome: 'accepted, sent verbatim (JSON-escaped)', submitsAccepted: 1, written: '1 image' });
    });
  }

  for (const [name, prompt] of [['empty', ''], ['whitespace only', ' \t\n\u00a0\u2003 '], ['not a string', 42]] as const) {
    it(`prompt ${name}: refused before any request, naming "prompt"`, async () => {
      const c = rig.client();
      await assert.rejects(c.generateAsync(L, { ...smallBody(L), prompt }), (e: unknown) => {
        assert.ok(e instanceof SegmindError);
        assert.equal(e.kind, 'validation');
        assert.equal(e.field, 'prompt');
        assert.match(e.message, /prompt/);
        table.add({ case: `prompt: ${name}`, outcome: `validation: ${e.message}`, submitsAccepted: 0, written: 'nothing' });
        return true;
      });
      assert.equal(rig.emu.requests.length, 0, 'nothing was sent');
    });
  }
});

describe('hardening: hostile parameter values', () => {
  const refused: readonly (readonly [string, string, Record<string, unknown>, string])[] = [
    ['steps as a string', L, { steps: '30' }, 'steps'],
    ['steps NaN', L, { steps: Number.NaN }, 'steps'],
    ['steps Infinity', L, { steps: Number.POSITIVE_INFINITY }, 'steps'],
    ['steps -Infinity', L, { steps: Number.NEGATIVE_INFINITY }, 'steps'],
    ['steps -0', L, { steps: -0 }, 'steps'],
    ['steps 1e308', L, { steps: 1e308 }, 'steps'],
    ['steps 30.5', L, { steps: 30.5 }, 'steps'],
    ['guidance_scale NaN', L, { guidance_scale: Number.NaN }, 'guidance_scale'],
    ['guidance_scale Infinity', M, { guidance_scale: Number.POSITIVE_INFINITY }, 'guidance_scale'],
    ['batch_size 1e21', L, { batch_size: 1e21 }, 'batch_size'],
    ['samples as a string', M, { samples: '4' }, 'samples'],
    ['seed 2^64', L, { seed: 2 ** 64 }, 'seed'],
    ['seed NaN', M, { seed: Number.NaN }, 'seed'],
    ['seed -2', M, { seed: -2 }, 'seed'],
    ['width as an object', L, { width: { valueOf: () => 512 } }, 'width'],
    ['width as a list', L, { width: [512] }, 'width'],
    ['img_width 513 (not a multiple of 8)', M, { img_width: 513 }, 'img_width'],
    ['base64 as "true"', L, { base64: 'true' }, 'base64'],
    ['sampler not in the list', L, { sampler: 'euler; rm -rf /' }, 'sampler'],
    ['scheduler (open enum) empty', M, { scheduler: '   ' }, 'scheduler'],
    ['negative_prompt as a number', L, { negative_prompt: 1 }, 'negative_prompt'],
    ['unknown parameter', L, { callback_url: 'http://evil.example' }, 'callback_url'],
  ];

  for (const [name, slug, extra, field] of refused) {
    it(`${name}: refused, the message names "${field}"`, () => {
      const issue = refusal(slug, { prompt: 'a cat', ...extra });
      assert.ok(issue, 'refused');
      assert.equal(issue.field, field);
      assert.match(issue.message, new RegExp(field));
      assert.throws(() => buildRequest(slug, { prompt: 'a cat', ...extra }), (e: unknown) => e instanceof SegmindError && e.kind === 'validation' && e.field === field);
      assertNotPolluted();
      table.add({ case: `param: ${name}`, outcome: `validation: ${issue.message}`, submitsAccepted: 0, written: 'nothing' });
    });
  }

  it('seed -0 and a huge but safe seed are accepted and sent as plain numbers', () => {
    const zero = buildRequest(L, { prompt: 'a cat', seed: -0 });
    assert.equal(JSON.stringify(zero.body.seed), '0');
    const big = buildRequest(L, { prompt: 'a cat', seed: Number.MAX_SAFE_INTEGER });
    assert.equal(big.seed, Number.MAX_SAFE_INTEGER);
    table.add({ case: 'param: seed -0 / 2^53-1', outcome: 'accepted (sent as 0 / 9007199254740991)', submitsAccepted: 1, written: '1 image' });
  });

  it('a random seed (absent, -1, empty) becomes a concrete, safe integer', () => {
    for (const seed of [undefined, -1, '']) {
      const { body, seed: chosen } = buildRequest(M, { prompt: 'a cat', ...(seed === undefined ? {} : { seed }) });
      assert.ok(Number.isSafeInteger(chosen) && chosen >= 0, String(chosen));
      assert.equal(body.seed, chosen);
    }
  });

  it('unknown model names (incl. prototype keys) are refused', () => {
    for (const slug of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', '../v1/other-model', '', 'STABLE-DIFFUSION-3.5-LARGE-TXT2IMG']) {
      const issue = refusal(slug, { prompt: 'a cat' });
      assert.equal(issue?.field, 'model', slug);
      assert.throws(() => buildRequest(slug, { prompt: 'a cat' }), /Unknown model/);
    }
    assertNotPolluted();
    table.add({ case: 'model "__proto__", "constructor", "../v1/x"', outcome: 'validation: Unknown model … use one of …', submitsAccepted: 0, written: 'nothing' });
  });
});

describe('hardening: prototype-pollution keys', () => {
  const payloads: Record<string, string> = {
    '__proto__ object': '{"prompt":"a cat","__proto__":{"polluted":"yes","steps":1}}',
    '__proto__ string': '{"prompt":"a cat","__proto__":"x"}',
    'constructor.prototype': '{"prompt":"a cat","constructor":{"prototype":{"polluted":"yes"}}}',
    'prototype': '{"prompt":"a cat","prototype":{"polluted":"yes"}}',
    'toString': '{"prompt":"a cat","toString":"x"}',
  };
  for (const [name, json] of Object.entries(payloads)) {
    it(`JSON.parse'd params with an own ${name} key: refused as an unknown parameter, nothing polluted`, () => {
      const params = JSON.parse(json) as Record<string, unknown>;
      const key = Object.keys(params).find((k) => k !== 'prompt') ?? '';
      const issue = refusal(L, params);
      assert.equal(issue?.field, key);
      assert.match(issue?.message ?? '', /Unknown parameter/);
      // The editor spreads user defaults and the caller's params into one object: still refused.
      const merged = { ...{ steps: 30 }, ...params, prompt: 'a cat' };
      assert.equal(refusal(L, merged)?.field, key);
      assert.throws(() => buildRequest(L, merged), (e: unknown) => e instanceof SegmindError && e.field === key);
      assertNotPolluted();
      table.add({ case: `params with own "${key}" key`, outcome: `validation: ${issue?.message ?? ''}`, submitsAccepted: 0, written: 'nothing' });
    });
  }

  it('a body built from valid params has only catalog keys (no inherited or extra key is sent)', () => {
    const params = Object.assign(Object.create({ polluted: 'inherited' }) as Record<string, unknown>, { prompt: 'a cat' });
    const { body } = buildRequest(L, params);
    assert.equal(body.polluted, undefined);
    assert.equal(Object.keys(body).includes('polluted'), false);
    assertNotPolluted();
  });

  it('inherited (not own) parameter values are ignored', () => {
    // Defence in depth: if anything in the shared extension host polluted Object.prototype.steps,
    // every request would silently carry it.
    const params = Object.assign(Object.create({ steps: 20 }) as Record<string, unknown>, { prompt: 'a cat' });
    const { body } = buildRequest(L, params);
    assert.equal(body.steps, 30, 'the catalog default, not the inherited value');
  });
});

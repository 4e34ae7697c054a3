import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { MODELS, type ModelSlug } from '../../../src/shared/catalog';
import { validateParams } from '../../../src/shared/validation';
import { buildRequest } from '../../../src/segmind/request';
import { SegmindError } from '../../../src/segmind/errors';

const L: ModelSlug = 'stable-diffusion-3.5-large-txt2img';
const M: ModelSlug = 'stable-diffusion-3-medium-txt2img';

function messages(slug: string, params: Record<string, unknown>): string[] {
  return validateParams(slug, { prompt: 'a cat', ...params }).map((i) => `${i.field}: ${i.message}`);
}

describe('validateParams', () => {
  it('accepts a prompt alone and every default', () => {
    assert.deepEqual(validateParams(L, { prompt: 'a cat' }), []);
    assert.deepEqual(validateParams(M, { prompt: 'a cat' }), []);
    for (const slug of [L, M]) {
      const all = Object.fromEntries(MODELS[slug].parameters.filter((p) => p.default !== undefined).map((p) => [p.name, p.default]));
      assert.deepEqual(validateParams(slug, { ...all, prompt: 'x', seed: 7 }), []);
    }
  });

  it('checks every numeric bound on both sides, with field, value and range in the message', () => {
    for (const slug of [L, M]) {
      for (const p of MODELS[slug].parameters) {
        if (p.type !== 'integer' && p.type !== 'number') continue;
        const unit = p.step !== undefined && p.type === 'integer' ? p.step : p.type === 'integer' ? 1 : 0.01;
        const ownIssues = (value: unknown) => messages(slug, { [p.name]: value }).filter((m) => !m.includes('less than'));
        assert.deepEqual(ownIssues(p.min), [], `${p.name}=${p.min}`);
        assert.deepEqual(ownIssues(p.max), [], `${p.name}=${p.max}`);
        const below = (p.min ?? 0) - unit;
        const above = (p.max ?? 0) + unit;
        const kind = p.type === 'integer' ? 'an integer' : 'a number';
        for (const bad of p.isSeed ? [above] : [below, above]) {
          const got = messages(slug, { [p.name]: bad });
          assert.equal(got.length, 1, `${p.name}=${bad}: ${got.join()}`);
          assert.match(got[0] ?? '', new RegExp(`^${p.name}: ${p.name} must be ${kind} from ${p.min} to ${p.max}.*\\(got ${bad}\\)$`));
        }
      }
    }
    assert.deepEqual(messages(L, { steps: 5 }), ['steps: steps must be an integer from 10 to 70 (got 5)']);
    assert.deepEqual(messages(L, { steps: 30.5 }), ['steps: steps must be an integer from 10 to 70 (got 30.5)']);
    assert.deepEqual(messages(L, { steps: '30' }), ['steps: steps must be an integer from 10 to 70 (got "30")']);
    assert.deepEqual(messages(L, { guidance_scale: Number.NaN }), ['guidance_scale: guidance_scale must be a number from 1 to 15 (got NaN)']);
  });

  it('requires multiples of 8 for SD 3 Medium sizes', () => {
    assert.deepEqual(messages(M, { img_width: 1000 }), []);
    assert.deepEqual(messages(M, { img_height: 1001 }), [
      'img_height: img_height must be an integer from 512 to 2048 in multiples of 8 (got 1001)',
    ]);
  });

  it('checks every closed enum, and lets SD 3 Medium scheduler take any non-empty name', () => {
    for (const slug of [L, M]) {
      for (const p of MODELS[slug].parameters.filter((q) => q.type === 'enum')) {
        for (const v of p.values ?? []) assert.deepEqual(messages(slug, { [p.name]: v }), [], `${p.name}=${v}`);
        const bad = messages(slug, { [p.name]: 'bogus' });
        if (p.openEnum) assert.deepEqual(bad, []);
        else assert.match(bad[0] ?? '', new RegExp(`^${p.name}: ${p.name} must be one of ".*" \\(got "bogus"\\)$`));
      }
    }
    assert.deepEqual(messages(L, { image_format: 'gif' }), ['image_format: image_format must be one of "jpeg", "png", "webp" (got "gif")']);
    assert.deepEqual(messages(M, { scheduler: 'Restart' }), []);
    assert.match(messages(M, { scheduler: '  ' })[0] ?? '', /^scheduler: scheduler must be a non-empty name such as "DPM\+\+ SDE Karras".* \(got " {2}"\)$/);
  });

  it('checks booleans and text', () => {
    assert.deepEqual(messages(L, { base64: 'yes' }), ['base64: base64 must be true or false (got "yes")']);
    assert.deepEqual(messages(M, { negative_prompt: 3 }), ['negative_prompt: negative_prompt must be text (got 3)']);
    assert.deepEqual(messages(M, { negative_prompt: '' }), []);
  });

  it('refuses a missing, empty or whitespace prompt', () => {
    assert.deepEqual(validateParams(L, {}), [{ field: 'prompt', message: 'prompt is required: describe the image to generate' }]);
    assert.deepEqual(validateParams(M, { prompt: '' }).map((i) => i.field), ['prompt']);
    assert.deepEqual(validateParams(M, { prompt: ' \n\t ' }), [{ field: 'prompt', message: 'prompt must be non-empty text (got " \\n\\t ")' }]);
  });

  it('refuses unknown parameters and unknown models', () => {
    assert.deepEqual(validateParams(L, { prompt: 'x', foo: 1 }), [{ field: 'foo', message: 'Unknown parameter "foo" for Stable Diffusion 3.5 Large' }]);
    assert.deepEqual(validateParams(M, { prompt: 'x', samples: 2, batch_size: 2 }), [{ field: 'batch_size', message: 'Unknown parameter "batch_size" for Stable Diffusion 3 Medium' }]);
    assert.deepEqual(validateParams('sdxl', { prompt: 'x' }).map((i) => i.field), ['model']);
  });

  it('requires the conditioning range start below its stop', () => {
    assert.deepEqual(messages(M, { conditioningsettimesteprange_start: 0.5, conditioningsettimesteprange_stop: 0.6 }), []);
    assert.deepEqual(messages(M, { conditioningsettimesteprange_start: 0.6, conditioningsettimesteprange_stop: 0.6 }), [
      'conditioningsettimesteprange_start: conditioningsettimesteprange_start must be less than conditioningsettimesteprange_stop (got 0.6 and 0.6)',
    ]);
    assert.equal(messages(M, { conditioningsettimesteprange_stop: 0.1 }).length, 1, 'default start 0.1 vs stop 0.1');
  });

  it('treats -1, empty and absent seeds as random, and checks given seeds', () => {
    for (const seed of [undefined, null, '', -1]) assert.deepEqual(messages(M, { seed }), [], String(seed));
    assert.deepEqual(messages(M, { seed: 999999999999999 }), []);
    assert.deepEqual(messages(M, { seed: 1e15 }), ['seed: seed must be an integer from -1 to 999999999999999 (-1 = random) (got 1000000000000000)']);
    assert.deepEqual(messages(L, { seed: -2 }).length, 1);
    assert.deepEqual(messages(L, { seed: 1.5 }).length, 1);
  });
});

describe('hostile input', () => {
  it('refuses non-finite numbers, prototype keys and non-objects; keeps odd but valid text', () => {
    assert.equal(messages(L, { guidance_scale: Infinity }).length, 1);
    assert.equal(messages(L, { steps: -Infinity }).length, 1);
    assert.deepEqual(messages(L, { guidance_scale: -0 }).length, 1, '-0 is below the minimum 1');
    assert.deepEqual(messages(M, { seed: 2 ** 60 }).length, 1);
    const polluted = JSON.parse('{"prompt":"x","__proto__":{"admin":true},"constructor":1}') as Record<string, unknown>;
    assert.deepEqual(validateParams(L, polluted).map((i) => i.field).sort(), ['__proto__', 'constructor']);
    assert.deepEqual(validateParams(L, null as unknown as Record<string, unknown>).map((i) => i.field), ['params']);
    assert.deepEqual(validateParams(L, ['x'] as unknown as Record<string, unknown>).map((i) => i.field), ['params']);
    const inherited = Object.assign(Object.create({ steps: 20, foo: 1 }) as Record<string, unknown>, { prompt: 'x' });
    assert.deepEqual(validateParams(L, inherited), []);
    assert.equal(buildRequest(L, inherited).body.steps, 30, 'inherited values are ignored: the default applies');
    const many: Record<string, unknown> = { prompt: 'x' };
    for (let i = 0; i < 10_000; i++) many[`p${i}`] = 1;
    const issues = validateParams(L, many);
    assert.equal(issues.length, 6);
    assert.equal(issues[5]?.message, '9995 more unknown parameters for Stable Diffusion 3.5 Large');
    const odd = 'a\u202Ecat 🐱 \u0000 \u0007' + 'x'.repeat(100_000);
    assert.deepEqual(validateParams(L, { prompt: odd }), []);
    assert.equal(buildRequest(L, { prompt: odd }).body.prompt, odd, 'sent as given');
  });
});

describe('buildRequest', () => {
  it('merges the defaults and fills a concrete seed (SD 3.5 Large)', () => {
    const { model, body, seed } = buildRequest(L, { prompt: 'a cat', steps: 20 }, { randomSeed: () => 1234 });
    assert.equal(model.slug, L);
    assert.equal(seed, 1234);
    assert.deepEqual(body, {
      prompt: 'a cat', negative_prompt: 'low quality, blurry', aspect_ratio: 'custom', width: 1024, height: 1024,
      steps: 20, guidance_scale: 5.5, sampler: 'euler', scheduler: 'sgm_uniform', seed: 1234, batch_size: 1,
      image_format: 'jpeg', image_quality: 95, base64: false,
    });
  });

  it('merges the defaults and keeps a given seed (SD 3 Medium)', () => {
    const { body, seed } = buildRequest(M, { prompt: 'a cat', seed: 42, scheduler: 'Euler a', samples: 2 });
    assert.equal(seed, 42);
    assert.deepEqual(body, {
      prompt: 'a cat', img_width: 1024, img_height: 1024, num_inference_steps: 25, guidance_scale: 5,
      scheduler: 'Euler a', seed: 42, samples: 2, denoise: 1, modelsamplingsd3_shift: 3,
      conditioningsettimesteprange_start: 0.1, conditioningsettimesteprange_stop: 1, base64: false,
    });
  });

  it('replaces a random seed with a crypto-random 32-bit integer', () => {
    const seeds = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const { seed, body } = buildRequest(M, { prompt: 'x', seed: -1 });
      assert.ok(Number.isInteger(seed) && seed >= 0 && seed <= 0xffffffff);
      assert.equal(body.seed, seed);
      seeds.add(seed);
    }
    assert.ok(seeds.size > 15, 'seeds vary');
  });

  it('throws a validation SegmindError naming every problem', () => {
    assert.throws(() => buildRequest(L, { prompt: 'x', steps: 5, foo: 1 }), (e: unknown) => {
      assert.ok(e instanceof SegmindError);
      assert.equal(e.kind, 'validation');
      assert.equal(e.field, 'foo');
      assert.equal(e.mayBeBilled, false);
      assert.equal(e.message, 'Unknown parameter "foo" for Stable Diffusion 3.5 Large; steps must be an integer from 10 to 70 (got 5).');
      return true;
    });
  });
});

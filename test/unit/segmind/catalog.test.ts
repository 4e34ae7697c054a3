import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import {
  MODELS, MODEL_SLUGS, findParameter, imageCount, isModelSlug, outputFormat, outputSize, stepCount,
} from '../../../src/shared/catalog';

const L = MODELS['stable-diffusion-3.5-large-txt2img'];
const M = MODELS['stable-diffusion-3-medium-txt2img'];

describe('catalog', () => {
  it('lists both models by slug', () => {
    assert.deepEqual([...MODEL_SLUGS], ['stable-diffusion-3.5-large-txt2img', 'stable-diffusion-3-medium-txt2img']);
    for (const slug of MODEL_SLUGS) assert.equal(MODELS[slug].slug, slug);
    assert.ok(isModelSlug('stable-diffusion-3-medium-txt2img'));
    assert.ok(!isModelSlug('sdxl1.0-txt2img'));
    assert.ok(!isModelSlug(42));
    assert.equal(L.referenceSeconds, 17.5);
    assert.equal(M.referenceSeconds, 6);
  });

  it('has every SD 3.5 Large parameter of the page', () => {
    assert.deepEqual(L.parameters.map((p) => p.name).sort(), [
      'aspect_ratio', 'base64', 'batch_size', 'guidance_scale', 'height', 'image_format', 'image_quality',
      'negative_prompt', 'prompt', 'sampler', 'scheduler', 'seed', 'steps', 'width',
    ]);
    const p = (n: string) => findParameter(L, n);
    assert.deepEqual({ ...p('steps') }, { ...p('steps'), type: 'integer', min: 10, max: 70, default: 30 });
    assert.deepEqual([p('guidance_scale')?.min, p('guidance_scale')?.max, p('guidance_scale')?.default], [1, 15, 5.5]);
    assert.deepEqual([p('width')?.min, p('width')?.max, p('width')?.default], [64, 2048, 1024]);
    assert.deepEqual([p('height')?.min, p('height')?.max, p('height')?.default], [64, 2048, 1024]);
    assert.deepEqual(p('width')?.visibleWhen, { param: 'aspect_ratio', equals: 'custom' });
    assert.deepEqual([p('batch_size')?.min, p('batch_size')?.max, p('batch_size')?.default], [1, 10, 1]);
    assert.deepEqual([p('image_quality')?.min, p('image_quality')?.max, p('image_quality')?.default], [10, 100, 95]);
    assert.deepEqual(p('image_format')?.values, ['jpeg', 'png', 'webp']);
    assert.equal(p('sampler')?.values?.length, 26);
    assert.equal(new Set(p('sampler')?.values).size, 26);
    assert.ok(p('sampler')?.values?.includes('euler_ancestral'));
    assert.ok(p('sampler')?.values?.includes('euler_ancestral_cfg_pp'));
    assert.deepEqual(p('scheduler')?.values, ['normal', 'karras', 'exponential', 'sgm_uniform', 'simple', 'ddim_uniform', 'beta']);
    assert.equal(p('aspect_ratio')?.values?.length, 10);
    assert.equal(p('aspect_ratio')?.default, 'custom');
    assert.equal(p('negative_prompt')?.default, 'low quality, blurry');
    assert.equal(p('prompt')?.required, true);
    assert.equal(p('prompt')?.default, undefined);
    assert.equal(p('seed')?.default, undefined);
    assert.equal(p('seed')?.isSeed, true);
    assert.equal(p('base64')?.default, false);
  });

  it('has every SD 3 Medium parameter of the page', () => {
    assert.deepEqual(M.parameters.map((p) => p.name).sort(), [
      'base64', 'conditioningsettimesteprange_start', 'conditioningsettimesteprange_stop', 'denoise', 'guidance_scale',
      'img_height', 'img_width', 'modelsamplingsd3_shift', 'negative_prompt', 'num_inference_steps', 'prompt',
      'samples', 'scheduler', 'seed',
    ]);
    const p = (n: string) => findParameter(M, n);
    const range = (n: string) => [p(n)?.type, p(n)?.min, p(n)?.max, p(n)?.default];
    assert.deepEqual(range('samples'), ['integer', 1, 4, 1]);
    assert.deepEqual(range('num_inference_steps'), ['integer', 10, 100, 25]);
    assert.deepEqual(range('guidance_scale'), ['number', 1, 25, 5]);
    assert.deepEqual(range('denoise'), ['number', 0.1, 1, 1]);
    assert.deepEqual(range('img_width'), ['integer', 512, 2048, 1024]);
    assert.deepEqual(range('img_height'), ['integer', 512, 2048, 1024]);
    assert.equal(p('img_width')?.step, 8);
    assert.deepEqual(range('modelsamplingsd3_shift'), ['integer', 1, 10, 3]);
    assert.deepEqual(range('conditioningsettimesteprange_start'), ['number', 0.1, 1, 0.1]);
    assert.deepEqual(range('conditioningsettimesteprange_stop'), ['number', 0.1, 1, 1]);
    assert.deepEqual([p('seed')?.min, p('seed')?.max, p('seed')?.default], [-1, 999999999999999, undefined]);
    assert.equal(p('negative_prompt')?.default, undefined);
    const scheduler = p('scheduler');
    assert.equal(scheduler?.default, 'DPM++ 2M');
    assert.equal(scheduler?.openEnum, true);
    assert.equal(scheduler?.values?.length, 29);
    assert.equal(new Set(scheduler?.values).size, 29);
    assert.equal(scheduler?.inferredValues?.length, 19);
    for (const v of scheduler?.inferredValues ?? []) assert.ok(scheduler?.values?.includes(v), v);
    for (const published of ['DPM++ SDE Karras', 'DPM++ 2M SDE Exponential', 'LMS Karras']) {
      assert.ok(scheduler?.values?.includes(published) && !scheduler.inferredValues?.includes(published), published);
    }
  });

  it('gives every parameter a label, help and group; defaults within bounds', () => {
    for (const model of Object.values(MODELS)) {
      for (const p of model.parameters) {
        assert.ok(p.label.length > 0 && p.help.length > 0, p.name);
        assert.ok(['prompt', 'size', 'sampling', 'output', 'advanced'].includes(p.group), p.name);
        if (typeof p.default === 'number') assert.ok(p.default >= (p.min ?? -Infinity) && p.default <= (p.max ?? Infinity), p.name);
        if (p.type === 'enum') assert.ok(p.values?.includes(String(p.default)), p.name);
      }
      assert.equal(model.parameters.filter((p) => p.required).map((p) => p.name).join(), 'prompt');
    }
  });

  it('derives output size, format, count and steps', () => {
    assert.deepEqual(outputSize(L, {}), { width: 1024, height: 1024 });
    assert.deepEqual(outputSize(L, { width: 640, height: 320 }), { width: 640, height: 320 });
    assert.deepEqual(outputSize(L, { aspect_ratio: '16:9 landscape 1344x768', width: 64 }), { width: 1344, height: 768 });
    assert.deepEqual(outputSize(L, { aspect_ratio: '9:21 portrait 640x1536' }), { width: 640, height: 1536 });
    assert.deepEqual(outputSize(M, { img_width: 512, img_height: 768 }), { width: 512, height: 768 });
    assert.equal(outputFormat(L, {}), 'jpeg');
    assert.equal(outputFormat(L, { image_format: 'webp' }), 'webp');
    assert.equal(outputFormat(M, {}), 'jpeg');
    assert.equal(imageCount(L, { batch_size: 3 }), 3);
    assert.equal(imageCount(M, { samples: 4 }), 4);
    assert.equal(imageCount(M, {}), 1);
    assert.equal(stepCount(L, {}), 30);
    assert.equal(stepCount(M, { num_inference_steps: 50 }), 50);
  });
});
